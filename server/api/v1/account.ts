import 'server-only';
import { PLAN_RULES, allowedTiers } from '../../../domain/plans';
import { accountOf } from '../../billing/account';
import { installedModels } from '../../models/installed';
import type { ApiCaller } from '../authenticate';

/** The caller's balance, plan and the plan's limits, as `GET /api/v1/me` answers them. */
export async function describeAccount(caller: ApiCaller) {
  const { balance, plan } = await accountOf(caller.user.id);
  const rules = PLAN_RULES[plan];
  return {
    id: caller.user.id,
    email: caller.user.email,
    balance,
    plan,
    limits: {
      tiers: allowedTiers(plan),
      maxQueued: rules.maxQueued,
      maxRunning: rules.maxRunning,
      requestsPerMinute: rules.apiRequestsPerMinute,
      generationsPerMinute: rules.apiGenerationsPerMinute,
    },
    key: caller.keyId === null ? null : { id: caller.keyId, scopes: caller.scopes },
  };
}

export async function describeModels() {
  const models = await installedModels();
  return {
    data: models.map((m) => ({ id: m.id, name: m.displayName, nativeWidth: m.nativeWidth, nativeHeight: m.nativeHeight })),
  };
}
