import type { JobOptions } from 'bull';

/** One fan-out job per campaign at a time: Bull ignores an add while a job with the same id exists. */
export const fanoutJobId = (campaignId: string) => `fanout:${campaignId}`;

export function fanoutJobOptions(campaignId: string): JobOptions {
  return { jobId: fanoutJobId(campaignId), removeOnComplete: true, removeOnFail: true };
}
