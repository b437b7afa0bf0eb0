import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DailyRow } from './statistics-reports.service.js';

type Column = keyof Omit<DailyRow, 'day'>;

const COLUMNS: { key: Column; ka: string; en: string; percent?: boolean }[] = [
  { key: 'accepted', ka: 'მიღებული', en: 'Accepted' },
  { key: 'sent', ka: 'გაგზავნილი', en: 'Sent' },
  { key: 'delivered', ka: 'მიწოდებული', en: 'Delivered' },
  { key: 'undelivered', ka: 'მიუწოდებელი', en: 'Undelivered' },
  { key: 'expired', ka: 'ვადაგასული', en: 'Expired' },
  { key: 'rejected', ka: 'უარყოფილი', en: 'Rejected' },
  { key: 'failed', ka: 'ვერ გაიგზავნა', en: 'Failed' },
  { key: 'inTransit', ka: 'გზაში', en: 'In transit' },
  { key: 'deliveryRate', ka: 'მიწოდების მაჩვენებელი', en: 'Delivery rate', percent: true },
  { key: 'timeToDeliverP50Ms', ka: 'მიწოდების დრო, მედიანა (მწმ)', en: 'Time to deliver, median (ms)' },
  { key: 'timeToDeliverP95Ms', ka: 'მიწოდების დრო, 95% (მწმ)', en: 'Time to deliver, 95th percentile (ms)' },
];

/**
 * The daily statistics as an .xlsx, written to the stream as it is built. A day is a real date cell, the rate a
 * percentage cell; a figure the counters cannot give (no delivery yet) is an empty cell, not 0.
 */
export function dailyStatisticsWorkbook(rows: DailyRow[], options: { language: 'ka' | 'en' }): Readable {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(options.language === 'ka' ? 'სტატისტიკა' : 'Statistics');
  sheet.columns = [
    { header: options.language === 'ka' ? 'დღე' : 'Day', key: 'day', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
    ...COLUMNS.map((c) => ({
      header: c[options.language],
      key: c.key,
      width: Math.max(12, c[options.language].length + 2),
      ...(c.percent ? { style: { numFmt: '0.0%' } } : {}),
    })),
  ];
  const write = async () => {
    for (const row of rows) {
      const values: Record<string, unknown> = { day: new Date(`${row.day}T00:00:00Z`) };
      for (const c of COLUMNS) values[c.key] = row[c.key] ?? null;
      sheet.addRow(values).commit();
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: Error) => stream.destroy(error));
  return stream;
}
