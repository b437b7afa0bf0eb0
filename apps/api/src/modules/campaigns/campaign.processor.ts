import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { CAMPAIGNS_QUEUE, FANOUT_JOB, FanoutJob, SUBMIT_CHUNK_JOB, SubmitChunkJob } from '../../jobs/campaign-jobs.js';
import { CampaignFanout } from './campaign-fanout.service.js';
import { ChunkSubmitter } from './chunk-submitter.service.js';

/** Translates campaign jobs into one service call each. */
@Processor(CAMPAIGNS_QUEUE)
export class CampaignProcessor {
  constructor(
    private readonly fanout: CampaignFanout,
    private readonly submitter: ChunkSubmitter,
  ) {}

  @Process({ name: FANOUT_JOB, concurrency: 1 })
  runFanout(job: Job<unknown>) {
    return this.fanout.run(FanoutJob.parse(job.data).campaignId);
  }

  @Process({ name: SUBMIT_CHUNK_JOB, concurrency: 4 })
  submitChunk(job: Job<unknown>) {
    return this.submitter.submit(SubmitChunkJob.parse(job.data));
  }
}
