import type { JobOptions } from 'bull';

/** One fan-out job per campaign at a time: Bull ignores an add while a job with the same id exists. */
export const fanoutJobId = (campaignId: string) => `fanout:${campaignId}`;

export function fanoutJobOptions(campaignId: string, delay = 0): JobOptions {
  return { jobId: fanoutJobId(campaignId), removeOnComplete: true, removeOnFail: true, delay };
}

/**
 * The worker's dispatcher remembers a campaign's state for up to a second (DispatchService.campaignState),
 * and holds back a message of a campaign it believes paused (it stays queued, with no job, until the sweeper
 * finds it). Work handed over on resume waits that long, so a "paused" read just before the resume cannot
 * hold it back.
 */
export const AFTER_RESUME_MS = 1_200;
