'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ok } from '@/domain/result';
import { userAction } from '@/server/auth/action';
import { replayDelivery } from '@/server/webhooks/deliveries';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  enableWebhookEndpoint,
  rotateWebhookSecret,
  sendTestEvent,
} from '@/server/webhooks/manage-endpoints';

const PAGE = '/settings/webhooks';
// createWebhookEndpoint parses these itself (server/webhooks/webhook-input.ts), with the messages the form shows.
const createForm = z.object({ url: z.unknown(), events: z.unknown() });
const endpointForm = z.object({ endpointId: z.string() });

export const createWebhookAction = userAction(createForm, async (input, user) => {
  const result = await createWebhookEndpoint(user, input);
  if (!result.ok) return result;
  revalidatePath(PAGE);
  return ok({ id: result.endpoint.id, secret: result.secret, message: `Added ${result.endpoint.url}` });
});

export const deleteWebhookAction = userAction(endpointForm, async ({ endpointId }, user) => {
  const result = await deleteWebhookEndpoint(user, endpointId);
  if (!result.ok) return result;
  revalidatePath(PAGE);
  return ok({ message: `Deleted ${result.endpoint.url}.` });
});

export const rotateWebhookSecretAction = userAction(endpointForm, async ({ endpointId }, user) => {
  const result = await rotateWebhookSecret(user, endpointId);
  if (!result.ok) return result;
  revalidatePath(PAGE);
  return ok({ secret: result.secret, message: 'New secret made. The old one keeps signing for 24 hours.' });
});

export const enableWebhookAction = userAction(endpointForm, async ({ endpointId }, user) => {
  const result = await enableWebhookEndpoint(user, endpointId);
  if (!result.ok) return result;
  revalidatePath(PAGE);
  return ok({ message: 'Enabled. New events will be sent.' });
});

export const sendTestEventAction = userAction(endpointForm, async ({ endpointId }, user) => {
  const result = await sendTestEvent(user.id, endpointId);
  if (!result.ok) return result;
  revalidatePath(PAGE);
  return ok({ message: 'Test event queued.' });
});

export const replayDeliveryAction = userAction(endpointForm.extend({ deliveryId: z.string() }), async ({ endpointId, deliveryId }, user) => {
  const result = await replayDelivery(user.id, endpointId, deliveryId);
  if (!result.ok) return result;
  revalidatePath(PAGE);
  return ok({ message: 'Replay queued.' });
});
