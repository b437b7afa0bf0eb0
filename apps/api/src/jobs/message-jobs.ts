import { z } from 'zod';

/** Queue of messages waiting to be handed to a channel. */
export const MESSAGES_QUEUE = 'messages';
export const SUBMIT_JOB = 'submit';

/** Persisted in Redis, so it carries a version: a worker of a newer release can still read old jobs. */
export const SubmitJob = z.object({ version: z.literal(1), messageId: z.uuid() });
export type SubmitJob = z.infer<typeof SubmitJob>;

export function submitJob(messageId: string): SubmitJob {
  return { version: 1, messageId };
}
