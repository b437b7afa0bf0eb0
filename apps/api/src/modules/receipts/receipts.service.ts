import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Receipt, ReceiptState } from '@mtredi/channel-sdk';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Tenancy } from '../../db/tenancy.js';
import { Message, type MessageStatusValue } from '../messaging/message.entity.js';
import { MessageEvent } from '../messaging/message-event.entity.js';
import { type StatusChange, StatusEvents } from '../messaging/status-events.js';
import { ChannelMessageId } from './channel-message-id.entity.js';

const FLUSH_EVERY_MS = 50;
const FLUSH_AT = 500;
/** A receipt can arrive before the accept that it answers has committed; it is retried this many times. */
const MATCH_ATTEMPTS = 20;

const STATUS_BY_RECEIPT: Partial<Record<ReceiptState, MessageStatusValue>> = {
  delivered: 'delivered',
  undelivered: 'undelivered',
  expired: 'expired',
  rejected: 'rejected',
};

interface Pending {
  channelId: string;
  receipt: Receipt;
  attempts: number;
}

/**
 * Turns channel receipts into message statuses. Receipts are buffered and applied in batches: one lookup
 * through the channel-id index and one transaction per batch, not a round trip per receipt.
 */
@Injectable()
export class ReceiptsService implements OnApplicationShutdown {
  private readonly logger = new Logger(ReceiptsService.name);
  private buffer: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** Receipts that matched no message after every retry, kept for inspection instead of dropped. */
  readonly unmatched: { channelId: string; receipt: Receipt }[] = [];

  constructor(
    private readonly tenancy: Tenancy,
    private readonly events: StatusEvents,
  ) {}

  add(channelId: string, receipt: Receipt): void {
    this.buffer.push({ channelId, receipt, attempts: 0 });
    if (this.buffer.length >= FLUSH_AT) this.flushSoon(0);
    else this.flushSoon(FLUSH_EVERY_MS);
  }

  /** Applies everything buffered so far; resolves when it is stored. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.applyBatch());
    return this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.flush();
  }

  private flushSoon(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delayMs);
  }

  private async applyBatch(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length === 0) return;
    try {
      const retry = await this.apply(batch);
      this.requeue(retry);
    } catch (error) {
      this.logger.error(`Applying ${batch.length} receipts failed: ${(error as Error).message}; retrying`);
      this.requeue(batch);
    }
  }

  private async apply(batch: Pending[]): Promise<Pending[]> {
    const em = this.tenancy.system();
    const ids = await em.find(ChannelMessageId, {
      $or: batch.map((p) => ({ channelId: p.channelId, channelMessageId: p.receipt.channelMessageId })),
    });
    const messageIdOf = new Map(ids.map((row) => [`${row.channelId}\u0000${row.channelMessageId}`, row.messageId]));
    const unmatched: Pending[] = [];
    const changes: StatusChange[] = [];
    await em.transactional(async (tx) => {
      for (const pending of batch) {
        const messageId = messageIdOf.get(`${pending.channelId}\u0000${pending.receipt.channelMessageId}`);
        if (!messageId) {
          unmatched.push(pending);
          continue;
        }
        const status = STATUS_BY_RECEIPT[pending.receipt.state];
        if (!status) continue; // intermediate state: the message stays in transit
        const errorCode = pending.receipt.errorCode ?? null;
        const changed = await tx.nativeUpdate(
          Message,
          { id: messageId, status: 'in_transit' },
          { status, errorCode, updatedAt: new Date() },
        );
        if (changed) {
          tx.create(MessageEvent, { messageId, status, errorCode, at: pending.receipt.at });
          changes.push({
            messageId,
            organizationId: '',
            reference: null,
            to: '',
            status,
            errorCode,
            at: pending.receipt.at,
          });
        }
      }
    });
    await this.events.publish(await this.describe(em, changes));
    return unmatched;
  }

  /** Fills in whose message each change is (one query per batch). */
  private async describe(em: SqlEntityManager, changes: StatusChange[]): Promise<StatusChange[]> {
    if (changes.length === 0) return changes;
    const messages = await em.find(
      Message,
      { id: { $in: changes.map((c) => c.messageId) } },
      { fields: ['id', 'organization', 'reference', 'to', 'campaignId', 'sender', 'operator', 'createdAt'] },
    );
    const byId = new Map(messages.map((m) => [m.id, m]));
    return changes.flatMap((c) => {
      const m = byId.get(c.messageId);
      return m
        ? [
            {
              ...c,
              organizationId: m.organization.id,
              reference: m.reference ?? null,
              to: m.to,
              campaignId: m.campaignId ?? null,
              sender: m.sender,
              operator: m.operator ?? null,
              acceptedAt: m.createdAt,
            },
          ]
        : [];
    });
  }

  private requeue(pending: Pending[]): void {
    for (const p of pending) {
      p.attempts += 1;
      if (p.attempts < MATCH_ATTEMPTS) {
        this.buffer.push(p);
      } else {
        this.unmatched.push({ channelId: p.channelId, receipt: p.receipt });
        this.logger.warn(`Receipt ${p.receipt.channelMessageId} on channel ${p.channelId} matches no message; kept`);
      }
    }
    if (this.buffer.length > 0) this.flushSoon(200);
  }
}
