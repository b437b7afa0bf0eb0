import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { CAMPAIGN_FANOUT_QUEUE, CAMPAIGNS_QUEUE, FANOUT_JOB, SUBMIT_CHUNK_JOB } from '../../jobs/campaign-jobs.js';
import { OrganizationService } from '../accounts/organization.service.js';
import { CreditService } from '../billing/credit.service.js';
import { Message } from '../messaging/message.entity.js';
import { StatisticsService, summarize } from '../statistics/statistics.service.js';
import { Template } from '../templates/template.entity.js';
import { Campaign, type CampaignOptions, type CampaignRecipients, type CampaignStatus } from './campaign.entity.js';
import { CampaignCanceller } from './campaign-canceller.js';
import { CampaignPlanner, emptyTotals, PLAN_START } from './campaign-planner.js';
import { fanoutJobOptions } from './fanout-job.js';

export interface CampaignInput {
  name: string;
  sender: string;
  text: string;
  templateId?: string | null;
  recipients: CampaignRecipients;
  options: CampaignOptions;
}

const RESUBMIT_SLICE = 1000;

/** A campaign's life: draft → (estimate) → scheduled/running → paused ↔ running → completed, or cancelled. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly planner: CampaignPlanner,
    private readonly credit: CreditService,
    private readonly organizations: OrganizationService,
    private readonly statistics: StatisticsService,
    private readonly canceller: CampaignCanceller,
    @InjectQueue(CAMPAIGNS_QUEUE) private readonly queue: Queue,
    @InjectQueue(CAMPAIGN_FANOUT_QUEUE) private readonly fanouts: Queue,
  ) {}

  async create(auth: AuthContext, input: CampaignInput) {
    const id = randomUUID();
    if (input.templateId) await this.expectTemplate(auth, input.templateId);
    await this.tenancy.of(auth).insert(Campaign, {
      id,
      organization: auth.organizationId,
      name: input.name,
      status: 'draft',
      sender: input.sender,
      body: input.text,
      templateId: input.templateId ?? null,
      options: input.options,
      recipients: input.recipients,
      createdAt: new Date(),
    });
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, input: Partial<CampaignInput>) {
    const campaign = await this.find(auth, id);
    this.expect(campaign, ['draft']);
    if (input.templateId) await this.expectTemplate(auth, input.templateId);
    await this.tenancy.of(auth).nativeUpdate(
      Campaign,
      { id },
      {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.templateId !== undefined ? { templateId: input.templateId } : {}),
        ...(input.sender !== undefined ? { sender: input.sender } : {}),
        ...(input.text !== undefined ? { body: input.text } : {}),
        ...(input.recipients ? { recipients: input.recipients } : {}),
        ...(input.options ? { options: input.options } : {}),
      },
    );
    return this.get(auth, id);
  }

  async list(auth: AuthContext) {
    const rows = await this.tenancy.of(auth).find(Campaign, {}, { orderBy: { createdAt: 'desc' }, limit: 200 });
    const counters = await this.statistics.read(
      auth.organizationId,
      rows.map((r) => `campaign:${r.id}`),
    );
    const names = await this.templateNames(auth, rows);
    return { items: rows.map((r) => toDto(r, summarize(counters[`campaign:${r.id}`]), names)) };
  }

  async get(auth: AuthContext, id: string) {
    const campaign = await this.find(auth, id);
    const counters = await this.statistics.read(auth.organizationId, [`campaign:${id}`]);
    return toDto(campaign, summarize(counters[`campaign:${id}`]), await this.templateNames(auth, [campaign]));
  }

  /** Names of the templates some campaigns came from, in one query. */
  private async templateNames(auth: AuthContext, campaigns: Campaign[]): Promise<Map<string, string>> {
    const ids = [...new Set(campaigns.flatMap((c) => (c.templateId ? [c.templateId] : [])))];
    if (ids.length === 0) return new Map();
    const rows = await this.tenancy.of(auth).find(Template, { id: { $in: ids } }, { fields: ['id', 'name'] });
    return new Map(rows.map((t) => [t.id, t.name]));
  }

  private async expectTemplate(auth: AuthContext, templateId: string): Promise<void> {
    if ((await this.tenancy.of(auth).count(Template, { id: templateId })) === 0) {
      const message = `Template ${templateId} was not found`;
      throw new DomainError('templates/not_found', message, 422, [{ path: 'templateId', message }]);
    }
  }

  /** What the campaign would send now: recipients after every exclusion, parts, cost, and the credit check. */
  async estimate(auth: AuthContext, id: string) {
    const campaign = await this.find(auth, id);
    const totals = emptyTotals();
    for await (const _ of this.planner.plan(campaign, totals)) {
      // counting only
    }
    const { available } = await this.credit.balances(this.tenancy.of(auth), auth.organizationId);
    return { ...totals, cost: totals.parts, available, enoughCredit: available >= totals.parts };
  }

  /** The customer confirmed: start now, or at `at` (a time with its offset; Tbilisi is +04:00). */
  async start(auth: AuthContext, id: string, at?: Date) {
    await this.organizations.assertCanSend(auth);
    const campaign = await this.find(auth, id);
    this.expect(campaign, ['draft']);
    const estimate = await this.estimate(auth, id);
    if (estimate.messages === 0)
      throw new DomainError('campaigns/no_recipients', 'No recipient can receive this campaign', 422);
    if (!estimate.enoughCredit) {
      throw new DomainError(
        'billing/insufficient_credit',
        `This campaign needs ${estimate.parts} SMS parts; ${estimate.available} are available`,
        402,
      );
    }
    const later = at && at.getTime() > Date.now() + 5_000;
    // The fan-out starts at the beginning; the estimate is the campaign's size until the fan-out has planned it all.
    const fanoutCursor = { chunk: 0, position: PLAN_START, totals: emptyTotals(), expected: estimate.messages };
    await this.tenancy
      .of(auth)
      .nativeUpdate(
        Campaign,
        { id, status: 'draft' },
        later
          ? { status: 'scheduled', scheduledAt: at, fanoutCursor }
          : { status: 'running', startedAt: new Date(), fanoutCursor },
      );
    if (!later) await this.fanouts.add(FANOUT_JOB, { version: 1, campaignId: id }, fanoutJobOptions(id));
    return this.get(auth, id);
  }

  async pause(auth: AuthContext, id: string) {
    this.expect(await this.find(auth, id), ['running', 'scheduled']);
    await this.tenancy
      .of(auth)
      .nativeUpdate(Campaign, { id, status: { $in: ['running', 'scheduled'] } }, { status: 'paused' });
    return this.get(auth, id);
  }

  /**
   * Resumes sending: the fan-out continues from its cursor if it was not done, and the messages still queued
   * are handed to the queue again, a chunk per job.
   */
  async resume(auth: AuthContext, id: string) {
    const campaign = await this.find(auth, id);
    this.expect(campaign, ['paused']);
    await this.tenancy
      .of(auth)
      .nativeUpdate(
        Campaign,
        { id, status: 'paused' },
        { status: 'running', failure: null, startedAt: campaign.startedAt ?? new Date() },
      );
    // While the run that saw the pause is still ending, this add is a no-op (same job id); the scheduler then
    // adds the fan-out again once that job is gone.
    if (!campaign.totals) await this.fanouts.add(FANOUT_JOB, { version: 1, campaignId: id }, fanoutJobOptions(id));
    let afterId: string | undefined;
    const em = this.tenancy.of(auth);
    for (;;) {
      const queued = await em.find(
        Message,
        { campaignId: id, status: 'queued', ...(afterId ? { id: { $gt: afterId } } : {}) },
        { fields: ['id'], orderBy: { id: 'asc' }, limit: RESUBMIT_SLICE },
      );
      if (queued.length === 0) break;
      afterId = queued.at(-1)?.id;
      await this.queue.add(
        SUBMIT_CHUNK_JOB,
        { version: 1, campaignId: id, messageIds: queued.map((m) => m.id) },
        { removeOnComplete: true, removeOnFail: true },
      );
      if (queued.length < RESUBMIT_SLICE) break;
    }
    return this.get(auth, id);
  }

  /** Stops for good: messages not yet handed to a channel are cancelled and their reserved credit returned. */
  async cancel(auth: AuthContext, id: string) {
    const campaign = await this.find(auth, id);
    this.expect(campaign, ['draft', 'scheduled', 'running', 'paused']);
    await this.tenancy.of(auth).nativeUpdate(Campaign, { id }, { status: 'cancelled', finishedAt: new Date() });
    await this.canceller.cancelQueued(campaign);
    return this.get(auth, id);
  }

  private expect(campaign: Campaign, states: CampaignStatus[]) {
    if (!states.includes(campaign.status)) {
      throw new DomainError(
        'campaigns/illegal_state',
        `The campaign is ${campaign.status}; this needs ${states.join(' or ')}`,
        409,
      );
    }
  }

  private async find(auth: AuthContext, id: string): Promise<Campaign> {
    const campaign = await this.tenancy.of(auth).findOne(Campaign, { id }, { refresh: true });
    if (!campaign) throw new NotFoundError('campaigns', id);
    return campaign;
  }
}

function toDto(c: Campaign, stats: ReturnType<typeof summarize>, templateNames: Map<string, string>) {
  const templateName = c.templateId ? templateNames.get(c.templateId) : undefined;
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    sender: c.sender,
    text: c.body,
    templateId: c.templateId ?? null,
    /** The template the text was written from, if any and if it still exists. */
    template: c.templateId && templateName !== undefined ? { id: c.templateId, name: templateName } : null,
    recipients: c.recipients,
    options: c.options,
    totals: c.totals ?? null,
    /** Messages the campaign sends: the totals once the fan-out is done, before that the estimate at start. */
    planned: c.totals?.messages ?? c.fanoutCursor?.expected ?? null,
    failure: c.failure ?? null,
    scheduledAt: c.scheduledAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    startedAt: c.startedAt?.toISOString() ?? null,
    finishedAt: c.finishedAt?.toISOString() ?? null,
    stats,
  };
}
