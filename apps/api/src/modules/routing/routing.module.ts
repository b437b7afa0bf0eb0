import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module.js';
import { ChannelCatalog } from './channel-catalog.service.js';
import { ChannelGuards } from './channel-guards.js';
import { RoutingService } from './routing.service.js';

@Module({
  imports: [ChannelsModule],
  providers: [ChannelCatalog, ChannelGuards, RoutingService],
  exports: [RoutingService, ChannelCatalog, ChannelGuards],
})
export class RoutingModule {}
