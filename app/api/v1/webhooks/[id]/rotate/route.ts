import { apiRoute, reply } from '@/server/api/v1/handler';
import { rotateWebhookSecret } from '@/server/webhooks/manage-endpoints';

export const dynamic = 'force-dynamic';

/** A new secret, shown once; the old one keeps signing until `previousSecretExpiresAt`. */
export const POST = apiRoute<{ id: string }>({ scope: 'webhooks', post: true, sealedFields: ['secret'] }, async ({ caller, params }) => {
  const rotated = await rotateWebhookSecret(caller.user, params.id);
  if (!rotated.ok) return rotated;
  return reply({ id: rotated.endpoint.id, secret: rotated.secret, previousSecretExpiresAt: rotated.endpoint.previousSecretExpiresAt });
});
