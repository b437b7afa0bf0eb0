import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { ChannelRuntime } from '../channels/channel-runtime.service.js';
import { ChannelsModule } from '../channels/channels.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { OperatorsModule } from '../operators/operators.module.js';
import { ReceiptsModule } from '../receipts/receipts.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { DispatchService } from './dispatch.service.js';
import { DispatchRecorder } from './dispatch-recorder.js';
import { MessagingModule } from './messaging.module.js';
import { QueueSweeper } from './queue-sweeper.service.js';
import { SubmitProcessor } from './submit.processor.js';

/** The worker side: queue processors, running channels, receipts and the sweeper. */
@Module({
  imports: [
    MessagingModule,
    ContactsModule,
    ChannelsModule,
    ReceiptsModule,
    BillingModule,
    RoutingModule,
    OperatorsModule,
  ],
  providers: [ChannelRuntime, DispatchService, DispatchRecorder, SubmitProcessor, QueueSweeper],
  exports: [ChannelRuntime, QueueSweeper, DispatchService],
})
export class MessagingWorkerModule {}
