import { z } from 'zod';
import { OperatorCode } from './senders.js';

export const CreateChannelRequest = z.object({
  name: z.string().trim().min(2).max(100),
  driver: z.string().min(1),
  /** The driver's own settings; validated by the driver manifest's schema. */
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean().optional(),
  priority: z.number().int().min(0).max(10_000).optional(),
  /** Let this channel deliver under the provider's own name where the operator allows it. Off by default. */
  allowProviderSender: z.boolean().optional(),
});
export const UpdateChannelRequest = CreateChannelRequest.omit({ driver: true }).partial();

export const SetRouteRequest = z.object({ channelIds: z.array(z.string().uuid()) });
export const RouteList = z.object({
  items: z.array(z.object({ operator: OperatorCode, channelIds: z.array(z.string()) })),
});

export const ChannelSummary = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  enabled: z.boolean(),
  priority: z.number(),
  allowProviderSender: z.boolean(),
  /** Settings with secrets masked (write-only). */
  config: z.record(z.string(), z.unknown()),
  health: z.string(),
  healthDetail: z.string().nullable(),
  healthSince: z.string().nullable(),
  operators: z.array(OperatorCode),
});
export const ChannelList = z.object({
  queue: z.object({ waiting: z.number(), delayed: z.number(), active: z.number() }),
  items: z.array(ChannelSummary),
});
export const DriverList = z.object({
  items: z.array(z.object({ name: z.string(), title: z.string(), description: z.string(), configSchema: z.unknown() })),
});
