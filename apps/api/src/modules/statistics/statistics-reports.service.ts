import { Injectable } from '@nestjs/common';
import { Tenancy } from '../../db/tenancy.js';
import { Channel } from '../channels/channel.entity.js';
import { channelScope, StatisticsService, summarize } from './statistics.service.js';

/** The API answers at most this many days at a time. */
export const MAX_DAYS = 370;

/** Every calendar day from `from` to `to`, both included (YYYY-MM-DD), at most MAX_DAYS. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`) && days.length < MAX_DAYS;
    d = new Date(d.getTime() + 86_400_000)
  ) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

export type DailyRow = { day: string } & ReturnType<typeof summarize>;
export type ChannelRow = { channelId: string; name: string } & ReturnType<typeof summarize>;

/**
 * Reports built from the counters: per day (optionally of one channel), and per channel over a range of
 * days. `organizationId` null means the whole platform (staff).
 */
@Injectable()
export class StatisticsReports {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly tenancy: Tenancy,
  ) {}

  async daily(organizationId: string | null, from: string, to: string, channelId?: string): Promise<DailyRow[]> {
    const days = daysBetween(from, to);
    const scopeOf = (day: string) => (channelId ? channelScope(channelId, day) : `day:${day}`);
    const counters = await this.statistics.read(organizationId, days.map(scopeOf));
    return days.map((day) => ({ day, ...summarize(counters[scopeOf(day)]) }));
  }

  /**
   * Each channel that carried messages in the range, by name. Customers see channel names elsewhere too (the
   * composer's route check), so the name is no secret; channels without traffic are left out.
   */
  async channels(organizationId: string | null, from: string, to: string): Promise<ChannelRow[]> {
    const days = daysBetween(from, to);
    const channels = await this.tenancy
      .system()
      .find(Channel, {}, { fields: ['id', 'name'], orderBy: { name: 'asc' } });
    const counters = await this.statistics.read(
      organizationId,
      channels.flatMap((c) => days.map((day) => channelScope(c.id, day))),
    );
    const rows: ChannelRow[] = [];
    for (const channel of channels) {
      const sums: Record<string, number> = {};
      for (const day of days) {
        for (const [metric, count] of Object.entries(counters[channelScope(channel.id, day)] ?? {})) {
          sums[metric] = (sums[metric] ?? 0) + count;
        }
      }
      if (Object.keys(sums).length > 0) rows.push({ channelId: channel.id, name: channel.name, ...summarize(sums) });
    }
    return rows;
  }
}
