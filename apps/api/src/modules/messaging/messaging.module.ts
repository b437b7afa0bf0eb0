import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MESSAGES_QUEUE } from '../../jobs/message-jobs.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { BillingModule } from '../billing/billing.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { OperatorsModule } from '../operators/operators.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { SendersModule } from '../senders/senders.module.js';
import { BatchSendService } from './batch-send.service.js';
import { MessageExportService } from './message-export.service.js';
import { MessagesController } from './messages.controller.js';
import { MessagesService } from './messages.service.js';
import { SendCommitter } from './send-committer.js';

/** Accepting, listing and reading messages (the HTTP side). */
@Module({
  imports: [
    BullModule.registerQueue({ name: MESSAGES_QUEUE }),
    AccountsModule,
    SendersModule,
    BillingModule,
    RoutingModule,
    ContactsModule,
    OperatorsModule,
  ],
  controllers: [MessagesController],
  providers: [MessagesService, SendCommitter, BatchSendService, MessageExportService],
  exports: [MessagesService, BullModule],
})
export class MessagingModule {}
