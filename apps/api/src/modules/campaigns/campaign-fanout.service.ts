import { randomUUID } from 'node:crypto';
import { InsufficientCreditError } from '@mtredi/billing';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { Tenancy } from '../../db/tenancy.js';
import { CAMPAIGNS_QUEUE, SUBMIT_CHUNK_JOB } from '../../jobs/campaign-jobs.js';
import { CreditService } from '../billing/credit.service.js';
import { Message } from '../messaging/message.entity.js';
import { type StatusChange, StatusEvents } from '../messaging/status-events.js';
import { Campaign } from './campaign.entity.js';
import { CampaignPlanner, emptyTotals, type PlannedMessage } from './campaign-planner.js';

/**
 * Stores a campaign's messages in chunks: each chunk's messages and one credit reservation
 * commit together (bulk inserts), then one queue job submits the chunk. Never a job or a round trip per
 * recipient.
 */
@Injectable()
export class CampaignFanout {
  private readonly logger = new Logger(CampaignFanout.name);

  constructor(
    private readonly tenancy: Tenancy,
    private readonly planner: CampaignPlanner,
    private readonly credit: CreditService,
    private readonly events: StatusEvents,
    @InjectQueue(CAMPAIGNS_QUEUE) private readonly queue: Queue,
  ) {}

  async run(campaignId: string): Promise<void> {
    const campaign = await this.tenancy.system().findOne(Campaign, { id: campaignId });
    if (campaign?.status !== 'running' || campaign.totals) return;
    const totals = emptyTotals();
    let chunk = 0;
    try {
      for await (const planned of this.planner.plan(campaign, totals)) {
        if (planned.length === 0) continue;
        const ids = await this.store(campaign, planned, chunk++);
        await this.queue.add(
          SUBMIT_CHUNK_JOB,
          { version: 1, campaignId, messageIds: ids },
          { removeOnComplete: true, removeOnFail: true },
        );
      }
      await this.tenancy.system().nativeUpdate(Campaign, { id: campaignId }, { totals });
    } catch (error) {
      const reason =
        error instanceof InsufficientCreditError
          ? 'credit ran out while the campaign was being prepared'
          : (error as Error).message;
      this.logger.warn(`Campaign ${campaignId} stopped: ${reason}`);
      await this.tenancy
        .system()
        .nativeUpdate(Campaign, { id: campaignId }, { status: 'paused', failure: reason.slice(0, 300), totals });
    }
  }

  private async store(campaign: Campaign, planned: PlannedMessage[], chunk: number): Promise<string[]> {
    const organizationId = campaign.organization.id;
    const now = new Date();
    const rows = planned.map((p) => ({
      id: randomUUID(),
      organization: organizationId,
      to: p.to,
      sender: campaign.sender,
      text: p.text,
      reference: null,
      status: 'queued' as const,
      encoding: p.analysis.encoding,
      parts: p.analysis.parts,
      campaignId: campaign.id,
      operator: p.operator,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    }));
    const parts = rows.reduce((sum, r) => sum + r.parts, 0);
    await this.tenancy.of({ organizationId }).transactional(async (tx) => {
      await this.credit.post(tx, {
        organizationId,
        idempotencyKey: `reserve:campaign:${campaign.id}:${chunk}`,
        kind: 'reserve',
        debit: 'available',
        credit: 'reserved',
        amount: parts,
        memo: `Reserved for ${rows.length} message(s) of campaign "${campaign.name}"`,
      });
      await tx.insertMany(Message, rows);
    });
    const changes: StatusChange[] = rows.map((r) => ({
      messageId: r.id,
      organizationId,
      reference: null,
      to: r.to,
      status: 'queued',
      errorCode: null,
      at: now,
      campaignId: campaign.id,
      sender: campaign.sender,
      operator: r.operator,
      acceptedAt: now,
    }));
    await this.events.publish(changes);
    return rows.map((r) => r.id);
  }
}
