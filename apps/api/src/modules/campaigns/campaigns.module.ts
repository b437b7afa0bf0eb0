import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { CAMPAIGN_FANOUT_QUEUE, CAMPAIGNS_QUEUE } from '../../jobs/campaign-jobs.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { BillingModule } from '../billing/billing.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { OperatorsModule } from '../operators/operators.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { CampaignCanceller } from './campaign-canceller.js';
import { CampaignPlanner } from './campaign-planner.js';
import { CampaignsController } from './campaigns.controller.js';
import { CampaignsService } from './campaigns.service.js';

@Module({
  imports: [
    BullModule.registerQueue({ name: CAMPAIGNS_QUEUE }, { name: CAMPAIGN_FANOUT_QUEUE }),
    AccountsModule,
    BillingModule,
    ContactsModule,
    OperatorsModule,
    RoutingModule,
  ],
  controllers: [CampaignsController],
  providers: [CampaignsService, CampaignPlanner, CampaignCanceller],
  exports: [CampaignPlanner, BullModule],
})
export class CampaignsModule {}
