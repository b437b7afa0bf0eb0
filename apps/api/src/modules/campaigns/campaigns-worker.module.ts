import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { MessagingWorkerModule } from '../messaging/messaging-worker.module.js';
import { CampaignProcessor, FanoutProcessor } from './campaign.processor.js';
import { CampaignFanout } from './campaign-fanout.service.js';
import { CampaignScheduler } from './campaign-scheduler.service.js';
import { CampaignsModule } from './campaigns.module.js';
import { ChunkSubmitter } from './chunk-submitter.service.js';

/** The worker side of campaigns: fan-out, chunk submission, scheduling and completion. */
@Module({
  imports: [CampaignsModule, MessagingWorkerModule, BillingModule],
  providers: [CampaignFanout, ChunkSubmitter, CampaignProcessor, FanoutProcessor, CampaignScheduler],
})
export class CampaignsWorkerModule {}
