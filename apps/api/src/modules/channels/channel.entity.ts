import { defineEntity, p } from '@mikro-orm/core';

/** A configured connection to an operator or aggregator, run by the driver named in `driver`. */
export const ChannelSchema = defineEntity({
  name: 'Channel',
  tableName: 'channels',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(100).unique(),
    driver: p.string().length(50),
    /** Driver settings, validated by the driver manifest's schema; versioned like every persisted payload. */
    config: p.json<{ version: number; settings: Record<string, unknown> }>(),
    enabled: p.boolean().default(true),
    /**
     * Staff allow this channel to deliver under the provider's own name where the operator permits it (the
     * reserve channel in 2020); off by default, and customers are told before sending when it applies.
     */
    allowProviderSender: p.boolean().default(false),
    /** Lower is tried first. */
    priority: p.integer().default(100),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class Channel extends ChannelSchema.class {}
ChannelSchema.setClass(Channel);
