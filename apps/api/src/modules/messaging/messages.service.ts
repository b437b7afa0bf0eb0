import { randomUUID } from 'node:crypto';
import type { Message as MessageDto, MessageList, ValidSendMessage } from '@mtredi/api-contract';
import { postings } from '@mtredi/billing';
import type { TextAnalysis } from '@mtredi/encoding';
import type { OperatorCode } from '@mtredi/sender-auth';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { MESSAGES_QUEUE, SUBMIT_JOB, submitJob } from '../../jobs/message-jobs.js';
import { OrganizationService } from '../accounts/organization.service.js';
import { CreditService } from '../billing/credit.service.js';
import { StopListService } from '../contacts/stop-list.service.js';
import { describeRefusal } from '../routing/route-planner.js';
import { RoutingService } from '../routing/routing.service.js';
import { SendersService } from '../senders/senders.service.js';
import { Message } from './message.entity.js';
import { MessageEvent } from './message-event.entity.js';
import { toMessageDto, toMessageSummary } from './message-mapper.js';
import { StatusEvents } from './status-events.js';
import { analyzeText } from './text-analysis.js';

@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);

  constructor(
    private readonly tenancy: Tenancy,
    private readonly organizations: OrganizationService,
    private readonly senders: SendersService,
    private readonly credit: CreditService,
    private readonly routing: RoutingService,
    private readonly events: StatusEvents,
    private readonly stopList: StopListService,
    @InjectQueue(MESSAGES_QUEUE) private readonly queue: Queue,
  ) {}

  /**
   * Accept means stored: the message, its first status and its credit reservation commit in one
   * transaction; only then is it queued. If queueing fails the sweeper queues it later.
   */
  async send(auth: AuthContext, request: ValidSendMessage): Promise<MessageDto> {
    await this.organizations.assertCanSend(auth);
    const operator = await this.senders.assertAuthorized(auth, request.sender, request.to);
    if (!request.urgent && (await this.stopList.stopped(auth, [request.to])).size > 0) {
      throw new DomainError('contacts/stopped', `${request.to} has opted out (stop list); it is not messaged`, 422, [
        { path: 'to', message: 'on the stop list' },
      ]);
    }
    const analysis = analyzeText(request.text, request);
    await this.assertDeliverable(operator, request.to, analysis);
    const now = new Date();
    const id = randomUUID();
    const message = await this.tenancy.of(auth).transactional(async (tx) => {
      await this.credit.post(tx, postings.reserve(auth.organizationId, id, analysis.parts));
      tx.create(MessageEvent, { messageId: id, status: 'queued', at: now });
      return tx.create(Message, {
        id,
        organization: auth.organizationId,
        to: request.to,
        sender: request.sender,
        text: analysis.text,
        reference: request.reference ?? null,
        status: 'queued',
        encoding: analysis.encoding,
        parts: analysis.parts,
        operator,
        createdAt: now,
        updatedAt: now,
      });
    });

    await this.enqueue(message.id);
    await this.events.publish([
      {
        messageId: id,
        organizationId: auth.organizationId,
        reference: message.reference ?? null,
        to: message.to,
        status: 'queued',
        errorCode: null,
        at: now,
        campaignId: null,
        sender: message.sender,
        operator,
        acceptedAt: now,
      },
    ]);
    return toMessageDto(message, [{ status: 'queued', at: now, errorCode: null }]);
  }

  /**
   * Refuses, before charging, a message no channel of the route could ever carry (too long for every
   * channel, a repeat that each channel would drop…), instead of letting a channel lose it silently.
   */
  private async assertDeliverable(operator: OperatorCode, to: string, analysis: TextAnalysis): Promise<void> {
    const plan = await this.routing.deliverability(operator, {
      to,
      text: analysis.text,
      encoding: analysis.encoding,
      characters: analysis.characters,
    });
    if (plan.kind !== 'impossible') return;
    const reasons = plan.refusals.map(describeRefusal);
    throw new DomainError(
      plan.refusals[0]?.reason.code ?? 'routing/no_route',
      reasons.length ? `No channel can deliver this message: ${reasons.join('; ')}` : 'No channel serves this operator',
      422,
      reasons.map((message) => ({ path: 'text', message })),
    );
  }

  async enqueue(messageId: string): Promise<void> {
    try {
      // jobId = message id: Bull ignores a second add while the first job still exists.
      await this.queue.add(SUBMIT_JOB, submitJob(messageId), {
        jobId: messageId,
        removeOnComplete: true,
        removeOnFail: true,
      });
    } catch (error) {
      this.logger.warn(
        `Message ${messageId} stored but not queued (${(error as Error).message}); the sweeper will queue it`,
      );
    }
  }

  async get(auth: AuthContext, id: string): Promise<MessageDto> {
    const em = this.tenancy.of(auth);
    const message = await em.findOne(Message, { id });
    if (!message) throw new NotFoundError('messages', id);
    const events = await em.find(MessageEvent, { messageId: id }, { orderBy: { at: 'asc', id: 'asc' } });
    return toMessageDto(message, events);
  }

  async list(auth: AuthContext, query: { limit: number; before?: string | undefined }): Promise<MessageList> {
    const em = this.tenancy.of(auth);
    const where: Record<string, unknown> = {};
    if (query.before) {
      const cursor = await em.findOne(Message, { id: query.before });
      if (!cursor) throw new NotFoundError('messages', query.before);
      where.createdAt = { $lt: cursor.createdAt };
    }
    const items = await em.find(Message, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit });
    return { items: items.map(toMessageSummary) };
  }
}
