import { DailyStatsQuery } from '@mtredi/api-contract';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { Auth, type AuthContext } from '../../common/auth/auth-context.js';
import { ApiZodQuery, ZodPipe } from '../../common/zod.js';
import { StatisticsService, summarize } from './statistics.service.js';

@ApiTags('statistics')
@Controller('v1/statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('daily')
  @ApiOperation({
    summary: 'Per day (Tbilisi time): accepted, sent, delivered, undelivered…, delivery rate, time to deliver',
  })
  @ApiZodQuery(DailyStatsQuery)
  async daily(@Auth() auth: AuthContext, @Query(new ZodPipe(DailyStatsQuery)) query: z.output<typeof DailyStatsQuery>) {
    const days: string[] = [];
    for (
      let d = new Date(`${query.from}T00:00:00Z`);
      d <= new Date(`${query.to}T00:00:00Z`) && days.length < 370;
      d = new Date(d.getTime() + 86_400_000)
    ) {
      days.push(d.toISOString().slice(0, 10));
    }
    const counters = await this.statistics.read(
      auth.organizationId,
      days.map((d) => `day:${d}`),
    );
    return { items: days.map((day) => ({ day, ...summarize(counters[`day:${day}`]) })) };
  }
}
