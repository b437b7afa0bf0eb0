import { defineEntity, p } from '@mikro-orm/core';
import { Organization } from '../accounts/organization.entity.js';
import type { MessageStatusValue } from '../messaging/message.entity.js';

export const WEBHOOK_FORMATS = ['mtredi', 'smsoffice'] as const;
export type WebhookFormatValue = (typeof WEBHOOK_FORMATS)[number];

/**
 * An organization's endpoint for status changes. The signing secret is kept as is, not hashed: every
 * delivery is signed with it, so it must be readable; the API shows it only once, at creation.
 */
export const WebhookSchema = defineEntity({
  name: 'Webhook',
  tableName: 'webhooks',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).ref().index(),
    url: p.string().length(2000),
    description: p.string().length(200).nullable(),
    format: p.enum(WEBHOOK_FORMATS).default('mtredi'),
    /** The statuses to deliver; null: all of them. */
    events: p.json<MessageStatusValue[]>().nullable(),
    secret: p.string().length(100),
    enabled: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export class Webhook extends WebhookSchema.class {}
WebhookSchema.setClass(Webhook);
