import type { SqlEntityManager } from '@mikro-orm/sql';
import { InsufficientCreditError, postings } from '@mtredi/billing';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bull';
import { DomainError } from '../../common/domain-error.js';
import { GroupCommit, type Waiting as GroupCommitWaiting } from '../../common/group-commit.js';
import { BoundSql } from '../../db/bound-sql.js';
import { Tenancy } from '../../db/tenancy.js';
import { MAX_MESSAGES_PER_JOB, MESSAGES_QUEUE, SUBMIT_JOB, submitBatchJob } from '../../jobs/message-jobs.js';
import { CreditService } from '../billing/credit.service.js';
import { StopListService } from '../contacts/stop-list.service.js';
import { type NewMessage, newMessagesInsert, queuedChanges } from './new-messages.js';
import { StatusEvents } from './status-events.js';

/** A validated message waiting for its commit. */
export interface AcceptedSend extends Omit<NewMessage, 'campaignId'> {
  operator: string;
  /** False for urgent (service) messages, which reach numbers on the stop list. */
  checkStopList: boolean;
}

type Waiting = GroupCommitWaiting<AcceptedSend>;

/** Committed batches that may wait to be queued before the next commit waits for them. */
const MAX_ANNOUNCING = 8;

/**
 * Group commit for single sends. Every send of an organization must move the same balance row, so one
 * transaction per request makes requests queue on that row's lock. Instead, sends that arrive while a
 * commit is running wait for the next one, and each commit stores its whole batch: one balance update per
 * organization, bulk inserts of messages and reserve postings, and one queue job. Under
 * light load a batch is a single send committed at once; under heavy load batches grow by themselves.
 * A send resolves as soon as its batch committed ("accepted means stored"); queueing and announcing the
 * batch follow off the commits' path.
 */
@Injectable()
export class SendCommitter implements OnApplicationShutdown {
  private readonly logger = new Logger(SendCommitter.name);
  private readonly batches = new GroupCommit<AcceptedSend>((batch) => this.store(batch), MAX_MESSAGES_PER_JOB);
  /** Committed batches being queued and announced, one after another. */
  private announced: Promise<void> = Promise.resolve();
  private announcing = 0;

  constructor(
    private readonly tenancy: Tenancy,
    private readonly credit: CreditService,
    private readonly events: StatusEvents,
    private readonly stopList: StopListService,
    @InjectQueue(MESSAGES_QUEUE) private readonly queue: Queue,
  ) {}

  /** Resolves when the message and its credit reservation are stored. */
  commit(send: AcceptedSend): Promise<void> {
    return this.batches.add(send);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.batches.idle();
    await this.announced;
  }

  private async store(batch: Waiting[]): Promise<void> {
    // Commits do not run ahead of a slow Redis by more than a few batches.
    if (this.announcing >= MAX_ANNOUNCING) await this.announced;
    const accepted = await this.tenancy.system().transactional(async (tx) => {
      const byOrganization = new Map<string, Waiting[]>();
      for (const w of batch) {
        const list = byOrganization.get(w.item.organizationId) ?? [];
        list.push(w);
        byOrganization.set(w.item.organizationId, list);
      }
      const fitted: Waiting[] = [];
      // A fixed order of balance rows: concurrent commits in other processes cannot deadlock.
      for (const organizationId of [...byOrganization.keys()].sort()) {
        const list = await this.withoutStopped(tx, organizationId, byOrganization.get(organizationId) as Waiting[]);
        const fit = await this.credit.takeAvailable(
          tx,
          organizationId,
          list.map((w) => w.item.parts),
        );
        fitted.push(...list.slice(0, fit));
        for (const w of list.slice(fit)) w.reject(new InsufficientCreditError(w.item.parts));
      }
      if (fitted.length === 0) return fitted;
      const db = new BoundSql(tx);
      await db.runTogether([
        newMessagesInsert(
          db,
          fitted.map(({ item }) => newMessage(item)),
        ),
        this.credit.prepaidInsert(
          db,
          fitted.map(({ item: s }) => postings.reserve(s.organizationId, s.id, s.parts)),
        ),
      ]);
      return fitted;
    });
    if (accepted.length === 0) return;
    // Accepted means stored: the senders have their answer now, and the next commit starts while this
    // one's messages are queued and announced (batch after batch, in order; the sweeper queues what
    // could not be queued here).
    const messages = accepted.map((w) => newMessage(w.item));
    this.announcing++;
    this.announced = this.announced.then(() => this.announce(messages));
  }

  /** Queues a committed batch for dispatch and tells the listeners (statistics, webhooks); never throws. */
  private async announce(messages: NewMessage[]): Promise<void> {
    try {
      await this.enqueue(messages.map((m) => m.id));
      await this.events.publish(queuedChanges(messages));
    } catch (error) {
      this.logger.error(`Announcing ${messages.length} stored message(s) failed: ${(error as Error).message}`);
    } finally {
      this.announcing--;
    }
  }

  /** Refuses the sends to numbers on the organization's stop list (one query for the batch). */
  private async withoutStopped(tx: SqlEntityManager, organizationId: string, list: Waiting[]): Promise<Waiting[]> {
    const checked = list.filter((w) => w.item.checkStopList).map((w) => w.item.to);
    if (checked.length === 0) return list;
    const stopped = await this.stopList.stopped({ organizationId }, checked, tx);
    if (stopped.size === 0) return list;
    return list.filter((w) => {
      if (!w.item.checkStopList || !stopped.has(w.item.to)) return true;
      w.reject(
        new DomainError('contacts/stopped', `${w.item.to} has opted out (stop list); it is not messaged`, 422, [
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

function newMessage(send: AcceptedSend): NewMessage {
  const { checkStopList: _, ...message } = send;
  return { ...message, campaignId: null };
}
