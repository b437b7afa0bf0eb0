import type { OutboundMessage, SubmitResult } from '@mtredi/channel-sdk';
import { Inject, Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { groupBy } from '../../common/group-by.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { BoundSql } from '../../db/bound-sql.js';
import { Tenancy } from '../../db/tenancy.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { ChannelRuntime } from '../channels/channel-runtime.service.js';
import { OperatorDirectory } from '../operators/operator-directory.service.js';
import { ChannelGuards } from '../routing/channel-guards.js';
import type { RouteCandidate } from '../routing/route-planner.js';
import { type RoutableMessage, RoutingService } from '../routing/routing.service.js';
import { CLAIMED_COLUMNS, type ClaimedMessage, claimedFromRow } from './claimed-message.js';
import { DispatchRecorder, type Outcome } from './dispatch-recorder.js';

/** Wait before trying again when no channel can take a message at all. */
const NO_CHANNEL_RETRY_MS = 5_000;
/** An unavailable channel's message is tried again soon: by then routing may send it elsewhere. */
const FAILOVER_RETRY_MS = 1_000;
/** Messages claimed and recorded together; a job of more is taken in slices of this size. */
const SLICE = 500;

interface Routed {
  message: ClaimedMessage;
  routable: RoutableMessage;
  channel: RouteCandidate;
}

/**
 * Hands queued messages to channels exactly once. A batch is claimed by one conditional update (so two
 * workers, or a job re-queued by the sweeper, can never both submit a message), submitted concurrently
 * through the channels' windows, and its outcomes are recorded together with their credit postings
 * (see DispatchRecorder): a few statements per batch, not a round of them per message.
 */
@Injectable()
export class DispatchService {
  private readonly campaignStates = new Map<string, { status: string | undefined; at: number }>();

  constructor(
    private readonly tenancy: Tenancy,
    private readonly channels: ChannelRuntime,
    private readonly operators: OperatorDirectory,
    private readonly routing: RoutingService,
    private readonly guards: ChannelGuards,
    private readonly recorder: DispatchRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Dispatches the messages that are still queued and unclaimed; the others are left alone. */
  async dispatchMany(messageIds: string[]): Promise<void> {
    for (let i = 0; i < messageIds.length; i += SLICE) await this.dispatchSlice(messageIds.slice(i, i + SLICE));
  }

  private async dispatchSlice(ids: string[]): Promise<void> {
    const messages = await this.claim(ids);
    if (messages.length === 0) return;

    const outcomes: Outcome[] = [];
    const held: ClaimedMessage[] = [];
    const routed: Routed[] = [];
    const operatorOf = await this.operators.operatorsOf(messages.map((m) => m.to));
    const states = new Map<string, Promise<string | undefined>>();
    const stateOf = (campaignId: string) => {
      const known = states.get(campaignId);
      if (known) return known;
      const state = this.campaignState(campaignId);
      states.set(campaignId, state);
      return state;
    };
    for (const message of messages) {
      if (message.campaignId && (await stateOf(message.campaignId)) !== 'running') {
        held.push(message); // paused or cancelled: stays queued; resume hands it to the queue again
        continue;
      }
      const operator = operatorOf.get(message.to);
      if (!operator) {
        outcomes.push({ kind: 'rejected', message, channelId: null, code: 'routing/unknown_operator' });
        continue;
      }
      const routable = {
        to: message.to,
        text: message.text,
        encoding: message.encoding,
        characters: [...message.text].length,
      };
      const plan = await this.routing.plan(operator, routable, this.channels);
      if (plan.kind === 'impossible') {
        const code = plan.refusals[0]?.reason.code ?? 'routing/no_route';
        outcomes.push({ kind: 'rejected', message, channelId: null, code });
      } else if (plan.kind === 'wait') {
        outcomes.push(retry(message, NO_CHANNEL_RETRY_MS, 'no channel of the route is up'));
      } else {
        routed.push({ message, routable, channel: plan.channel });
      }
    }
    if (held.length > 0) await this.recorder.release(held);

    await Promise.all([
      ...outcomes.map((o) => this.recorder.record(o)),
      ...[...groupBy(routed, (r) => r.channel.channelId)].map(async ([channelId, group]) =>
        Promise.all(await this.submitGroup(channelId, group)),
      ),
    ]);
  }

  /**
   * One conditional update claims what is still queued and unclaimed, and returns the claimed rows. It leaves
   * updated_at alone: a claim is not a status change, and the index on (status, updated_at) stays unwritten.
   */
  private async claim(ids: string[]): Promise<ClaimedMessage[]> {
    const db = new BoundSql(this.tenancy.system());
    const now = new Date();
    const until = new Date(now.getTime() + this.config.claimTtlMs);
    const rows = await db.rows<Record<string, unknown>>(sql`
      update messages set claimed_until = ${db.date(until)}, attempts = attempts + 1
      where id ${db.inLocked('messages', ids)} and status = 'queued' and (claimed_until is null or claimed_until < ${db.date(now)})
      returning ${sql.raw(CLAIMED_COLUMNS.join(', '))}`);
    return rows.map(claimedFromRow);
  }

  /**
   * Submits a channel's share of the batch within its throughput budget (the rest waits its turn); each
   * outcome is recorded as soon as it is known.
   */
  private async submitGroup(channelId: string, group: Routed[]): Promise<Promise<void>[]> {
    const running = this.channels.get(channelId);
    if (!running) {
      const reason = `channel ${group[0]?.channel.name} is not running here`;
      return group.map((r) => this.recorder.record(retry(r.message, NO_CHANNEL_RETRY_MS, reason)));
    }
    const limit = group[0]?.channel.capabilities.maxMessagesPerSecond ?? 0;
    const { granted, waitMs } = await this.guards.acquireMany(channelId, limit, group.length);
    const waiting = group
      .slice(granted)
      .map((r) => this.recorder.record(retry(r.message, waitMs, `${running.name} is at its throughput limit`)));
    const sent = group.slice(0, granted).map(async (r) => {
      const outcome = await this.submitOne(running, channelId, r);
      return this.recorder.record(outcome);
    });
    return [...sent, ...waiting];
  }

  private async submitOne(
    running: NonNullable<ReturnType<ChannelRuntime['get']>>,
    channelId: string,
    r: Routed,
  ): Promise<Outcome> {
    const outbound: OutboundMessage = {
      id: r.message.id,
      to: r.message.to,
      sender: r.message.sender,
      text: r.message.text,
      encoding: r.message.encoding,
      parts: r.message.parts,
    };
    let submit: SubmitResult;
    try {
      submit = await running.driver.submit(outbound);
    } catch (error) {
      submit = { kind: 'retry_later', delayMs: NO_CHANNEL_RETRY_MS, reason: (error as Error).message };
    }
    switch (submit.kind) {
      case 'accepted':
        running.breaker.recordSuccess();
        await this.routing.rememberSent(r.channel, r.routable);
        return { kind: 'accepted', message: r.message, channelId, channelMessageIds: submit.channelMessageIds };
      case 'rejected':
        running.breaker.recordSuccess();
        return { kind: 'rejected', message: r.message, channelId, code: submit.code };
      case 'retry_later':
        // Throttled: the channel is fine, the message waits its turn. Unavailable: count it against the
        // channel, so its breaker opens and the next attempt fails over to the next channel of the route.
        if (submit.cause !== 'throttled') running.breaker.recordFailure();
        return retry(
          r.message,
          submit.cause === 'throttled' ? submit.delayMs : Math.min(submit.delayMs, FAILOVER_RETRY_MS),
          submit.reason,
        );
    }
  }

  /**
   * A campaign's state. "running" is remembered for a second (a pause takes effect within a second); any
   * other state is read again, so work handed over by a resume a moment ago is never held back as paused.
   */
  private async campaignState(campaignId: string): Promise<string | undefined> {
    const cached = this.campaignStates.get(campaignId);
    if (cached?.status === 'running' && Date.now() - cached.at < 1000) return cached.status;
    const row = await this.tenancy.system().findOne(Campaign, { id: campaignId }, { fields: ['status'] });
    this.campaignStates.set(campaignId, { status: row?.status, at: Date.now() });
    if (this.campaignStates.size > 10_000) this.campaignStates.clear();
    return row?.status;
  }
}

function retry(message: ClaimedMessage, delayMs: number, reason: string): Outcome {
  return { kind: 'retry_later', message, delayMs, reason };
}
