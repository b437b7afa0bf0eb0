import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { Tenancy } from '../../db/tenancy.js';
import { CAMPAIGN_FANOUT_QUEUE, FANOUT_JOB } from '../../jobs/campaign-jobs.js';
import { Message } from '../messaging/message.entity.js';
import { Campaign } from './campaign.entity.js';
import { fanoutJobId, fanoutJobOptions } from './fanout-job.js';

const TICK_MS = 2_000;

/** Starts scheduled campaigns when their time comes, and marks running ones completed when nothing is left to send. */
@Injectable()
export class CampaignScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CampaignScheduler.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly tenancy: Tenancy,
    @InjectQueue(CAMPAIGN_FANOUT_QUEUE) private readonly queue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(
      () => void this.tick().catch((e: Error) => this.logger.error(`Campaign tick failed: ${e.message}`)),
      TICK_MS,
    );
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * A running campaign whose fan-out is not done needs its fan-out job: one may be gone because it ended on
   * a pause while a resume was added (same job id, so that add did nothing), or Bull gave up on a job that
   * stalled too often. Adding it again is harmless: the job id is fixed and the run continues from the cursor.
   */
  private async restartFanouts(): Promise<void> {
    const unfinished = await this.tenancy
      .system()
      .find(Campaign, { status: 'running', totals: null }, { limit: 200, fields: ['id'] });
    for (const { id } of unfinished) {
      if (await this.queue.getJob(fanoutJobId(id))) continue;
      this.logger.log(`Campaign ${id}: fan-out not done and no job for it; adding one`);
      await this.queue.add(FANOUT_JOB, { version: 1, campaignId: id }, fanoutJobOptions(id));
    }
  }

  async tick(): Promise<void> {
    const em = this.tenancy.system();
    const due = await em.find(Campaign, { status: 'scheduled', scheduledAt: { $lte: new Date() } }, { limit: 50 });
    for (const campaign of due) {
      const started = await em.nativeUpdate(
        Campaign,
        { id: campaign.id, status: 'scheduled' },
        { status: 'running', startedAt: new Date() },
      );
      if (started)
        await this.queue.add(FANOUT_JOB, { version: 1, campaignId: campaign.id }, fanoutJobOptions(campaign.id));
    }
    await this.restartFanouts();
    const running = await em.find(
      Campaign,
      { status: 'running', totals: { $ne: null } },
      { limit: 200, fields: ['id'] },
    );
    for (const campaign of running) {
      const left = await em.count(Message, { campaignId: campaign.id, status: 'queued' });
      if (left === 0)
        await em.nativeUpdate(
          Campaign,
          { id: campaign.id, status: 'running' },
          { status: 'completed', finishedAt: new Date() },
        );
    }
  }
}
