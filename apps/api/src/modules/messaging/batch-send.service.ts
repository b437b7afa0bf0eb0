import { randomUUID } from 'node:crypto';
import { GeorgianMobile, type SendBatchRequest } from '@mtredi/api-contract';
import type { TextAnalysis } from '@mtredi/encoding';
import type { OperatorCode } from '@mtredi/sender-auth';
import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { MAX_MESSAGES_PER_JOB, MESSAGES_QUEUE, SUBMIT_JOB, submitBatchJob } from '../../jobs/message-jobs.js';
import { OrganizationService } from '../accounts/organization.service.js';
import { CreditService } from '../billing/credit.service.js';
import { StopListService } from '../contacts/stop-list.service.js';
import { OperatorDirectory } from '../operators/operator-directory.service.js';
import { describeRefusal } from '../routing/route-planner.js';
import { RoutingService } from '../routing/routing.service.js';
import { authorizedOperators, operatorTitle } from '../senders/senders.service.js';
import { insertNewMessages, type NewMessage, queuedChanges } from './new-messages.js';
import { StatusEvents } from './status-events.js';
import { analyzeText } from './text-analysis.js';

type Batch = z.output<typeof SendBatchRequest>;
type Result = { index: number; ok: boolean; id?: string; parts?: number; code?: string; message?: string };

/**
 * Up to 10,000 messages in one request, each accepted or refused on its own with a reason. The accepted
 * ones are stored with one credit reservation in one transaction (bulk inserts), then queued in one call.
 */
@Injectable()
export class BatchSendService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly organizations: OrganizationService,
    private readonly operators: OperatorDirectory,
    private readonly stopList: StopListService,
    private readonly routing: RoutingService,
    private readonly credit: CreditService,
    private readonly events: StatusEvents,
    @InjectQueue(MESSAGES_QUEUE) private readonly queue: Queue,
  ) {}

  async send(auth: AuthContext, batch: Batch, urgent = false) {
    await this.organizations.assertCanSend(auth);
    const em = this.tenancy.of(auth);
    const results: Result[] = [];
    const refuse = (index: number, code: string, message: string) => results.push({ index, ok: false, code, message });
    const numbers = batch.messages.map((m) => GeorgianMobile.safeParse(m.to));
    const valid = numbers.flatMap((n) => (n.success ? [n.data] : []));
    const [operatorOf, stopped] = await Promise.all([
      this.operators.operatorsOf(valid),
      this.stopList.stopped(auth, valid),
    ]);
    const senders = new Map<string, Set<OperatorCode> | null>();
    const analyses = new Map<string, TextAnalysis>();
    const planned: {
      index: number;
      to: string;
      sender: string;
      reference: string | null;
      analysis: TextAnalysis;
      operator: OperatorCode;
    }[] = [];

    for (const [index, item] of batch.messages.entries()) {
      const number = numbers[index];
      if (!number?.success) {
        refuse(index, 'validation/invalid_request', number?.error.issues[0]?.message ?? 'invalid number');
        continue;
      }
      const to = number.data;
      if (!item.text.trim()) {
        refuse(index, 'validation/invalid_request', 'text must not be empty');
        continue;
      }
      const operator = operatorOf.get(to) ?? null;
      if (!operator) {
        refuse(index, 'routing/unknown_operator', `No mobile operator is known for ${to}`);
        continue;
      }
      if (!senders.has(item.sender)) senders.set(item.sender, await authorizedOperators(em, item.sender));
      const authorized = senders.get(item.sender);
      if (!authorized) {
        refuse(index, 'senders/unknown', `Sender name "${item.sender}" is not registered for your organization`);
        continue;
      }
      if (!authorized.has(operator)) {
        refuse(
          index,
          'senders/not_authorized',
          `Sender name "${item.sender}" is not authorized by ${operatorTitle(operator)}`,
        );
        continue;
      }
      if (stopped.has(to) && !urgent) {
        refuse(index, 'contacts/stopped', `${to} has opted out (stop list)`);
        continue;
      }
      let analysis = analyses.get(item.text);
      if (!analysis) {
        try {
          analysis = analyzeText(item.text, batch);
        } catch (error) {
          refuse(index, 'validation/invalid_request', (error as Error).message);
          continue;
        }
        analyses.set(item.text, analysis);
      }
      const route = await this.routing.deliverability(operator, {
        to,
        text: analysis.text,
        encoding: analysis.encoding,
        characters: analysis.characters,
      });
      if (route.kind === 'impossible') {
        refuse(
          index,
          route.refusals[0]?.reason.code ?? 'routing/no_route',
          route.refusals.map(describeRefusal).join('; ') || 'No channel serves this operator',
        );
        continue;
      }
      planned.push({ index, to, sender: item.sender, reference: item.reference ?? null, analysis, operator });
    }

    // Accept in order while the credit lasts; the rest are refused one by one.
    const { available } = await this.credit.balances(em, auth.organizationId);
    let budget = available;
    const accepted = planned.filter((p) => {
      if (p.analysis.parts > budget) {
        refuse(p.index, 'billing/insufficient_credit', `Not enough credit: this needs ${p.analysis.parts} SMS part(s)`);
        return false;
      }
      budget -= p.analysis.parts;
      return true;
    });
    const now = new Date();
    const rows: NewMessage[] = accepted.map((p) => ({
      id: randomUUID(),
      organizationId: auth.organizationId,
      to: p.to,
      sender: p.sender,
      text: p.analysis.text,
      reference: p.reference,
      encoding: p.analysis.encoding,
      parts: p.analysis.parts,
      operator: p.operator,
      campaignId: null,
      at: now,
    }));
    if (rows.length) {
      const parts = rows.reduce((sum, r) => sum + r.parts, 0);
      await em.transactional(async (tx) => {
        await this.credit.post(tx, {
          organizationId: auth.organizationId,
          idempotencyKey: `reserve:batch:${rows[0]?.id}`,
          kind: 'reserve',
          debit: 'available',
          credit: 'reserved',
          amount: parts,
          memo: `Reserved for a batch of ${rows.length} message(s)`,
        });
        await insertNewMessages(tx, rows);
      });
      // One submit job per thousand messages, as the single sends' commits do: dispatch claims them together.
      const jobs = [];
      for (let i = 0; i < rows.length; i += MAX_MESSAGES_PER_JOB) {
        const ids = rows.slice(i, i + MAX_MESSAGES_PER_JOB).map((r) => r.id);
        jobs.push({
          name: SUBMIT_JOB,
          data: submitBatchJob(ids),
          opts: { removeOnComplete: true, removeOnFail: true },
        });
      }
      await this.queue.addBulk(jobs).catch(() => undefined); // stored is accepted: the sweeper queues what could not be queued now
      await this.events.publish(queuedChanges(rows));
      accepted.forEach((p, i) => {
        results.push({ index: p.index, ok: true, id: rows[i]?.id, parts: p.analysis.parts });
      });
    }
    if (results.length !== batch.messages.length)
      throw new DomainError('internal/batch', 'batch bookkeeping failed', 500);
    results.sort((a, b) => a.index - b.index);
    return { accepted: rows.length, refused: results.length - rows.length, results };
  }
}
