import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { deliverJob, WEBHOOKS_QUEUE } from './webhook-jobs.js';

/**
 * Puts delivery attempts on the Bull queue. A failure here loses nothing: the delivery rows are stored
 * first, and the sweeper queues any due attempt that no queue holds.
 */
@Injectable()
export class WebhookQueue {
  private readonly logger = new Logger(WebhookQueue.name);

  constructor(@InjectQueue(WEBHOOKS_QUEUE) private readonly queue: Queue) {}

  async add(attempts: { deliveryId: string; attempt: number; delayMs?: number }[]): Promise<void> {
    if (attempts.length === 0) return;
    try {
      await this.queue.addBulk(
        attempts.map(({ deliveryId, attempt, delayMs }) => {
          const job = deliverJob(deliveryId, attempt);
          return { ...job, opts: { ...job.opts, ...(delayMs && delayMs > 0 ? { delay: delayMs } : {}) } };
        }),
      );
    } catch (error) {
      this.logger.warn(
        `${attempts.length} webhook attempt(s) stored but not queued (${(error as Error).message}); the sweeper will queue them`,
      );
    }
  }
}
