import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { BillingModule } from '../billing/billing.module.js';
import { MessagingModule } from '../messaging/messaging.module.js';
import { CompatController } from './compat.controller.js';
import { CompatService } from './compat.service.js';

/** smsoffice.ge-compatible send, balance and status endpoints over the regular pipeline. */
@Module({
  imports: [AccountsModule, BillingModule, MessagingModule],
  controllers: [CompatController],
  providers: [CompatService],
})
export class CompatModule {}
