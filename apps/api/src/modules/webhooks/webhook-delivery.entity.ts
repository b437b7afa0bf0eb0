import { defineEntity, p } from '@mikro-orm/core';
import { MESSAGE_STATUSES } from '../messaging/message.entity.js';
import { WEBHOOK_FORMATS, Webhook } from './webhook.entity.js';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/**
 * One event for one webhook: the outbox row that makes a delivery survive restarts, and its log. The payload
 * is fixed when the event happens; every attempt sends it again with a fresh signature.
 */
export const WebhookDeliverySchema = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_deliveries',
  indexes: [{ properties: ['webhook', 'createdAt'] }, { properties: ['status', 'nextAttemptAt'] }],
  properties: {
    id: p.uuid().primary(),
    webhook: () => p.manyToOne(Webhook).ref(),
    organizationId: p.uuid(),
    /** Shared by the deliveries of one status change to several webhooks; receivers drop repeats by it. */
    eventId: p.uuid(),
    messageId: p.uuid().nullable(),
    event: p.enum(MESSAGE_STATUSES),
    test: p.boolean().default(false),
    format: p.enum(WEBHOOK_FORMATS),
    payload: p.json<Record<string, unknown>>(),
    status: p.enum(DELIVERY_STATUSES).default('pending'),
    attempts: p.integer().default(0),
    lastStatusCode: p.integer().nullable(),
    lastError: p.string().length(300).nullable(),
    lastAttemptAt: p.datetime().nullable(),
    nextAttemptAt: p.datetime().nullable(),
    /** A worker's claim on the attempt in progress; an expired claim is picked up again by the sweeper. */
    claimedUntil: p.datetime().nullable(),
    deliveredAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class WebhookDelivery extends WebhookDeliverySchema.class {}
WebhookDeliverySchema.setClass(WebhookDelivery);
