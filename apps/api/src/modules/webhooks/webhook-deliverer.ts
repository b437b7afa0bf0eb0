import { Inject, Injectable } from '@nestjs/common';
import { Tenancy } from '../../db/tenancy.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookPoster } from './webhook-poster.js';
import { WebhookQueue } from './webhook-queue.js';
import { nextAttemptAt, WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings.js';

/** A claim outlives the attempt's timeout by this much, so two workers never post the same attempt at once. */
const CLAIM_SLACK_MS = 30_000;

/**
 * Makes one attempt of one delivery and records its outcome: delivered, failed for good, or the next
 * attempt scheduled with exponential backoff inside the retry window.
 */
@Injectable()
export class WebhookDeliverer {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly poster: WebhookPoster,
    private readonly queue: WebhookQueue,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  /**
   * Attempt number `attempt`; does nothing when that attempt was already made or is being made elsewhere
   * (a duplicate job), and returns whether it ran.
   */
  async attempt(deliveryId: string, attempt: number, options: { retry: boolean } = { retry: true }): Promise<boolean> {
    const em = this.tenancy.system();
    const now = new Date();
    const claimed = await em.nativeUpdate(
      WebhookDelivery,
      {
        id: deliveryId,
        status: 'pending',
        attempts: attempt - 1,
        $or: [{ claimedUntil: null }, { claimedUntil: { $lt: now } }],
      },
      { claimedUntil: new Date(now.getTime() + this.settings.timeoutMs + CLAIM_SLACK_MS) },
    );
    if (claimed === 0) return false;
    const delivery = await em.findOneOrFail(WebhookDelivery, { id: deliveryId }, { populate: ['webhook'] });
    const webhook = delivery.webhook.getEntity();

    const result = webhook.enabled
      ? await this.poster.post({
          url: webhook.url,
          format: delivery.format,
          secret: webhook.secret,
          payload: delivery.payload,
          eventId: delivery.eventId,
          deliveryId,
          attempt,
        })
      : { ok: false, statusCode: null, error: 'the webhook is disabled' };

    const done = new Date();
    const next =
      result.ok || !options.retry || !webhook.enabled
        ? null
        : nextAttemptAt(this.settings, attempt, delivery.createdAt, done);
    await em.nativeUpdate(
      WebhookDelivery,
      { id: deliveryId },
      {
        status: result.ok ? 'delivered' : next ? 'pending' : 'failed',
        attempts: attempt,
        lastStatusCode: result.statusCode,
        lastError: result.error?.slice(0, 300) ?? null,
        lastAttemptAt: done,
        nextAttemptAt: next,
        deliveredAt: result.ok ? done : null,
        claimedUntil: null,
      },
    );
    if (next) await this.queue.add([{ deliveryId, attempt: attempt + 1, delayMs: next.getTime() - Date.now() }]);
    return true;
  }
}
