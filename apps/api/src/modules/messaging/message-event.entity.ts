import { defineEntity, p } from '@mikro-orm/core';
import { MESSAGE_STATUSES } from './message.entity.js';

/** One status change of a message, kept for the customer's history view. */
export const MessageEventSchema = defineEntity({
  name: 'MessageEvent',
  tableName: 'message_events',
  indexes: [{ properties: ['messageId', 'at'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    messageId: p.uuid(),
    status: p.enum(MESSAGE_STATUSES),
    errorCode: p.string().length(40).nullable(),
    at: p.datetime(),
  },
});
export class MessageEvent extends MessageEventSchema.class {}
MessageEventSchema.setClass(MessageEvent);
