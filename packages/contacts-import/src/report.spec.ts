import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { previewFile } from './preview.js';
import type { RowError } from './read.js';
import { type ExportContact, writeContactsWorkbook, writeErrorReport } from './report.js';
import { readAll } from './test-files.js';

async function sheetValues(file: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as never);
  const values: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
  return values;
}

async function exported(contacts: ExportContact[], options?: Parameters<typeof writeContactsWorkbook>[2]) {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeContactsWorkbook(
    (async function* () {
      yield* contacts;
    })(),
    output,
    options,
  );
  return Buffer.concat(chunks);
}

const contacts: ExportContact[] = [
  {
    phone: '+995599123456',
    firstName: 'ნინო',
    lastName: 'ბერიძე',
    fields: { ქალაქი: 'თბილისი', კოდი: '007' },
    groups: ['VIP', 'თბილისი'],
  },
  { phone: '+995577123456', firstName: null, lastName: null, fields: {}, groups: [] },
  { phone: '+995555123456', firstName: 'Anna', lastName: 'Smith', fields: { ქალაქი: 'ბათუმი' }, groups: ['B2B'] },
];

describe('writeErrorReport', () => {
  const errors: RowError[] = [
    {
      row: 5,
      value: '0322123456',
      reason: 'A Georgian landline number: SMS reaches mobile numbers only',
      code: 'phone/landline',
      cells: ['0322123456', 'ნინო', 'ბერიძე'],
    },
    {
      row: 9,
      value: 'გიორგი',
      reason: 'Not a phone number: it has characters other than digits',
      code: 'phone/not_a_number',
      cells: ['გიორგი'],
    },
  ];

  it('writes row, value, reason and code as text, Georgian and leading zeros intact', async () => {
    const file = await writeErrorReport(
      (async function* () {
        yield* errors;
      })(),
    );
    expect(await sheetValues(file)).toEqual([
      ['Row / სტრიქონი', 'Value / მნიშვნელობა', 'Reason / მიზეზი', 'Code / კოდი'],
      [5, '0322123456', errors[0]?.reason, 'phone/landline'],
      [9, 'გიორგი', errors[1]?.reason, 'phone/not_a_number'],
    ]);
  });

  it('adds the rows as they were under their headers, so the report can be fixed and uploaded again', async () => {
    const file = await writeErrorReport(errors, { headers: ['ტელეფონი', 'სახელი', 'გვარი'] });
    expect(await sheetValues(file)).toEqual([
      ['Row / სტრიქონი', 'Value / მნიშვნელობა', 'Reason / მიზეზი', 'Code / კოდი', 'ტელეფონი', 'სახელი', 'გვარი'],
      [5, '0322123456', errors[0]?.reason, 'phone/landline', '0322123456', 'ნინო', 'ბერიძე'],
      [9, 'გიორგი', errors[1]?.reason, 'phone/not_a_number', 'გიორგი'],
    ]);
    const preview = await previewFile(file, 'xlsx');
    expect(preview.mapping).toEqual({
      0: 'ignore',
      1: 'ignore',
      2: 'ignore',
      3: 'ignore',
      4: 'phone',
      5: 'first_name',
      6: 'last_name',
    });
  });
});

describe('writeContactsWorkbook', () => {
  it.each(['en', 'ka'] as const)('exports contacts that import back unchanged (%s headers)', async (language) => {
    const file = await exported(contacts, { language });
    const preview = await previewFile(file, 'xlsx');
    expect(preview.headerRow).toBe(1);
    const { contacts: back, errors } = await readAll(file, 'xlsx', preview);
    expect(errors).toEqual([]);
    expect(
      back.map(({ phone, firstName, lastName, fields, groups }) => ({ phone, firstName, lastName, fields, groups })),
    ).toEqual(contacts);
  });

  it('writes the fields asked for, in order, and only those', async () => {
    const file = await exported(contacts, { fieldKeys: ['კოდი'] });
    const values = await sheetValues(file);
    expect(values[0]).toEqual(['Phone', 'First name', 'Last name', 'კოდი', 'Groups']);
    expect(values[1]).toEqual(['+995599123456', 'ნინო', 'ბერიძე', '007', 'VIP, თბილისი']);
  });

  it('puts fields first seen after the first 1,000 contacts into a "More fields" column', async () => {
    const many: ExportContact[] = Array.from({ length: 1001 }, (_, i) => ({
      phone: `+9955990${String(i).padStart(5, '0')}`,
      firstName: null,
      lastName: null,
      fields: (i === 1000 ? { late: 'yes', ქალაქი: 'ფოთი' } : { ქალაქი: 'თბილისი' }) as Record<string, string>,
      groups: [],
    }));
    const values = await sheetValues(await exported(many));
    expect(values[0]).toEqual(['Phone', 'First name', 'Last name', 'ქალაქი', 'Groups', 'More fields']);
    expect(values[1001]).toEqual(['+995599001000', undefined, undefined, 'ფოთი', undefined, 'late: yes']);
  });
});
