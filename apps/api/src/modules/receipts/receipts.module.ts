import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MESSAGES_QUEUE } from '../../jobs/message-jobs.js';
import { RoutingModule } from '../routing/routing.module.js';
import { ReceiptsService } from './receipts.service.js';
import { Resender } from './resender.js';

@Module({
  imports: [BullModule.registerQueue({ name: MESSAGES_QUEUE }), RoutingModule],
  providers: [ReceiptsService, Resender],
  exports: [ReceiptsService, Resender],
})
export class ReceiptsModule {}
