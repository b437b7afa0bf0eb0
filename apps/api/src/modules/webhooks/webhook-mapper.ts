import type { WebhookDelivery as DeliveryDto, Webhook as WebhookDto } from '@mtredi/api-contract';
import type { Webhook } from './webhook.entity.js';
import type { WebhookDelivery } from './webhook-delivery.entity.js';

export function toWebhookDto(hook: Webhook): WebhookDto {
  return {
    id: hook.id,
    url: hook.url,
    description: hook.description ?? null,
    format: hook.format,
    events: hook.events ?? null,
    enabled: hook.enabled,
    createdAt: hook.createdAt.toISOString(),
    updatedAt: hook.updatedAt.toISOString(),
  };
}

export function toDeliveryDto(d: WebhookDelivery): DeliveryDto {
  return {
    id: d.id,
    eventId: d.eventId,
    messageId: d.messageId ?? null,
    event: d.event,
    test: d.test,
    format: d.format,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode ?? null,
    lastError: d.lastError ?? null,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    payload: d.payload,
  };
}
