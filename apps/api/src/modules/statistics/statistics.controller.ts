import { ChannelStatsQuery, DailyStatsExportQuery, DailyStatsQuery } from '@mtredi/api-contract';
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { Auth, type AuthContext, RequireRole } from '../../common/auth/auth-context.js';
import { ApiZodQuery, ZodPipe } from '../../common/zod.js';
import { dailyStatisticsWorkbook } from './statistics-export.js';
import { StatisticsReports } from './statistics-reports.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('statistics')
@Controller('v1/statistics')
export class StatisticsController {
  constructor(private readonly reports: StatisticsReports) {}

  @Get('daily')
  @ApiOperation({
    summary:
      'Per day (Tbilisi time): accepted, sent, delivered, undelivered…, delivery rate, time to deliver; optionally of one channel',
  })
  @ApiZodQuery(DailyStatsQuery)
  async daily(@Auth() auth: AuthContext, @Query(new ZodPipe(DailyStatsQuery)) query: z.output<typeof DailyStatsQuery>) {
    return { items: await this.reports.daily(auth.organizationId, query.from, query.to, query.channelId) };
  }

  @Get('daily/export.xlsx')
  @ApiOperation({ summary: 'The daily statistics (same filters) as an Excel file' })
  @ApiProduces(XLSX)
  @ApiZodQuery(DailyStatsExportQuery)
  async export(
    @Auth() auth: AuthContext,
    @Query(new ZodPipe(DailyStatsExportQuery)) query: z.output<typeof DailyStatsExportQuery>,
    @Res() reply: FastifyReply,
  ) {
    const rows = await this.reports.daily(auth.organizationId, query.from, query.to, query.channelId);
    await reply
      .header('Content-Type', XLSX)
      .header('Content-Disposition', `attachment; filename="mtredi-statistics-${query.from}-${query.to}.xlsx"`)
      .send(dailyStatisticsWorkbook(rows, { language: query.language }));
  }

  @Get('channels')
  @ApiOperation({
    summary: 'Per channel that carried your messages in the range: the same figures, summed over the days',
  })
  @ApiZodQuery(ChannelStatsQuery)
  async channels(
    @Auth() auth: AuthContext,
    @Query(new ZodPipe(ChannelStatsQuery)) query: z.output<typeof ChannelStatsQuery>,
  ) {
    return { items: await this.reports.channels(auth.organizationId, query.from, query.to) };
  }
}

/** The whole platform's traffic per channel, every organization together. */
@ApiTags('admin: statistics')
@Controller('v1/admin/statistics')
@RequireRole('staff')
export class StatisticsAdminController {
  constructor(private readonly reports: StatisticsReports) {}

  @Get('channels')
  @ApiOperation({ summary: 'Per channel, all organizations: sent, delivered…, delivery rate, time to deliver' })
  @ApiZodQuery(ChannelStatsQuery)
  async channels(@Query(new ZodPipe(ChannelStatsQuery)) query: z.output<typeof ChannelStatsQuery>) {
    return { items: await this.reports.channels(null, query.from, query.to) };
  }
}
