import { raw } from '@mikro-orm/core';
import { postings } from '@mtredi/billing';
import type { OutboundMessage, SubmitResult } from '@mtredi/channel-sdk';
import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Tenancy } from '../../db/tenancy.js';
import { MESSAGES_QUEUE, SUBMIT_JOB, submitJob } from '../../jobs/message-jobs.js';
import { CreditService } from '../billing/credit.service.js';
import { Campaign } from '../campaigns/campaign.entity.js';
import { ChannelRuntime } from '../channels/channel-runtime.service.js';
import { OperatorDirectory } from '../operators/operator-directory.service.js';
import { ChannelMessageId } from '../receipts/channel-message-id.entity.js';
import { ChannelGuards } from '../routing/channel-guards.js';
import { RoutingService } from '../routing/routing.service.js';
import { Message } from './message.entity.js';
import { MessageEvent } from './message-event.entity.js';
import { type StatusChange, StatusEvents } from './status-events.js';

/** Wait before trying again when no channel can take a message at all. */
const NO_CHANNEL_RETRY_MS = 5_000;
/** An unavailable channel's message is tried again soon: by then routing may send it elsewhere. */
const FAILOVER_RETRY_MS = 1_000;

export type DispatchOutcome = 'accepted' | 'rejected' | 'retry' | 'skipped';

