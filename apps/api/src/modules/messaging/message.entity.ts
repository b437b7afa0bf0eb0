import { defineEntity, p } from '@mikro-orm/core';
import { Organization } from '../accounts/organization.entity.js';

export const MESSAGE_STATUSES = [
  'queued',
  'in_transit',
  'delivered',
  'undelivered',
  'expired',
  'rejected',
  'failed',
] as const;
export type MessageStatusValue = (typeof MESSAGE_STATUSES)[number];

export const MessageSchema = defineEntity({
  name: 'Message',
  tableName: 'messages',
  uniques: [{ properties: ['campaignId', 'to'] }],
  // Partial where only one state or some rows need them: a status change then writes fewer index entries.
  indexes: [
    { properties: ['organization', 'createdAt'] },
    {
      name: 'messages_queued_updated_at_index',
      expression: `create index messages_queued_updated_at_index on messages (updated_at) where status = 'queued'`,
    },
    {
      name: 'messages_queued_campaign_id_index',
      expression: `create index messages_queued_campaign_id_index on messages (campaign_id) where status = 'queued'`,
    },
    {
      name: 'messages_organization_id_reference_index',
      expression: `create index messages_organization_id_reference_index on messages (organization_id, reference) where reference is not null`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).ref(),
    to: p.string().length(20).fieldName('recipient'),
    sender: p.string().length(11),
    text: p.text(),
    reference: p.string().length(100).nullable(),
    status: p.enum(MESSAGE_STATUSES).default('queued'),
    encoding: p.enum(['gsm7', 'ucs2'] as const),
    parts: p.integer(),
    channelId: p.uuid().nullable(),
    /** Set for messages of a campaign; one message per number per campaign. */
    campaignId: p.uuid().nullable(),
    operator: p.string().length(20).nullable(),
    errorCode: p.string().length(40).nullable(),
    /** Submit attempts so far; a retry reuses the message's identity. */
    attempts: p.integer().default(0),
    /** A worker's claim: while in the future, no other worker submits this message. */
    claimedUntil: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
    /** When a channel last accepted it (its history's in_transit, kept on the row: no history row per send). */
    sentAt: p.datetime().nullable(),
    /** When its final receipt came (its history's final status, with errorCode). */
    doneAt: p.datetime().nullable(),
  },
});
export class Message extends MessageSchema.class {}
MessageSchema.setClass(Message);
