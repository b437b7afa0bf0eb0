import { Module } from '@nestjs/common';
import { WebhookProcessor } from './webhook.processor.js';
import { WebhookSweeper } from './webhook-sweeper.js';
import { WebhooksCoreModule } from './webhooks-core.module.js';

/** The worker side: delivery attempts from the queue, and the sweeper that re-queues forgotten ones. */
@Module({
  imports: [WebhooksCoreModule],
  providers: [WebhookProcessor, WebhookSweeper],
  exports: [WebhookSweeper],
})
export class WebhooksWorkerModule {}
