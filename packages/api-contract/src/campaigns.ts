import { z } from 'zod';
import { TextOptions } from './messages.js';

export const CampaignRecipients = z.object({
  groupIds: z.array(z.string().uuid()).default([]),
  contactIds: z.array(z.string().uuid()).max(100_000).default([]),
  /** Pasted numbers in any common Georgian form; invalid ones are counted, not sent. */
  numbers: z.array(z.string().max(40)).max(100_000).default([]),
});

export const CampaignOptions = z.object({
  transliterate: TextOptions.shape.transliterate.unwrap().default('none'),
  replaceLookalikes: z.boolean().default(false),
  /** A contact without a placeholder's value: skip it, or send with `fallback` in its place. */
  missing: z.enum(['skip', 'fallback']).default('fallback'),
  fallback: z.string().max(100).default(''),
  /** Advertising: append the free opt-out instruction the law requires. */
  optOut: z.boolean().default(false),
});

export const CreateCampaignRequest = z.object({
  name: z.string().trim().min(1).max(200),
  sender: z.string().trim().min(1).max(11),
  /** Text with placeholders ({first_name}, {last_name}, custom fields). */
  text: z.string().refine((t) => t.trim().length > 0, 'text must not be empty'),
  /** The template the text was written from (kept for the report); the text itself is what is sent. */
  templateId: z.string().uuid().nullable().optional(),
  recipients: CampaignRecipients,
  options: CampaignOptions.default({
    transliterate: 'none',
    replaceLookalikes: false,
    missing: 'fallback',
    fallback: '',
    optOut: false,
  }),
});
export const UpdateCampaignRequest = CreateCampaignRequest.partial();

/** Start now, or at a time (ISO 8601 with offset; the portal uses Asia/Tbilisi, +04:00). */
export const StartCampaignRequest = z.object({ at: z.iso.datetime({ offset: true }).optional() });

export const StatsSummary = z.object({
  accepted: z.number(),
  sent: z.number(),
  delivered: z.number(),
  undelivered: z.number(),
  expired: z.number(),
  rejected: z.number(),
  failed: z.number(),
  inTransit: z.number(),
  deliveryRate: z.number().nullable(),
  timeToDeliverP50Ms: z.number().nullable(),
  timeToDeliverP95Ms: z.number().nullable(),
});

export const DailyStatsQuery = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  /** Only the messages this channel carried (ids as in GET /v1/statistics/channels). */
  channelId: z.string().uuid().optional(),
});
/** The same days and filter as an Excel file, with column names in the portal's language. */
export const DailyStatsExportQuery = DailyStatsQuery.extend({ language: z.enum(['ka', 'en']).default('ka') });
export const ChannelStatsQuery = DailyStatsQuery.omit({ channelId: true });
