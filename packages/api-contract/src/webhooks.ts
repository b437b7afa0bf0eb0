import { z } from 'zod';
import { MessageStatus } from './messages.js';

/** The header that carries a delivery's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'Mtredi-Signature';

/**
 * How a delivery is shaped: `mtredi` POSTs the signed JSON event below; `smsoffice` calls the URL with GET
 * and smsoffice.ge's callback parameters (reference, status, reason, destination, timestamp, operator) and
 * expects the literal answer `OK`, so integrations written for smsoffice.ge keep working.
 */
export const WebhookFormat = z.enum(['mtredi', 'smsoffice']);
export type WebhookFormat = z.infer<typeof WebhookFormat>;

const WebhookUrl = z
  .string()
  .trim()
  .max(2000, 'url is longer than 2,000 characters')
  .pipe(z.url({ protocol: /^https?$/, error: 'url must be an http:// or https:// address' }));

/** Statuses to be told about; omitted or null: every status. */
const WebhookEvents = z
  .array(MessageStatus)
  .min(1, 'events must name at least one status (or be left out for all)')
  .refine((events) => new Set(events).size === events.length, 'events must not repeat a status');

export const CreateWebhookRequest = z.object({
  url: WebhookUrl,
  description: z.string().trim().max(200, 'description is longer than 200 characters').optional(),
  events: WebhookEvents.optional(),
  format: WebhookFormat.default('mtredi'),
});
export type CreateWebhookRequest = z.input<typeof CreateWebhookRequest>;

export const UpdateWebhookRequest = z
  .object({
    url: WebhookUrl,
    description: z.string().trim().max(200, 'description is longer than 200 characters').nullable(),
    events: WebhookEvents.nullable(),
    format: WebhookFormat,
    enabled: z.boolean(),
  })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, 'name at least one field to change');
export type UpdateWebhookRequest = z.input<typeof UpdateWebhookRequest>;

export const Webhook = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  format: WebhookFormat,
  /** null: every status. */
  events: z.array(MessageStatus).nullable(),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Webhook = z.infer<typeof Webhook>;

/** The answer to creating a webhook: the only time its signing secret is shown. */
export const CreatedWebhook = Webhook.extend({ secret: z.string() });
export type CreatedWebhook = z.infer<typeof CreatedWebhook>;

export const WebhookList = z.object({ items: z.array(Webhook) });
export type WebhookList = z.infer<typeof WebhookList>;

/**
 * The body of a `mtredi` delivery, version 1. `id` identifies the event: a retried delivery carries the same
 * id, so a receiver can drop repeats. Deliveries may arrive out of order; `data.at` orders them.
 *
 * One event per change in the message's history, so the events tell what `GET /v1/messages/:id` shows.
 * Usually `queued`, `in_transit`, then one final status. A message whose submit the channel accepted but
 * never got to the operator is sent again: `queued` with errorCode `channel/unconfirmed_resent`, then
 * `in_transit` again (possibly through another channel), then its final status; it is charged once.
 */
export const MessageStatusEvent = z.object({
  version: z.literal(1),
  type: z.literal('message.status'),
  id: z.string(),
  createdAt: z.string(),
  /** true only for the events sent by "send test event". */
  test: z.boolean(),
  data: z.object({
    messageId: z.string(),
    reference: z.string().nullable(),
    to: z.string(),
    status: MessageStatus,
    errorCode: z.string().nullable(),
    at: z.string(),
  }),
});
export type MessageStatusEvent = z.infer<typeof MessageStatusEvent>;

export const WebhookDeliveryStatus = z.enum(['pending', 'delivered', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

/** One event's delivery to one webhook, with its attempts so far. */
export const WebhookDelivery = z.object({
  id: z.string(),
  eventId: z.string(),
  messageId: z.string().nullable(),
  /** The message status the event reports. */
  event: MessageStatus,
  test: z.boolean(),
  format: WebhookFormat,
  status: WebhookDeliveryStatus,
  attempts: z.number().int(),
  /** HTTP status of the last answer; null when there was none (timeout, refused connection). */
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  /** When the next attempt is due; null once delivered or given up. */
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  /** What is sent: the JSON body (`mtredi`) or the query parameters (`smsoffice`). */
  payload: z.record(z.string(), z.unknown()),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryList = z.object({ items: z.array(WebhookDelivery) });
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;

export const ListDeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  status: WebhookDeliveryStatus.optional(),
  /** Cursor: only deliveries created before the delivery with this id. */
  before: z.string().optional(),
});
