import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { MESSAGES_QUEUE } from '../../jobs/message-jobs.js';
import { ReceiptsModule } from '../receipts/receipts.module.js';
import { UnmatchedReceiptsController } from '../receipts/unmatched-receipts.controller.js';
import { RoutingModule } from '../routing/routing.module.js';
import { ChannelAdminController } from './channel-admin.controller.js';
import { ChannelAdminService } from './channel-admin.service.js';
import { ChannelCallbacksController } from './channel-callbacks.controller.js';
import { ChannelCallbacks } from './channel-callbacks.service.js';
import { ChannelsModule } from './channels.module.js';

/** Staff management of channels and routes (HTTP role). */
@Module({
  imports: [BullModule.registerQueue({ name: MESSAGES_QUEUE }), ChannelsModule, RoutingModule, ReceiptsModule],
  controllers: [ChannelAdminController, ChannelCallbacksController, UnmatchedReceiptsController],
  providers: [ChannelAdminService, ChannelCallbacks],
})
export class ChannelAdminModule {}
