import { randomUUID } from 'node:crypto';
import type {
  AnalyzeRequest,
  ListMessagesQuery,
  Message as MessageDto,
  MessageList,
  ValidSendMessage,
} from '@mtredi/api-contract';
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
import { OperatorDirectory } from '../operators/operator-directory.service.js';
import { routeAnswer } from '../routing/route-answer.js';
import { describeRefusal } from '../routing/route-planner.js';
import { RoutingService } from '../routing/routing.service.js';
import { SendersService } from '../senders/senders.service.js';
import { Message } from './message.entity.js';
import { MessageEvent } from './message-event.entity.js';
import { historyOf, toMessageDto, toMessageSummary } from './message-mapper.js';
import { SendCommitter } from './send-committer.js';
import { analyzeText } from './text-analysis.js';

@Injectable()
export class MessagesService {
  private readonly logger = new Logger(MessagesService.name);

  constructor(
    private readonly tenancy: Tenancy,
    private readonly organizations: OrganizationService,
    private readonly senders: SendersService,
    private readonly routing: RoutingService,
    private readonly committer: SendCommitter,
    private readonly operators: OperatorDirectory,
    @InjectQueue(MESSAGES_QUEUE) private readonly queue: Queue,
  ) {}

  /**
   * Accept means stored: the message and its credit reservation commit together (in the
   * group commit of the sends arriving at the same time); only then is it queued. If queueing fails the
   * sweeper queues it later.
   */
  async send(auth: AuthContext, request: ValidSendMessage): Promise<MessageDto> {
    await this.organizations.assertCanSend(auth);
    const operator = await this.senders.assertAuthorized(auth, request.sender, request.to);
    const analysis = analyzeText(request.text, request);
    await this.assertDeliverable(operator, request.to, analysis);
    const now = new Date();
    const send = {
      id: randomUUID(),
      organizationId: auth.organizationId,
      to: request.to,
      sender: request.sender,
      text: analysis.text,
      reference: request.reference ?? null,
      encoding: analysis.encoding,
      parts: analysis.parts,
      operator,
      at: now,
      // The stop list is read inside the commit, for the whole batch at once and exactly as stored then.
      checkStopList: !request.urgent,
    };
    await this.committer.commit(send);
    const message = { ...send, status: 'queued' as const, createdAt: now, updatedAt: now };
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
    return toMessageDto(message, historyOf(message, events));
  }

  async list(auth: AuthContext, query: ListMessagesQuery): Promise<MessageList> {
    const em = this.tenancy.of(auth);
    const where: Record<string, unknown> = {};
    if (query.before) {
      const cursor = await em.findOne(Message, { id: query.before });
      if (!cursor) throw new NotFoundError('messages', query.before);
      // Keyset on (createdAt, id), the sort order: messages created in the same millisecond are not skipped.
      where.$or = [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { $lt: cursor.id } }];
    }
    if (query.to) where.to = { $like: `%${query.to.replace(/\D/g, '').replace(/^0/, '')}%` };
    if (query.status) where.status = query.status;
    if (query.sender) where.sender = query.sender;
    if (query.campaignId) where.campaignId = query.campaignId;
    if (query.reference) where.reference = query.reference;
    const range: Record<string, Date> = {};
    if (query.from) range.$gte = new Date(`${query.from}T00:00:00+04:00`);
    if (query.until) range.$lt = new Date(new Date(`${query.until}T00:00:00+04:00`).getTime() + 86_400_000);
    if (Object.keys(range).length) where.createdAt = range;
    const items = await em.find(Message, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit });
    return { items: items.map(toMessageSummary) };
  }

  /** The integrator's own id for a message: the newest message with that client reference. */
  async byReference(auth: AuthContext, reference: string): Promise<MessageDto> {
    const message = await this.tenancy.of(auth).findOne(Message, { reference }, { orderBy: { createdAt: 'desc' } });
    if (!message) throw new NotFoundError('messages', reference);
    return this.get(auth, message.id);
  }

  /**
   * The analysis the composer shows, plus, for a destination, which channel would carry the message now,
   * whether it is the operator's direct channel or a reserve, what that channel imposes (length, repeat
   * window, sender replacement, receipts) and, as codes with their parameters, why each refusing channel does.
   */
  async analyze(auth: AuthContext, request: AnalyzeRequest & { to?: string | undefined }) {
    const analysis = analyzeText(request.text, request);
    if (!request.to) return analysis;
    const operator = await this.operators.operatorOf(request.to);
    if (!operator) return { ...analysis, route: null };
    const [plan, directChannelId] = await Promise.all([
      this.routing.plan(operator, {
        to: request.to,
        text: analysis.text,
        encoding: analysis.encoding,
        characters: analysis.characters,
      }),
      this.routing.directChannelOf(operator),
    ]);
    return { ...analysis, route: routeAnswer(operator, plan, directChannelId, analysis) };
  }
}
