import 'server-only';
import { z } from 'zod';
import { PLANS, PLAN_RULES, TIERS, allowedTiers } from '../../../domain/plans';
import { accountOf } from '../../billing/account';
import { modelsOfferedTo } from '../../models/offered';
import { API_SCOPES, type ApiCaller } from '../authenticate';

// The answers' shapes, for the OpenAPI document (server/api/openapi) and the tests that parse real answers with them.
export const accountSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  balance: z.number().int().meta({ description: 'Credits.' }),
  plan: z.enum(PLANS),
  limits: z.object({
    tiers: z.array(z.enum(TIERS)),
    maxQueued: z.number().int(),
    maxRunning: z.number().int(),
    requestsPerMinute: z.number().int(),
    generationsPerMinute: z.number().int(),
  }),
  key: z
    .object({ id: z.uuid(), scopes: z.array(z.enum(API_SCOPES)) })
    .nullable()
    .meta({ description: 'The API key making the call; null for the browser session.' }),
});

export const modelListSchema = z.object({
  data: z.array(z.object({ id: z.string(), name: z.string(), nativeWidth: z.number().int(), nativeHeight: z.number().int() })),
});

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

/** The models the caller may use: test models (kumori.json `test`) are listed to admins only. */
export async function describeModels(caller: Pick<ApiCaller, 'user'>) {
  const models = await modelsOfferedTo(caller.user.role);
  return {
    data: models.map((m) => ({ id: m.id, name: m.displayName, nativeWidth: m.nativeWidth, nativeHeight: m.nativeHeight })),
  };
}
