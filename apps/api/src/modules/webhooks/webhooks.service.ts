import { randomUUID } from 'node:crypto';
import {
  type CreatedWebhook,
  type CreateWebhookRequest,
  FINAL_MESSAGE_STATUSES,
  type ListDeliveriesQuery,
  type UpdateWebhookRequest,
  type WebhookDelivery as WebhookDeliveryDto,
  type WebhookDeliveryList,
  type Webhook as WebhookDto,
  type WebhookFormat,
  type WebhookList,
} from '@mtredi/api-contract';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { newSecret } from '../accounts/secrets.js';
import { Webhook } from './webhook.entity.js';
import { webhookAddresses } from './webhook-address.js';
import { WebhookDeliverer } from './webhook-deliverer.js';
import { WebhookDelivery } from './webhook-delivery.entity.js';
import { WebhookFanout } from './webhook-fanout.js';
import { toDeliveryDto, toWebhookDto } from './webhook-mapper.js';
import { messageStatusEvent, smsofficeCallback, testChange } from './webhook-payloads.js';
import { WEBHOOK_SETTINGS, type WebhookSettings } from './webhook-settings.js';

/** Every status change fans out to each webhook; this keeps one organization's fan-out bounded. */
const MAX_WEBHOOKS = 20;

@Injectable()
export class WebhooksService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly fanout: WebhookFanout,
    private readonly deliverer: WebhookDeliverer,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  async list(auth: AuthContext): Promise<WebhookList> {
    const hooks = await this.tenancy.of(auth).find(Webhook, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
    return { items: hooks.map(toWebhookDto) };
  }

  async create(auth: AuthContext, request: z.output<typeof CreateWebhookRequest>): Promise<CreatedWebhook> {
    const em = this.tenancy.of(auth);
    if ((await em.count(Webhook, {})) >= MAX_WEBHOOKS) {
      throw new DomainError('webhooks/limit_reached', `An organization can have at most ${MAX_WEBHOOKS} webhooks`, 409);
    }
    await webhookAddresses(request.url, this.settings.allowPrivateAddresses);
    const now = new Date();
    const hook = em.create(Webhook, {
      id: randomUUID(),
      organization: auth.organizationId,
      url: request.url,
      description: request.description ?? null,
      format: request.format,
      events: request.events ?? defaultEvents(request.format),
      secret: newWebhookSecret(),
      enabled: true,
      createdAt: now,
      updatedAt: now,
    });
    await em.flush();
    this.fanout.invalidate(auth.organizationId);
    return { ...toWebhookDto(hook), secret: hook.secret };
  }

  async update(auth: AuthContext, id: string, changes: z.output<typeof UpdateWebhookRequest>): Promise<WebhookDto> {
    const em = this.tenancy.of(auth);
    const hook = await this.find(em, id);
    if (changes.url !== undefined) await webhookAddresses(changes.url, this.settings.allowPrivateAddresses);
    em.assign(hook, { ...changes, updatedAt: new Date() });
    await em.flush();
    this.fanout.invalidate(auth.organizationId);
    return toWebhookDto(hook);
  }

  /**
   * A new signing secret, shown this once; the old one stops signing at once (attempts still queued are
   * signed with the new one).
   */
  async rotateSecret(auth: AuthContext, id: string): Promise<CreatedWebhook> {
    const em = this.tenancy.of(auth);
    const hook = await this.find(em, id);
    em.assign(hook, { secret: newWebhookSecret(), updatedAt: new Date() });
    await em.flush();
    return { ...toWebhookDto(hook), secret: hook.secret };
  }

  /** Deletes the webhook and its log; attempts still queued for it find nothing and stop. */
  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.tenancy.of(auth).transactional(async (tx) => {
      await this.find(tx, id);
      await tx.nativeDelete(WebhookDelivery, { webhook: id });
      await tx.nativeDelete(Webhook, { id });
    });
    this.fanout.invalidate(auth.organizationId);
  }

  async deliveries(
    auth: AuthContext,
    id: string,
    query: z.output<typeof ListDeliveriesQuery>,
  ): Promise<WebhookDeliveryList> {
    const em = this.tenancy.of(auth);
    await this.find(em, id);
    const where: Record<string, unknown> = { webhook: id };
    if (query.status) where.status = query.status;
    if (query.before) {
      const cursor = await em.findOne(WebhookDelivery, { id: query.before, webhook: id });
      if (!cursor) throw new NotFoundError('webhook_deliveries', query.before);
      where.$or = [{ createdAt: { $lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { $lt: cursor.id } }];
    }
    const rows = await em.find(WebhookDelivery, where, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit: query.limit,
    });
    return { items: rows.map(toDeliveryDto) };
  }

  /**
   * Sends a test event now and answers with the outcome, so the portal can show what the endpoint said.
   * A test is attempted once, never retried; it is kept in the delivery log like any other.
   */
  async sendTest(auth: AuthContext, id: string): Promise<WebhookDeliveryDto> {
    const em = this.tenancy.of(auth);
    const hook = await this.find(em, id);
    const now = new Date();
    const change = testChange(auth.organizationId, now);
    const eventId = randomUUID();
    const deliveryId = randomUUID();
    await em.insert(WebhookDelivery, {
      id: deliveryId,
      webhook: hook.id,
      organizationId: auth.organizationId,
      eventId,
      messageId: null,
      event: change.status,
      test: true,
      format: hook.format,
      payload:
        hook.format === 'smsoffice'
          ? smsofficeCallback(change, 'magti')
          : messageStatusEvent(eventId, change, now, true),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    });
    await this.deliverer.attempt(deliveryId, 1, { retry: false });
    return toDeliveryDto(await this.tenancy.of(auth).findOneOrFail(WebhookDelivery, { id: deliveryId }));
  }

  private async find(em: ReturnType<Tenancy['of']>, id: string): Promise<Webhook> {
    const hook = await em.findOne(Webhook, { id });
    if (!hook) throw new NotFoundError('webhooks', id);
    return hook;
  }
}

/** smsoffice.ge calls back with delivery results, so its format starts with the final statuses only. */
function defaultEvents(format: WebhookFormat) {
  return format === 'smsoffice' ? [...FINAL_MESSAGE_STATUSES] : null;
}

function newWebhookSecret(): string {
  return `whsec_${newSecret(32)}`;
}
