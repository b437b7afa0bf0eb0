import { describe, expect, it } from 'vitest';
import type { DailyStatsRow } from '../api/campaigns.js';
import { campaignEndpoints } from '../api/campaigns.js';
import type { Transport } from '../api/transport.js';
import { lastDays, totalsOf } from './statistics.js';
import { insertPlaceholder, placeholderList, placeholdersIn } from './templates.js';

function day(date: string, delivered: number, failed: number): DailyStatsRow {
  return {
    day: date,
    accepted: delivered + failed,
    sent: delivered,
    delivered,
    undelivered: 0,
    expired: 0,
    rejected: 0,
    failed,
    inTransit: 0,
    deliveryRate: delivered + failed ? delivered / (delivered + failed) : null,
    timeToDeliverP50Ms: null,
    timeToDeliverP95Ms: null,
  };
}

describe('statistics helpers', () => {
  it('ends the range on the Tbilisi day, which starts four hours before UTC midnight', () => {
    expect(lastDays(7, new Date('2026-11-22T21:00:00Z'))).toEqual({ from: '2026-11-17', to: '2026-11-23' });
    expect(lastDays(1, new Date('2026-11-22T10:00:00Z'))).toEqual({ from: '2026-11-22', to: '2026-11-22' });
  });

  it('sums the days and rates delivery over final statuses only', () => {
    const totals = totalsOf([day('2026-11-21', 9, 1), day('2026-11-22', 0, 0), day('2026-11-23', 6, 4)]);
    expect(totals).toMatchObject({ accepted: 20, delivered: 15, failed: 5 });
    expect(totals.deliveryRate).toBe(0.75);
    expect(totalsOf([day('2026-11-22', 0, 0)]).deliveryRate).toBeNull();
  });

  it("links the shown days to the API's Excel export, in the portal's language", () => {
    const api = campaignEndpoints({} as Transport, 'https://portal.example');
    expect(api.dailyStatisticsExportUrl('2026-11-01', '2026-11-14', 'ka')).toBe(
      'https://portal.example/v1/statistics/daily/export.xlsx?from=2026-11-01&to=2026-11-14&language=ka',
    );
  });
});

describe('template placeholders', () => {
  it('finds the placeholders a text uses, Georgian field names too, once each', () => {
    expect(placeholdersIn('გამარჯობა {first_name}! {ქალაქი}, {first_name} {bad name}')).toEqual([
      'first_name',
      'ქალაქი',
    ]);
    expect(placeholderList(['first_name', 'ქალაქი'])).toBe('{first_name}, {ქალაქი}');
  });

  it('inserts at the cursor or over the selection and puts the cursor after it', () => {
    expect(insertPlaceholder('გამარჯობა !', 'first_name', 10)).toEqual({ text: 'გამარჯობა {first_name}!', cursor: 22 });
    expect(insertPlaceholder('Hi NAME!', 'first_name', 3, 7)).toEqual({ text: 'Hi {first_name}!', cursor: 15 });
    expect(insertPlaceholder('Hi ', 'phone')).toEqual({ text: 'Hi {phone}', cursor: 10 });
  });
});
