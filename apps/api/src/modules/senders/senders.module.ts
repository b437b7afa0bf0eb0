import { Module } from '@nestjs/common';
import { NoticesModule } from '../notices/notices.module.js';
import { OperatorsModule } from '../operators/operators.module.js';
import { SendersController } from './senders.controller.js';
import { SendersService } from './senders.service.js';
import { StaffSendersController } from './staff-senders.controller.js';
import { StaffSendersService } from './staff-senders.service.js';

@Module({
  imports: [OperatorsModule, NoticesModule],
  controllers: [SendersController, StaffSendersController],
  providers: [SendersService, StaffSendersService],
  exports: [SendersService],
})
export class SendersModule {}
