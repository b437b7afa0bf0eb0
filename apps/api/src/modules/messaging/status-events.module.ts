import { Global, Module } from '@nestjs/common';
import { StatusEvents } from './status-events.js';

@Global()
@Module({ providers: [StatusEvents], exports: [StatusEvents] })
export class StatusEventsModule {}
