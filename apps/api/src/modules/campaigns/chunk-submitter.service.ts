import { Injectable } from '@nestjs/common';
import { Tenancy } from '../../db/tenancy.js';
import type { SubmitChunkJob } from '../../jobs/campaign-jobs.js';
import { DispatchService } from '../messaging/dispatch.service.js';
import { Campaign } from './campaign.entity.js';

/** Messages of one chunk in flight at once; the channel's window and rate limit do the rest. */
const PARALLEL = 32;
/** How often (in messages) the campaign's state is read again, so a pause takes effect within a chunk. */
const STATE_CHECK_EVERY = 200;

/** Submits a chunk of a campaign's messages, stopping as soon as the campaign is paused or cancelled. */
@Injectable()
export class ChunkSubmitter {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly dispatcher: DispatchService,
  ) {}

  async submit(job: SubmitChunkJob): Promise<void> {
    let next = 0;
    let stopped = false;
    const running = async () =>
      (await this.tenancy.system().findOne(Campaign, { id: job.campaignId }, { fields: ['status'] }))?.status ===
      'running';
    if (!(await running())) return;
    const worker = async () => {
      while (!stopped && next < job.messageIds.length) {
        const index = next++;
        if (index > 0 && index % STATE_CHECK_EVERY === 0 && !(await running())) {
          stopped = true;
          return;
        }
        await this.dispatcher.dispatch(job.messageIds[index] as string);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, job.messageIds.length) }, worker));
  }
}
