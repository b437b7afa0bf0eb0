import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { OperatorsModule } from '../operators/operators.module.js';
import { WebhookDeliverer } from './webhook-deliverer.js';
import { WebhookFanout } from './webhook-fanout.js';
import { WEBHOOKS_QUEUE } from './webhook-jobs.js';
import { WebhookPoster } from './webhook-poster.js';
import { WebhookQueue } from './webhook-queue.js';
import { loadWebhookSettings, WEBHOOK_SETTINGS } from './webhook-settings.js';

/**
 * What both roles need: the delivery queue, the fan-out that listens to status changes in this process, and
 * the attempt itself (the worker's jobs and the API's "send test event").
 */
@Module({
  imports: [BullModule.registerQueue({ name: WEBHOOKS_QUEUE }), OperatorsModule],
  providers: [
    {
      provide: WEBHOOK_SETTINGS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => loadWebhookSettings(process.env, config.webhooks.allowPrivateAddresses),
    },
    WebhookQueue,
    WebhookFanout,
    WebhookPoster,
    WebhookDeliverer,
  ],
  exports: [WEBHOOK_SETTINGS, WebhookQueue, WebhookFanout, WebhookDeliverer],
})
export class WebhooksCoreModule {}
