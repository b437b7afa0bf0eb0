import { z } from 'zod';

/** Campaign work: planning and storing the messages (fan-out), and submitting them a chunk per job. */
export const CAMPAIGNS_QUEUE = 'campaigns';
export const FANOUT_JOB = 'fanout';
export const SUBMIT_CHUNK_JOB = 'submit-chunk';

export const FanoutJob = z.object({ version: z.literal(1), campaignId: z.uuid() });
export const SubmitChunkJob = z.object({
  version: z.literal(1),
  campaignId: z.uuid(),
  messageIds: z.array(z.uuid()).max(5000),
});
export type SubmitChunkJob = z.infer<typeof SubmitChunkJob>;
