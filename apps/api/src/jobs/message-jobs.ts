import { z } from 'zod';

/** Queue of messages waiting to be handed to a channel. */
export const MESSAGES_QUEUE = 'messages';
export const SUBMIT_JOB = 'submit';
/** Most messages one submit job carries: accepted sends are queued a commit batch per job. */
export const MAX_MESSAGES_PER_JOB = 1000;

/**
 * Persisted in Redis, so it carries a version: a worker of a newer release can still read old jobs.
 * Version 1 names one message (retries, the sweeper); version 2 a batch committed together.
 */
export const SubmitJob = z.union([
  z.object({ version: z.literal(1), messageId: z.uuid() }),
  z.object({ version: z.literal(2), messageIds: z.array(z.uuid()).min(1).max(MAX_MESSAGES_PER_JOB) }),
]);
export type SubmitJob = z.infer<typeof SubmitJob>;

export function submitJob(messageId: string): SubmitJob {
  return { version: 1, messageId };
}

export function submitBatchJob(messageIds: string[]): SubmitJob {
  return { version: 2, messageIds };
}

export function messageIdsOf(job: SubmitJob): string[] {
  return job.version === 1 ? [job.messageId] : job.messageIds;
}
