import { OnQueueFailed, Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import {
  CAMPAIGN_FANOUT_QUEUE,
  CAMPAIGNS_QUEUE,
  FANOUT_JOB,
  FanoutJob,
  SUBMIT_CHUNK_JOB,
  SubmitChunkJob,
} from '../../jobs/campaign-jobs.js';
import { logJobFailure } from '../../jobs/job-failures.js';
import { CampaignFanout } from './campaign-fanout.service.js';
import { ChunkSubmitter } from './chunk-submitter.service.js';

/** Submits stored campaign messages, a chunk per job. */
@Processor(CAMPAIGNS_QUEUE)
export class CampaignProcessor {
  private readonly logger = new Logger(CampaignProcessor.name);

  constructor(private readonly submitter: ChunkSubmitter) {}

  @OnQueueFailed()
  failed(job: Job<unknown>, error: Error) {
    logJobFailure(this.logger, job, error);
  }

  @Process({ name: SUBMIT_CHUNK_JOB, concurrency: 4 })
  submitChunk(job: Job<unknown>) {
    return this.submitter.submit(SubmitChunkJob.parse(job.data));
  }
}

/**
 * Runs campaign fan-outs. A paced fan-out mostly waits for its campaign's queued messages to drain, so many
 * run side by side: one campaign's fan-out never waits for another's to finish.
 */
@Processor(CAMPAIGN_FANOUT_QUEUE)
export class FanoutProcessor {
  private readonly logger = new Logger(FanoutProcessor.name);

  constructor(private readonly fanout: CampaignFanout) {}

  @OnQueueFailed()
  failed(job: Job<unknown>, error: Error) {
    logJobFailure(this.logger, job, error);
  }

  @Process({ name: FANOUT_JOB, concurrency: 32 })
  runFanout(job: Job<unknown>) {
    return this.fanout.run(FanoutJob.parse(job.data).campaignId);
  }
}
