import { z } from 'zod';

/** Queue of webhook delivery attempts. */
export const WEBHOOKS_QUEUE = 'webhooks';
export const DELIVER_JOB = 'deliver';

/**
 * Persisted in Redis, so it carries a version. `attempt` is the attempt this job makes: a job whose attempt
 * was already made (a duplicate after a sweep) finds the delivery moved on and does nothing.
 */
export const DeliverJob = z.object({ version: z.literal(1), deliveryId: z.uuid(), attempt: z.number().int().min(1) });
export type DeliverJob = z.infer<typeof DeliverJob>;

export function deliverJob(deliveryId: string, attempt: number) {
  const data: DeliverJob = { version: 1, deliveryId, attempt };
  // jobId: Bull ignores a second add of the same attempt while the first is still waiting.
  return {
    name: DELIVER_JOB,
    data,
    opts: { jobId: `${deliveryId}:${attempt}`, removeOnComplete: true, removeOnFail: true },
  };
}
