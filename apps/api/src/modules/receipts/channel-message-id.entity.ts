import { defineEntity, p } from '@mikro-orm/core';

/** The id a channel gave one part of a message; receipts are matched through this index. */
export const ChannelMessageIdSchema = defineEntity({
  name: 'ChannelMessageId',
  tableName: 'channel_message_ids',
  properties: {
    // Key order (channel_message_id, channel_id): receipts look ids up by the id the channel gave (see the migration).
    channelMessageId: p.string().length(80).primary(),
    channelId: p.uuid().primary(),
    messageId: p.uuid().index(),
    part: p.integer(),
  },
});
export class ChannelMessageId extends ChannelMessageIdSchema.class {}
ChannelMessageIdSchema.setClass(ChannelMessageId);
