import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Module({ imports: [ChannelsModule], controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
