import { Module } from '@nestjs/common';
import { OperatorDirectory } from './operator-directory.service.js';
import { StaffOperatorsController } from './staff-operators.controller.js';
import { StaffOperatorsService } from './staff-operators.service.js';

@Module({
  controllers: [StaffOperatorsController],
  providers: [OperatorDirectory, StaffOperatorsService],
  exports: [OperatorDirectory],
})
export class OperatorsModule {}
