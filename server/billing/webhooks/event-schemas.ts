import { z } from 'zod';

/**
 * The fields Kumori reads from each event's object, parsed once at the edge. Stripe objects
 * carry many more; ids that can be expanded objects are read as ids (what webhooks send).
 */
const metadata = z.record(z.string(), z.string()).nullish().transform((m) => m ?? {});
const id = z.string().min(1);

export const checkoutSessionSchema = z.object({
  id,
  mode: z.enum(['payment', 'subscription', 'setup']),
  payment_status: z.enum(['paid', 'unpaid', 'no_payment_required']),
  customer: z.string().nullish(),
  payment_intent: z.string().nullish(),
  subscription: z.string().nullish(),
  amount_total: z.number().int().nullish(),
  currency: z.string().nullish(),
  metadata,
});
export type CheckoutSessionObject = z.infer<typeof checkoutSessionSchema>;

export const invoiceSchema = z.object({
  id,
  customer: z.string().nullish(),
  amount_paid: z.number().int(),
  currency: z.string(),
  lines: z.object({
    data: z.array(
      z.object({
        pricing: z.object({ price_details: z.object({ price: z.string() }).nullish() }).nullish(),
        metadata,
      }),
    ),
  }),
  parent: z
    .object({ subscription_details: z.object({ subscription: z.string().nullish(), metadata }).nullish() })
    .nullish(),
  payments: z
    .object({ data: z.array(z.object({ payment: z.object({ payment_intent: z.string().nullish() }).nullish() })) })
    .nullish(),
});
export type InvoiceObject = z.infer<typeof invoiceSchema>;

export const subscriptionSchema = z.object({
  id,
  customer: z.string().nullish(),
  status: z.string(),
  items: z.object({ data: z.array(z.object({ price: z.object({ id: z.string() }) })) }),
  metadata,
});
export type SubscriptionObject = z.infer<typeof subscriptionSchema>;

export const chargeSchema = z.object({
  id,
  amount: z.number().int(),
  amount_refunded: z.number().int(),
  payment_intent: z.string().nullish(),
});

export const disputeSchema = z.object({
  id,
  amount: z.number().int(),
  charge: z.string(),
  payment_intent: z.string().nullish(),
});
