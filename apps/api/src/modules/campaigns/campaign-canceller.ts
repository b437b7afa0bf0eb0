import { Injectable } from '@nestjs/common';
import { Tenancy } from '../../db/tenancy.js';
import { CreditService } from '../billing/credit.service.js';
import { Message } from '../messaging/message.entity.js';
import { MessageEvent } from '../messaging/message-event.entity.js';
import { type StatusChange, StatusEvents } from '../messaging/status-events.js';
import type { Campaign } from './campaign.entity.js';

const SLICE = 1000;

/** Cancels a campaign's messages that no channel has taken yet and returns their reserved credit. */
@Injectable()
export class CampaignCanceller {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly credit: CreditService,
    private readonly events: StatusEvents,
  ) {}

  async cancelQueued(campaign: Campaign): Promise<number> {
    const organizationId = campaign.organization.id;
    const em = this.tenancy.of({ organizationId });
    let cancelled = 0;
    for (let slice = 0; ; slice++) {
      const now = new Date();
      // Only unclaimed messages: one a worker is submitting right now finishes on its own.
      const batch = await em.find(
        Message,
        { campaignId: campaign.id, status: 'queued', $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }] },
        { orderBy: { id: 'asc' }, limit: SLICE },
      );
      if (batch.length === 0) break;
      const changes: StatusChange[] = [];
      await em.transactional(async (tx) => {
        let parts = 0;
        for (const m of batch) {
          const changed = await tx.nativeUpdate(
            Message,
            { id: m.id, status: 'queued' },
            { status: 'failed', errorCode: 'campaign/cancelled', updatedAt: now },
          );
          if (!changed) continue;
          parts += m.parts;
          tx.create(MessageEvent, { messageId: m.id, status: 'failed', errorCode: 'campaign/cancelled', at: now });
          changes.push({
            messageId: m.id,
            organizationId,
            reference: null,
            to: m.to,
            status: 'failed',
            errorCode: 'campaign/cancelled',
            at: now,
            campaignId: campaign.id,
            sender: m.sender,
            operator: m.operator ?? null,
            // Never handed to a channel.
            channelId: null,
          });
        }
        if (parts > 0) {
          await this.credit.post(tx, {
            organizationId,
            idempotencyKey: `release:campaign:${campaign.id}:cancel:${slice}:${batch[0]?.id}`,
            kind: 'release',
            debit: 'reserved',
            credit: 'available',
            amount: parts,
            memo: `Campaign "${campaign.name}" cancelled: credit of ${changes.length} unsent message(s) returned`,
          });
        }
      });
      cancelled += changes.length;
      await this.events.publish(changes);
      em.clear();
      if (batch.length < SLICE) break;
    }
    return cancelled;
  }
}
