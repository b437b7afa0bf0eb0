import { Module } from '@nestjs/common';
import { RateLimitGuard } from '../../common/rate-limit.guard.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { BillingModule } from '../billing/billing.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { BatchSendService } from '../messaging/batch-send.service.js';
import { MessagingModule } from '../messaging/messaging.module.js';
import { OperatorsModule } from '../operators/operators.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { CompatController } from './compat.controller.js';
import { CompatService } from './compat.service.js';
import { CompatKeyGuard } from './compat-key.guard.js';

/** smsoffice.ge-compatible send, balance and status endpoints over the regular pipeline. */
@Module({
  imports: [AccountsModule, BillingModule, MessagingModule, ContactsModule, OperatorsModule, RoutingModule],
  controllers: [CompatController],
  // BatchSendService is stateless; MessagingModule does not export it, so this module holds its own instance.
  providers: [CompatService, CompatKeyGuard, RateLimitGuard, BatchSendService],
})
export class CompatModule {}
