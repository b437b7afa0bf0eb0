import {
  CampaignOptions,
  CampaignRecipients,
  type CreateCampaignRequest,
  StatsSummary as StatsSummarySchema,
  type UpdateCampaignRequest,
} from '@mtredi/api-contract';
import { z } from 'zod';
import { queryString } from './query.js';
import type { Transport } from './transport.js';

const id = (value: string): string => encodeURIComponent(value);

export const CampaignStatus = z.enum(['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

/** Who a campaign reaches after de-duplication and every exclusion, and what it costs in parts. */
export const CampaignTotals = z.object({
  recipients: z.number(),
  messages: z.number(),
  parts: z.number(),
  duplicates: z.number(),
  skippedStopped: z.number(),
  skippedInvalid: z.number(),
  skippedMissing: z.number(),
  skippedUnauthorized: z.number(),
  skippedUndeliverable: z.number(),
});
export type CampaignTotals = z.infer<typeof CampaignTotals>;

/**
 * A campaign as the API answers it. The contract package has the requests only, so the answer's shape
 * is written here from `apps/api/src/modules/campaigns/campaigns.service.ts` (toDto).
 */
export const Campaign = z.object({
  id: z.string(),
  name: z.string(),
  status: CampaignStatus,
  sender: z.string(),
  text: z.string(),
  /** The template the text was written from; null when none (or it was deleted since). */
  templateId: z.string().nullable(),
  template: z.object({ id: z.string(), name: z.string() }).nullable(),
  recipients: CampaignRecipients,
  options: CampaignOptions,
  /** Set when the fan-out has planned every message; null before. */
  totals: CampaignTotals.nullable(),
  /** Messages it sends: the totals' once the fan-out is done, before that the estimate when it was started. */
  planned: z.number().nullable(),
  failure: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  stats: StatsSummarySchema,
});
export type Campaign = z.infer<typeof Campaign>;
export const CampaignList = z.object({ items: z.array(Campaign) });

export const CampaignEstimate = CampaignTotals.extend({
  cost: z.number(),
  available: z.number(),
  enoughCredit: z.boolean(),
});
export type CampaignEstimate = z.infer<typeof CampaignEstimate>;

export const DailyStats = z.object({ items: z.array(StatsSummarySchema.extend({ day: z.string() })) });
export type DailyStatsRow = z.infer<typeof DailyStats>['items'][number];
export type StatsSummary = z.infer<typeof StatsSummarySchema>;

/** Campaigns from draft to report, and the per-day statistics. */
export function campaignEndpoints(t: Transport, baseUrl = '') {
  return {
    listCampaigns: () => t.get(CampaignList, '/v1/campaigns'),
    createCampaign: (request: z.input<typeof CreateCampaignRequest>) =>
      t.send(Campaign, 'POST', '/v1/campaigns', request),
    getCampaign: (campaignId: string) => t.get(Campaign, `/v1/campaigns/${id(campaignId)}`),
    /** Drafts only; 409 `campaigns/illegal_state` once started. */
    updateCampaign: (campaignId: string, changes: z.input<typeof UpdateCampaignRequest>) =>
      t.send(Campaign, 'PATCH', `/v1/campaigns/${id(campaignId)}`, changes),
    estimateCampaign: (campaignId: string) =>
      t.send(CampaignEstimate, 'POST', `/v1/campaigns/${id(campaignId)}/estimate`),
    /**
     * Now, or at `at` (ISO 8601 with its offset). 402 `billing/insufficient_credit`, 422
     * `campaigns/no_recipients`, 403 while the organization is not active.
     */
    startCampaign: (campaignId: string, at?: string) =>
      t.send(Campaign, 'POST', `/v1/campaigns/${id(campaignId)}/start`, at ? { at } : {}),
    pauseCampaign: (campaignId: string) => t.send(Campaign, 'POST', `/v1/campaigns/${id(campaignId)}/pause`),
    resumeCampaign: (campaignId: string) => t.send(Campaign, 'POST', `/v1/campaigns/${id(campaignId)}/resume`),
    /** Unsent messages are cancelled and their reserved credit returned. */
    cancelCampaign: (campaignId: string) => t.send(Campaign, 'POST', `/v1/campaigns/${id(campaignId)}/cancel`),

    /** Tbilisi calendar days, `from` and `to` included (YYYY-MM-DD). */
    dailyStatistics: (from: string, to: string) =>
      t.get(DailyStats, `/v1/statistics/daily${queryString({ from, to })}`),
    /** A plain link: the browser downloads the .xlsx with the session cookie; headers in `language`. */
    dailyStatisticsExportUrl: (from: string, to: string, language: 'ka' | 'en') =>
      `${baseUrl}/v1/statistics/daily/export.xlsx${queryString({ from, to, language })}`,
  };
}
