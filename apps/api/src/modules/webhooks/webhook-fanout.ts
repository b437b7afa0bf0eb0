import { randomUUID } from 'node:crypto';
import { isOperatorCode, type OperatorCode } from '@mtredi/sender-auth';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Tenancy } from '../../db/tenancy.js';
import type { MessageStatusValue } from '../messaging/message.entity.js';
import { type StatusChange, StatusEvents } from '../messaging/status-events.js';
import { OperatorDirectory } from '../operators/operator-directory.service.js';
import { Webhook, type WebhookFormatValue } from './webhook.entity.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { messageStatusEvent, smsofficeCallback } from './webhook-payloads.js';
import { WebhookQueue } from './webhook-queue.js';

/**
 * How long an organization's webhook list is kept in memory. Changes made in this process apply at once;
 * other instances (a separate worker) see them within this time.
 */
const CACHE_MS = 5_000;
const INSERT_CHUNK = 500;

/** A new delivery as inserted: due at once, no attempt made yet. */
export interface DeliveryRow {
  id: string;
  webhook: string;
  organizationId: string;
  eventId: string;
  messageId: string | null;
  event: MessageStatusValue;
  test: boolean;
  format: WebhookFormatValue;
  payload: Record<string, unknown>;
  status: 'pending';
  attempts: 0;
  nextAttemptAt: Date;
  createdAt: Date;
}

interface Target {
  id: string;
  format: WebhookFormatValue;
  events: ReadonlySet<MessageStatusValue> | null;
}

/**
 * Turns committed status changes into stored deliveries, one per change and subscribed webhook, then queues
 * their first attempts. Runs in every process that changes statuses (API for `queued`, worker for the rest).
 * Organizations without webhooks cost one map lookup per change.
 */
@Injectable()
export class WebhookFanout implements OnModuleInit {
  private readonly targets = new Map<string, { loadedAt: number; targets: Target[] }>();
  private readonly waiting: { rows: DeliveryRow[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly tenancy: Tenancy,
    private readonly statusEvents: StatusEvents,
    private readonly operators: OperatorDirectory,
    private readonly queue: WebhookQueue,
  ) {}

  onModuleInit(): void {
    this.statusEvents.subscribe(async (changes) => {
      await this.record(changes);
    });
  }

  /** Forget an organization's cached webhooks (after they changed in this process). */
  invalidate(organizationId: string): void {
    this.targets.delete(organizationId);
  }

  /**
   * Stores the deliveries the changes call for and queues them; resolves once they are stored, and returns
   * how many. Concurrent calls are written together: while one batch is being stored, the next gathers.
   */
  async record(changes: StatusChange[]): Promise<number> {
    const targetsOf = await this.targetsOf([...new Set(changes.map((c) => c.organizationId))]);
    const now = new Date();
    const rows: DeliveryRow[] = [];
    for (const change of changes) {
      const eventId = randomUUID();
      for (const target of targetsOf.get(change.organizationId) ?? []) {
        if (target.events && !target.events.has(change.status)) continue;
        // smsoffice's callbacks are keyed by the sender's reference; without one the receiver could match nothing.
        if (target.format === 'smsoffice' && !change.reference) continue;
        rows.push({
          id: randomUUID(),
          webhook: target.id,
          organizationId: change.organizationId,
          eventId,
          messageId: change.messageId,
          event: change.status,
          test: false,
          format: target.format,
          payload:
            target.format === 'smsoffice'
              ? smsofficeCallback(change, await this.operatorOf(change))
              : messageStatusEvent(eventId, change, now),
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
        });
      }
    }
    if (rows.length > 0) await this.store(rows);
    return rows.length;
  }

  /** The operator the message was routed by; looked up only for changes published without it. */
  private async operatorOf(change: StatusChange): Promise<OperatorCode | null> {
    if (change.operator && isOperatorCode(change.operator)) return change.operator;
    return this.operators.operatorOf(change.to);
  }

  private store(rows: DeliveryRow[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ rows, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.waiting.length);
      const rows = batch.flatMap((b) => b.rows);
      try {
        await this.insert(rows);
        await this.queue.add(rows.map((row) => ({ deliveryId: row.id, attempt: 1 })));
        for (const b of batch) b.resolve();
      } catch (error) {
        for (const b of batch) b.reject(error);
      }
    }
    this.flushing = null;
  }

  private async insert(rows: DeliveryRow[]): Promise<void> {
    await this.tenancy.system().transactional(async (tx) => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await tx.insertMany(WebhookDelivery, rows.slice(i, i + INSERT_CHUNK) as never[]);
      }
    });
  }

  private async targetsOf(organizationIds: string[]): Promise<Map<string, Target[]>> {
    const now = Date.now();
    const stale = organizationIds.filter((id) => {
      const cached = this.targets.get(id);
      return !cached || now - cached.loadedAt > CACHE_MS;
    });
    if (stale.length > 0) {
      const hooks = await this.tenancy
        .system()
        .find(
          Webhook,
          { organization: { $in: stale }, enabled: true },
          { fields: ['id', 'organization', 'format', 'events'] },
        );
      for (const id of stale) this.targets.set(id, { loadedAt: now, targets: [] });
      for (const hook of hooks) {
        this.targets.get(hook.organization.id)?.targets.push({
          id: hook.id,
          format: hook.format,
          events: hook.events ? new Set(hook.events) : null,
        });
      }
    }
    return new Map(organizationIds.map((id) => [id, this.targets.get(id)?.targets ?? []]));
  }
}
