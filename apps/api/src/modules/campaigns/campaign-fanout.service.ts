import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { InsufficientCreditError } from '@mtredi/billing';
import { InjectQueue } from '@nestjs/bull';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Tenancy } from '../../db/tenancy.js';
import { CAMPAIGNS_QUEUE, SUBMIT_CHUNK_JOB } from '../../jobs/campaign-jobs.js';
import { CreditService } from '../billing/credit.service.js';
import { Message } from '../messaging/message.entity.js';
import { insertNewMessages, type NewMessage, queuedChanges } from '../messaging/new-messages.js';
import { StatusEvents } from '../messaging/status-events.js';
import { Campaign, type CampaignTotals, type FanoutCursor } from './campaign.entity.js';
import { CampaignPlanner, emptyTotals, PLAN_START, type PlannedSlice } from './campaign-planner.js';

/**
 * Messages per submit job. Jobs run four at a time with two slices of 250 each in flight: with jobs of 500,
 * the 1,500 to 2,500 messages a paced campaign keeps queued make three to five jobs, which keep them all
 * busy; jobs of 1,000 would need twice the messages queued (and twice the wait) for the same.
 */
const SUBMIT_JOB_SIZE = 500;
const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true };
/** How often a waiting fan-out counts the campaign's queued messages (one indexed count). */
const PACING_POLL_MS = 75;

type Stop = 'stopped';

/**
 * Stores a campaign's messages in chunks, paced to what dispatch takes: the next chunk waits while the
 * campaign has a window of messages queued (by default 1,500: enough that dispatch never runs dry, few
 * enough that a stored message waits under a second, not behind the whole campaign). Each chunk's
 * messages, its credit reservation and the fan-out cursor commit together (bulk inserts), then queue jobs of
 * 500 submit the chunk. A run ends when the campaign is paused or cancelled, and the next run continues from the
 * cursor; a newer run takes the campaign over (fanoutOwner) and an older one stops before its next chunk, so
 * one run stores chunks at a time. Storing is idempotent anyway: a number already stored is skipped, uncharged.
 */
@Injectable()
export class CampaignFanout implements BeforeApplicationShutdown {
  private readonly logger = new Logger(CampaignFanout.name);
  /** Set when the process shuts down: a run ends at its next pause point instead of holding the shutdown. */
  private stopping = false;

