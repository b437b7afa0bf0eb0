import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Tenancy } from '../../db/tenancy.js';
import { Message } from './message.entity.js';
import { MessagesService } from './messages.service.js';

const SWEEP_BATCH = 1000;

/**
 * The safety net of "accept means stored": re-queues accepted messages that no queue holds (Redis was
 * flushed or restarted, enqueueing failed after commit, a worker died holding a claim). Re-queueing is
 * harmless for a message that is still queued because the job id is the message id and the claim is
 * conditional.
 */
@Injectable()
export class QueueSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueSweeper.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly tenancy: Tenancy,
    private readonly messages: MessagesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: Error) => this.logger.error(`Sweep failed: ${error.message}`));
    }, this.config.sweeper.intervalMs);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Re-queues one batch of forgotten messages; returns how many. */
  async sweep(): Promise<number> {
    const now = Date.now();
    const stale = await this.tenancy.system().find(
      Message,
      {
        status: 'queued',
        updatedAt: { $lt: new Date(now - this.config.sweeper.afterMs) },
        $or: [{ claimedUntil: null }, { claimedUntil: { $lt: new Date(now) } }],
      },
      { fields: ['id'], limit: SWEEP_BATCH, orderBy: { updatedAt: 'asc' } },
    );
    for (const { id } of stale) await this.messages.enqueue(id);
    if (stale.length > 0) this.logger.log(`Re-queued ${stale.length} message(s) that no queue held`);
    return stale.length;
  }
}
