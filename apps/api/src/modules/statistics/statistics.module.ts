import { Global, Module } from '@nestjs/common';
import { StatisticsAdminController, StatisticsController } from './statistics.controller.js';
import { StatisticsService } from './statistics.service.js';
import { StatisticsReports } from './statistics-reports.service.js';

/** Counters are kept in whichever process publishes the status change (API or worker). */
@Global()
@Module({
  controllers: [StatisticsController, StatisticsAdminController],
  providers: [StatisticsService, StatisticsReports],
  exports: [StatisticsService],
})
export class StatisticsModule {}
