import type { SqlEntityManager } from '@mikro-orm/sql';
import { InsufficientCreditError, postings } from '@mtredi/billing';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { DomainError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { MAX_MESSAGES_PER_JOB, MESSAGES_QUEUE, SUBMIT_JOB, submitBatchJob } from '../../jobs/message-jobs.js';
import { CreditService } from '../billing/credit.service.js';
import { StopListService } from '../contacts/stop-list.service.js';
import { Message } from './message.entity.js';
import { MessageEvent } from './message-event.entity.js';
import { type StatusChange, StatusEvents } from './status-events.js';

/** A validated message waiting for its commit. */
export interface AcceptedSend {
  id: string;
  organizationId: string;
  to: string;
  sender: string;
  text: string;
  reference: string | null;
  encoding: 'gsm7' | 'ucs2';
  parts: number;
  operator: string;
  at: Date;
  /** False for urgent (service) messages, which reach numbers on the stop list. */
  checkStopList: boolean;
}

interface Waiting {
  send: AcceptedSend;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for single sends. Every send of an organization must move the same balance row, so one
 * transaction per request makes requests queue on that row's lock. Instead, sends that arrive while a
 * commit is running wait for the next one, and each commit stores its whole batch: one balance update per
 * organization, bulk inserts of messages, first statuses and reserve postings, and one queue job. Under
 * light load a batch is a single send committed at once; under heavy load batches grow by themselves.
 * A send resolves only after its batch committed ("accepted means stored").
 */
@Injectable()
export class SendCommitter implements OnApplicationShutdown {
  private readonly logger = new Logger(SendCommitter.name);
  private waiting: Waiting[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly tenancy: Tenancy,
    private readonly credit: CreditService,
    private readonly events: StatusEvents,
    private readonly stopList: StopListService,
    @InjectQueue(MESSAGES_QUEUE) private readonly queue: Queue,
  ) {}

  /** Resolves when the message, its first status and its credit reservation are stored. */
  commit(send: AcceptedSend): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ send, resolve, reject });
      this.running ??= this.drain();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }

  private async drain(): Promise<void> {
    // Let the sends that arrived in this turn of the event loop join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_MESSAGES_PER_JOB);
      await this.store(batch);
    }
    this.running = null;
  }

  private async store(batch: Waiting[]): Promise<void> {
    let accepted: Waiting[];
    try {
      accepted = await this.tenancy.system().transactional(async (tx) => {
        const byOrganization = new Map<string, Waiting[]>();
        for (const w of batch) {
          const list = byOrganization.get(w.send.organizationId) ?? [];
          list.push(w);
          byOrganization.set(w.send.organizationId, list);
        }
        const fitted: Waiting[] = [];
        // A fixed order of balance rows: concurrent commits in other processes cannot deadlock.
        for (const organizationId of [...byOrganization.keys()].sort()) {
          const list = await this.withoutStopped(tx, organizationId, byOrganization.get(organizationId) as Waiting[]);
          const fit = await this.credit.takeAvailable(
            tx,
            organizationId,
            list.map((w) => w.send.parts),
          );
          fitted.push(...list.slice(0, fit));
          for (const w of list.slice(fit)) w.reject(new InsufficientCreditError(w.send.parts));
        }
        if (fitted.length === 0) return fitted;
        await tx.insertMany(
          Message,
          fitted.map(({ send: s }) => ({
            id: s.id,
            organization: s.organizationId,
            to: s.to,
            sender: s.sender,
            text: s.text,
            reference: s.reference,
            status: 'queued' as const,
            encoding: s.encoding,
            parts: s.parts,
            operator: s.operator,
            attempts: 0,
            createdAt: s.at,
            updatedAt: s.at,
          })),
        );
        await tx.insertMany(
          MessageEvent,
          fitted.map(({ send: s }) => ({ messageId: s.id, status: 'queued' as const, errorCode: null, at: s.at })),
        );
        await this.credit.insertPrepaid(
          tx,
          fitted.map(({ send: s }) => postings.reserve(s.organizationId, s.id, s.parts)),
        );
        return fitted;
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    if (accepted.length === 0) return;
    await this.enqueue(accepted.map((w) => w.send.id));
    for (const w of accepted) w.resolve();
    await this.events.publish(accepted.map((w) => queuedChange(w.send)));
  }

  /** Refuses the sends to numbers on the organization's stop list (one query for the batch). */
  private async withoutStopped(tx: SqlEntityManager, organizationId: string, list: Waiting[]): Promise<Waiting[]> {
    const checked = list.filter((w) => w.send.checkStopList).map((w) => w.send.to);
    if (checked.length === 0) return list;
    const stopped = await this.stopList.stopped({ organizationId }, checked, tx);
    if (stopped.size === 0) return list;
    return list.filter((w) => {
      if (!w.send.checkStopList || !stopped.has(w.send.to)) return true;
      w.reject(
        new DomainError('contacts/stopped', `${w.send.to} has opted out (stop list); it is not messaged`, 422, [
          { path: 'to', message: 'on the stop list' },
        ]),
      );
      return false;
    });
  }

  private async enqueue(ids: string[]): Promise<void> {
    try {
      await this.queue.add(SUBMIT_JOB, submitBatchJob(ids), { removeOnComplete: true, removeOnFail: true });
    } catch (error) {
      this.logger.warn(
        `${ids.length} message(s) stored but not queued (${(error as Error).message}); the sweeper will queue them`,
      );
    }
  }
}

function queuedChange(send: AcceptedSend): StatusChange {
  return {
    messageId: send.id,
    organizationId: send.organizationId,
    reference: send.reference,
    to: send.to,
    status: 'queued',
    errorCode: null,
    at: send.at,
    campaignId: null,
    sender: send.sender,
    operator: send.operator,
    acceptedAt: send.at,
  };
}