  constructor(
    private readonly tenancy: Tenancy,
    private readonly planner: CampaignPlanner,
    private readonly credit: CreditService,
    private readonly events: StatusEvents,
    @InjectQueue(CAMPAIGNS_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Before the queue closes (it waits for active jobs): a paced run would otherwise hold the shutdown for
   * the rest of its campaign. The campaign stays running with its cursor; the scheduler of the next worker
   * finds it without a fan-out job and adds one.
   */
  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async run(campaignId: string): Promise<void> {
    const owner = randomUUID();
    // Taking over waits for a chunk another run is committing (row lock), so the cursor read next is current.
    const taken = await this.tenancy
      .system()
      .nativeUpdate(Campaign, { id: campaignId, status: 'running', totals: null }, { fanoutOwner: owner });
    if (!taken) return;
    const campaign = await this.tenancy.system().findOne(Campaign, { id: campaignId });
    if (!campaign) return;
    const cursor: FanoutCursor = campaign.fanoutCursor ?? {
      chunk: 0,
      position: PLAN_START,
      totals: emptyTotals(),
      expected: null,
    };
    const fromStart = isDeepStrictEqual(cursor.position, PLAN_START);
    const totals: CampaignTotals = { ...cursor.totals };
    let chunk = cursor.chunk;
    try {
      for await (const slice of this.planner.plan(campaign, totals, cursor.position)) {
        if (slice.messages.length === 0) continue;
        if ((await this.paced(campaignId, owner)) === 'stopped') return;
        const stored = await this.store(campaign, owner, slice, { ...cursor, chunk, totals }, fromStart);
        if (stored === 'stopped') return;
        chunk = stored.next;
        if (stored.ids.length === 0) continue;
        const jobs = [];
        for (let i = 0; i < stored.ids.length; i += SUBMIT_JOB_SIZE) {
          const messageIds = stored.ids.slice(i, i + SUBMIT_JOB_SIZE);
          jobs.push({ name: SUBMIT_CHUNK_JOB, data: { version: 1, campaignId, messageIds }, opts: JOB_OPTIONS });
        }
        await this.queue.addBulk(jobs);
      }
      // Done: the totals say so (and take over from the cursor's estimate in the campaign's progress).
      await this.tenancy
        .system()
        .nativeUpdate(
          Campaign,
          { id: campaignId, fanoutOwner: owner },
          { totals, fanoutCursor: null, fanoutOwner: null },
        );
    } catch (error) {
      if (this.stopping) return; // the database may be closing too; the cursor has what was committed
      const reason =
        error instanceof InsufficientCreditError
          ? 'credit ran out while the campaign was being prepared'
          : (error as Error).message;
      this.logger.warn(`Campaign ${campaignId} stopped: ${reason}`);
      // Totals stay unset: after a top-up, resume continues the fan-out from the cursor.
      await this.tenancy
        .system()
        .nativeUpdate(
          Campaign,
          { id: campaignId, fanoutOwner: owner, status: 'running' },
          { status: 'paused', failure: reason.slice(0, 300) },
        );
    }
  }

  /**
   * Waits while the campaign has a full window of messages still queued. Stops when the campaign is no
   * longer running (paused: resume starts a new run from the cursor; cancelled: nothing more to store) or
   * another run took it over.
   */
  private async paced(campaignId: string, owner: string): Promise<'go' | Stop> {
    for (;;) {
      if (this.stopping) return 'stopped';
      const em = this.tenancy.system();
      const campaign = await em.findOne(Campaign, { id: campaignId }, { fields: ['status', 'fanoutOwner'] });
      if (campaign?.status !== 'running' || campaign.fanoutOwner !== owner) return 'stopped';
      const queued = await em.count(Message, { campaignId, status: 'queued' });
      if (queued < this.config.campaigns.pacingWindow) return 'go';
      await new Promise((resolve) => setTimeout(resolve, PACING_POLL_MS));
    }
  }

  /**
   * Stores one slice with its reservation and the cursor past it, only while this run owns a running
   * campaign. Returns the ids actually inserted and the next chunk number.
   */
  private async store(
    campaign: Campaign,
    owner: string,
    slice: PlannedSlice,
    cursor: FanoutCursor,
    fromStart: boolean,
  ): Promise<{ ids: string[]; next: number } | Stop> {
    const organizationId = campaign.organization.id;
    const now = new Date();
    const rows: NewMessage[] = slice.messages.map((p) => ({
      id: randomUUID(),
      organizationId,
      to: p.to,
      sender: campaign.sender,
      text: p.text,
      reference: null,
      encoding: p.analysis.encoding,
      parts: p.analysis.parts,
      operator: p.operator,
      campaignId: campaign.id,
      at: now,
    }));
    const result = await this.tenancy.of({ organizationId }).transactional(async (tx) => {
      // First, so that a pause, a cancel or a take-over waits for this chunk (row lock) or stops it.
      const mine = await tx.nativeUpdate(
        Campaign,
        { id: campaign.id, status: 'running', fanoutOwner: owner },
        { fanoutOwner: owner },
      );
      if (!mine) return 'stopped' as const;
      const insertedIds = await insertNewMessages(tx, rows, { skipRepeats: true });
      const inserted = rows.filter((r) => insertedIds.has(r.id));
      // A number already stored. A plan resumed mid-way has not seen the numbers before its position: such a
      // number is a repeat of one of them, not a message. A plan from the start has seen every number, so the
      // row was stored by a fan-out that kept no cursor (an earlier release) and is already counted as sent.
      const totals = { ...cursor.totals };
      for (const r of rows) {
        if (insertedIds.has(r.id) || fromStart) continue;
        totals.recipients--;
        totals.messages--;
        totals.parts -= r.parts;
        totals.duplicates++;
      }
      const parts = inserted.reduce((sum, r) => sum + r.parts, 0);
      let chunk = cursor.chunk;
      // A key already posted (chunks a fan-out of an earlier release stored) is left alone; the next is used.
      while (
        parts > 0 &&
        !(await this.credit.post(tx, {
          organizationId,
          idempotencyKey: `reserve:campaign:${campaign.id}:${chunk}`,
          kind: 'reserve',
          debit: 'available',
          credit: 'reserved',
          amount: parts,
          memo: `Reserved for ${inserted.length} message(s) of campaign "${campaign.name}"`,
        }))
      )
        chunk++;
      const next = chunk + 1;
      await tx.nativeUpdate(
        Campaign,
        { id: campaign.id },
        { fanoutCursor: { ...cursor, chunk: next, position: slice.next, totals } },
      );
      return { inserted, next, totals };
    });
    if (result === 'stopped') return result;
    // The running totals (the planner's) lose the repeats found here.
    Object.assign(cursor.totals, result.totals);
    await this.events.publish(queuedChanges(result.inserted));
    return { ids: result.inserted.map((r) => r.id), next: result.next };
  }
}