/**
 * Hands one queued message to a channel exactly once: a conditional update claims it, so two workers (or a
 * job re-queued by the sweeper) can never both submit it; the outcome and its credit posting commit together.
 */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger(DispatchService.name);
  private readonly campaignStates = new Map<string, { status: string | undefined; at: number }>();

  constructor(
    private readonly tenancy: Tenancy,
    private readonly channels: ChannelRuntime,
    private readonly operators: OperatorDirectory,
    private readonly routing: RoutingService,
    private readonly guards: ChannelGuards,
    private readonly events: StatusEvents,
    private readonly credit: CreditService,
    @InjectQueue(MESSAGES_QUEUE) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async dispatch(messageId: string): Promise<DispatchOutcome> {
    const em = this.tenancy.system();
    const now = new Date();
    const claimed = await em.nativeUpdate(
      Message,
      { id: messageId, status: 'queued', $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }] },
      { claimedUntil: new Date(now.getTime() + this.config.claimTtlMs), attempts: raw('attempts + 1'), updatedAt: now },
    );
    if (claimed === 0) return 'skipped';
    const message = await em.findOneOrFail(Message, { id: messageId });
    if (message.campaignId && (await this.campaignState(message.campaignId)) !== 'running') {
      // Paused or cancelled: leave it queued and unclaimed; resume hands it to the queue again.
      await em.nativeUpdate(Message, { id: messageId }, { claimedUntil: null });
      return 'skipped';
    }

    const operator = await this.operators.operatorOf(message.to);
    if (!operator) return this.reject(message, null, 'routing/unknown_operator');
    const routable = {
      to: message.to,
      text: message.text,
      encoding: message.encoding,
      characters: [...message.text].length,
    };
    const plan = await this.routing.plan(operator, routable, this.channels);
    if (plan.kind === 'impossible') {
      return this.reject(message, null, plan.refusals[0]?.reason.code ?? 'routing/no_route');
    }
    if (plan.kind === 'wait') return this.retryLater(message, NO_CHANNEL_RETRY_MS, 'no channel of the route is up');

    const running = this.channels.get(plan.channel.channelId);
    if (!running)
      return this.retryLater(message, NO_CHANNEL_RETRY_MS, `channel ${plan.channel.name} is not running here`);
    const wait = await this.guards.acquire(running.id, plan.channel.capabilities.maxMessagesPerSecond);
    if (wait > 0) return this.retryLater(message, wait, `${running.name} is at its throughput limit`);

    const outbound: OutboundMessage = {
      id: message.id,
      to: message.to,
      sender: message.sender,
      text: message.text,
      encoding: message.encoding,
      parts: message.parts,
    };
    let result: SubmitResult;
    try {
      result = await running.driver.submit(outbound);
    } catch (error) {
      result = { kind: 'retry_later', delayMs: NO_CHANNEL_RETRY_MS, reason: (error as Error).message };
    }

    switch (result.kind) {
      case 'accepted':
        running.breaker.recordSuccess();
        await this.routing.rememberSent(plan.channel, routable);
        await this.recordAccepted(message, running.id, result.channelMessageIds);
        return 'accepted';
      case 'rejected':
        running.breaker.recordSuccess();
        await this.recordRejected(message, running.id, result.code);
        return 'rejected';
      case 'retry_later':
        // Throttled: the channel is fine, the message waits its turn. Unavailable: count it against the
        // channel, so its breaker opens and the next attempt fails over to the next channel of the route.
        if (result.cause !== 'throttled') running.breaker.recordFailure();
        return this.retryLater(
          message,
          result.cause === 'throttled' ? result.delayMs : Math.min(result.delayMs, FAILOVER_RETRY_MS),
          result.reason,
        );
    }
  }

  /** A campaign's state, read at most once a second per campaign (pausing takes effect within a second). */
  private async campaignState(campaignId: string): Promise<string | undefined> {
    const cached = this.campaignStates.get(campaignId);
    if (cached && Date.now() - cached.at < 1000) return cached.status;
    const row = await this.tenancy.system().findOne(Campaign, { id: campaignId }, { fields: ['status'] });
    this.campaignStates.set(campaignId, { status: row?.status, at: Date.now() });
    if (this.campaignStates.size > 10_000) this.campaignStates.clear();
    return row?.status;
  }

  private async recordAccepted(message: Message, channelId: string, channelMessageIds: string[]): Promise<void> {
    const now = new Date();
    await this.tenancy.system().transactional(async (tx) => {
      await tx.nativeUpdate(
        Message,
        { id: message.id, status: 'queued' },
        { status: 'in_transit', channelId, claimedUntil: null, updatedAt: now },
      );
      for (const [part, channelMessageId] of channelMessageIds.entries()) {
        tx.create(ChannelMessageId, { channelId, channelMessageId, messageId: message.id, part });
      }
      tx.create(MessageEvent, { messageId: message.id, status: 'in_transit', at: now });
      await this.credit.post(tx, postings.consume(message.organization.id, message.id, message.parts));
    });
    await this.events.publish([changeOf(message, 'in_transit', null, now)]);
  }

  /** Refused before acceptance: the reserved credit goes back to the customer. */
  private async reject(message: Message, channelId: string | null, code: string): Promise<DispatchOutcome> {
    await this.recordRejected(message, channelId, code);
    return 'rejected';
  }

  private async recordRejected(message: Message, channelId: string | null, code: string): Promise<void> {
    const now = new Date();
    await this.tenancy.system().transactional(async (tx) => {
      await tx.nativeUpdate(
        Message,
        { id: message.id, status: 'queued' },
        { status: 'rejected', channelId, errorCode: code, claimedUntil: null, updatedAt: now },
      );
      tx.create(MessageEvent, { messageId: message.id, status: 'rejected', errorCode: code, at: now });
      await this.credit.post(tx, postings.release(message.organization.id, message.id, message.parts, code));
    });
    await this.events.publish([changeOf(message, 'rejected', code, now)]);
  }

  private async retryLater(message: Message, delayMs: number, reason: string): Promise<DispatchOutcome> {
    this.logger.debug(`Message ${message.id} retried in ${delayMs} ms: ${reason}`);
    await this.tenancy
      .system()
      .nativeUpdate(Message, { id: message.id }, { claimedUntil: null, updatedAt: new Date() });
    await this.queue.add(SUBMIT_JOB, submitJob(message.id), {
      jobId: `${message.id}:retry:${message.attempts}`,
      delay: delayMs,
      removeOnComplete: true,
      removeOnFail: true,
    });
    return 'retry';
  }
}

function changeOf(message: Message, status: StatusChange['status'], errorCode: string | null, at: Date): StatusChange {
  return {
    messageId: message.id,
    organizationId: message.organization.id,
    reference: message.reference ?? null,
    to: message.to,
    status,
    errorCode,
    at,
    campaignId: message.campaignId ?? null,
    sender: message.sender,
    operator: message.operator ?? null,
    acceptedAt: message.createdAt,
  };
}
