import { z } from 'zod';

/** Campaign work: submitting the stored messages a chunk per job. */
export const CAMPAIGNS_QUEUE = 'campaigns';
/**
 * Planning and storing a campaign's messages (fan-out), on a queue of its own: a paced fan-out lasts as long
 * as its campaign sends, and must never hold a slot that the chunks it waits for need.
 */
export const CAMPAIGN_FANOUT_QUEUE = 'campaign-fanout';
export const FANOUT_JOB = 'fanout';
export const SUBMIT_CHUNK_JOB = 'submit-chunk';

export const FanoutJob = z.object({ version: z.literal(1), campaignId: z.uuid() });
export const SubmitChunkJob = z.object({
  version: z.literal(1),
  campaignId: z.uuid(),
  messageIds: z.array(z.uuid()).max(5000),
});
export type SubmitChunkJob = z.infer<typeof SubmitChunkJob>;
