import { Injectable } from '@nestjs/common';
import { Tenancy } from '../../db/tenancy.js';
import type { SubmitChunkJob } from '../../jobs/campaign-jobs.js';
import { DispatchService } from '../messaging/dispatch.service.js';
import { Campaign } from './campaign.entity.js';

/**
 * Messages dispatched (claimed, submitted, recorded) together. Slices run one after another, so the
 * campaign's state is read again before each: a pause takes effect within a slice.
 */
const SLICE = 250;
/** Slices of one chunk in flight at once: one is recorded while the next is on the wire. */
const PARALLEL = 2;

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
    const worker = async () => {
      while (!stopped && next < job.messageIds.length) {
        const slice = job.messageIds.slice(next, next + SLICE);
        next += SLICE;
        if (!(await running())) {
          stopped = true;
          return;
        }
        await this.dispatcher.dispatchMany(slice);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  }
}
