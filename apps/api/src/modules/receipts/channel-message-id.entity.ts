import { defineEntity, p } from '@mikro-orm/core';

/** The id a channel gave one part of a message; receipts are matched through this index. */
export const ChannelMessageIdSchema = defineEntity({
  name: 'ChannelMessageId',
  tableName: 'channel_message_ids',
  properties: {
    channelId: p.uuid().primary(),
    channelMessageId: p.string().length(80).primary(),
    messageId: p.uuid().index(),
    part: p.integer(),
  },
});
export class ChannelMessageId extends ChannelMessageIdSchema.class {}
ChannelMessageIdSchema.setClass(ChannelMessageId);
