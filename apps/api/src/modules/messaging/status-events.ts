import { Injectable, Logger } from '@nestjs/common';
import type { MessageStatusValue } from './message.entity.js';

/** One status change of one message, as stored. Published after the change has committed. */
export interface StatusChange {
  messageId: string;
  organizationId: string;
  reference: string | null;
  to: string;
  status: MessageStatusValue;
  errorCode: string | null;
  at: Date;
  campaignId?: string | null;
  sender?: string;
  operator?: string | null;
  /**
   * The channel that took the message (null: none did, e.g. refused before routing, cancelled while
   * queued). Dispatch and receipts always say it; `queued` changes of new messages have none yet. Left
   * out (undefined) only by a publisher that cannot know it: the statistics then look it up from the
   * message, once per batch of changes.
   */
  channelId?: string | null;
  /** On the in_transit change of an accept: the ids the channel gave (one per part), for receipts that came first. */
  channelMessageIds?: string[];
  /** When the platform accepted the message: the start of "time to deliver". */
  acceptedAt?: Date;
  /**
   * Only on the `queued` change of a message sent again because its submit never reached the operator
   * (receipts/resender.ts): when the `in_transit` of that lost submit was published. The change withdraws
   * that send (on `channelId`): the statistics subtract it, so the message counts as sent once.
   */
  withdrawnSendAt?: Date;
}

type Listener = (changes: StatusChange[]) => Promise<void> | void;

/**
 * In-process hook for what must follow a status change (webhooks, statistics counters). Listeners get
 * committed changes in batches and must not throw back into the pipeline: failures are logged, and each
 * listener keeps its own durable queue if it needs one.
 */
@Injectable()
export class StatusEvents {
  private readonly logger = new Logger(StatusEvents.name);
  private readonly listeners: Listener[] = [];

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  async publish(changes: StatusChange[]): Promise<void> {
    if (changes.length === 0) return;
    for (const listener of this.listeners) {
      try {
        await listener(changes);
      } catch (error) {
        this.logger.error(`A status listener failed for ${changes.length} change(s): ${(error as Error).message}`);
      }
    }
  }
}
