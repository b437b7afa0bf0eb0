import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Tenancy } from '../../db/tenancy.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookQueue } from './webhook-queue.js';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings.js';

const SWEEP_BATCH = 1000;

/**
 * The safety net of the delivery queue, like the message sweeper: re-queues attempts that are overdue and
 * unclaimed (Redis lost its jobs, queueing failed after the rows were stored, a worker died mid-attempt),
 * and trims finished deliveries past the log's retention.
 */
@Injectable()
export class WebhookSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookSweeper.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly tenancy: Tenancy,
    private readonly queue: WebhookQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: Error) => this.logger.error(`Webhook sweep failed: ${error.message}`));
    }, this.config.sweeper.intervalMs);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Re-queues one batch of forgotten attempts and trims the log; returns how many were re-queued. */
  async sweep(): Promise<number> {
    const em = this.tenancy.system();
    const now = Date.now();
    const overdue = await em.find(
      WebhookDelivery,
      {
        status: 'pending',
        nextAttemptAt: { $lt: new Date(now - this.config.sweeper.afterMs) },
        $or: [{ claimedUntil: null }, { claimedUntil: { $lt: new Date(now) } }],
      },
      { fields: ['id', 'attempts'], limit: SWEEP_BATCH, orderBy: { nextAttemptAt: 'asc' } },
    );
    await this.queue.add(overdue.map((d) => ({ deliveryId: d.id, attempt: d.attempts + 1 })));
    if (overdue.length > 0) this.logger.log(`Re-queued ${overdue.length} webhook attempt(s) that no queue held`);
    await this.trim(new Date(now - this.settings.logRetentionMs));
    return overdue.length;
  }

  private async trim(before: Date): Promise<void> {
    const em = this.tenancy.system();
    const old = await em.find(
      WebhookDelivery,
      { status: { $ne: 'pending' }, createdAt: { $lt: before } },
      { fields: ['id'], limit: SWEEP_BATCH },
    );
    if (old.length > 0) await em.nativeDelete(WebhookDelivery, { id: { $in: old.map((d) => d.id) } });
  }
}
