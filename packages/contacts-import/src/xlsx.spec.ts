import { describe, expect, it } from 'vitest';
import type { RawRow } from './cells.js';
import { previewFile } from './preview.js';
import { encrypted, failure, readAll, streamedXlsx, xlsx } from './test-files.js';
import { XlsxSource } from './xlsx.js';

async function rows(book: Buffer): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const row of new XlsxSource(book).rows()) out.push(row);
  return out;
}

const FIRST = ['გიორგი', 'ნინო', 'დავით', 'მარიამ', 'ლევან', 'თამარ', 'ანა', 'ლუკა'];
const LAST = ['ბერიძე', 'კაპანაძე', 'გელაშვილი', 'მაისურაძე', 'ჯავახიშვილი', 'წერეთელი'];

describe('XlsxSource', () => {
  it('keeps Georgian text intact across decompression chunks, with shared and with inline strings', async () => {
    const data = Array.from({ length: 6000 }, (_, i) => [
      `5991${String(i).padStart(5, '0')}`,
      `${FIRST[i % FIRST.length]}${'ა'.repeat(i % 7)}`,
      `${LAST[i % LAST.length]}-${i}`,
    ]);
    for (const shared of [true, false]) {
      const read = await rows(await streamedXlsx([['ტელეფონი', 'სახელი', 'გვარი'], ...data], shared));
      expect(read).toHaveLength(6001);
      expect(read.slice(1).map((row) => row.cells)).toEqual(data);
    }
  });

  it('reads numbers as Excel stores them: integers, large integers and floats', async () => {
    const read = await rows(
      await xlsx([['phone'], [599123456], [995599123456], [9.95577123456e11], ['0599 12 34 56']]),
    );
    expect(read.map((row) => row.cells[0])).toEqual(['phone', 599123456, 995599123456, 995577123456, '0599 12 34 56']);
  });

  it('gives formulas their saved result and flags a formula with none; error values are flagged', async () => {
    const read = await rows(
      await xlsx([
        ['phone', 'name'],
        [
          { formula: '"5991"&"23456"', result: '599123456' },
          { formula: 'UPPER("nino")', result: 'NINO' },
        ],
        [{ formula: 'A2' }, 'ნინო'],
        [{ error: '#N/A' }, 'დავით'],
      ]),
    );
    expect(read[1]?.cells).toEqual(['599123456', 'NINO']);
    expect(read[2]?.cells).toEqual([{ problem: 'formula_without_result', text: '=A2' }, 'ნინო']);
    expect(read[3]?.cells).toEqual([{ problem: 'error_value', text: '#N/A' }, 'დავით']);
  });

  it('joins rich text, writes dates as ISO text and booleans as TRUE/FALSE', async () => {
    const read = await rows(
      await xlsx([
        ['phone', 'name', 'born', 'vip'],
        [
          599123456,
          { richText: [{ text: 'გიორ' }, { text: 'გი', font: { bold: true } }] },
          new Date(Date.UTC(1990, 4, 17)),
          true,
        ],
      ]),
    );
    expect(read[1]?.cells).toEqual([599123456, 'გიორგი', '1990-05-17', 'TRUE']);
  });

  it('fills a merged range with its top-left value, down and across', async () => {
    const read = await rows(
      await xlsx([
        {
          rows: [
            ['სია', null, null],
            ['ტელეფონი', 'სახელი', 'ჯგუფი'],
            [599123456, 'ნინო', 'VIP'],
            [577123456, 'გიორგი', null],
            [555123456, 'დავით', null],
          ],
          merges: ['A1:C1', 'C3:C5'],
        },
      ]),
    );
    expect(read.map((row) => row.cells)).toEqual([
      ['სია', 'სია', 'სია'],
      ['ტელეფონი', 'სახელი', 'ჯგუფი'],
      [599123456, 'ნინო', 'VIP'],
      [577123456, 'გიორგი', 'VIP'],
      [555123456, 'დავით', 'VIP'],
    ]);
  });

  it('reads the first visible sheet with data: hidden and empty sheets are passed over', async () => {
    const source = new XlsxSource(
      await xlsx([
        { name: 'დამალული', rows: [['phone'], [577000000]], hidden: true },
        { name: 'ცარიელი', rows: [] },
        { name: 'კონტაქტები', rows: [['phone'], [599123456]] },
        { name: 'სხვა', rows: [['phone'], [555000000]] },
      ]),
    );
    const read: RawRow[] = [];
    for await (const row of source.rows()) read.push(row);
    expect(source.sheetName).toBe('კონტაქტები');
    expect(read.map((row) => row.cells[0])).toEqual(['phone', 599123456]);
  });

  it('reads a sheet protected against editing (that is not encryption)', async () => {
    const read = await rows(await xlsx([{ rows: [['phone'], [599123456]], protect: true }]));
    expect(read.map((row) => row.cells[0])).toEqual(['phone', 599123456]);
  });

  it('reports progress in compressed bytes', async () => {
    const book = await streamedXlsx(Array.from({ length: 3000 }, (_, i) => [599000000 + i, `name ${i}`]));
    const source = new XlsxSource(book);
    let seen = 0;
    for await (const _ of source.rows()) seen = Math.max(seen, source.bytesRead());
    expect(seen).toBeGreaterThan(book.length / 2);
    expect(seen).toBeLessThanOrEqual(book.length);
  });
});

describe('bad workbooks get a clear error', () => {
  it('a file cut short', async () => {
    const book = await xlsx([['phone'], [599123456]]);
    const error = await failure(previewFile(book.subarray(0, book.length - 200), 'xlsx'));
    expect(error).toMatchObject({ code: 'import/corrupt', message: expect.stringContaining('damaged') });
  });

  it('a damaged worksheet inside an intact archive', async () => {
    const book = await streamedXlsx(Array.from({ length: 2000 }, (_, i) => [599000000 + i, `სახელი ${i}`]));
    const at = book.indexOf('xl/worksheets/sheet1.xml') + 200;
    const broken = Buffer.from(book);
    for (let i = at; i < at + 64; i++) broken[i] = (broken[i] ?? 0) ^ 0x5a;
    const error = await failure(readAll(broken, 'xlsx', { headerRow: 0, mapping: { 0: 'phone' } }));
    expect(error.code).toBe('import/corrupt');
  });

  it('a password-protected workbook', async () => {
    const error = await failure(previewFile(encrypted(await xlsx([['phone'], [599123456]])), 'xlsx'));
    expect(error).toMatchObject({ code: 'import/password_protected', message: expect.stringContaining('password') });
  });

  it('a ZIP that is not a workbook', async () => {
    const book = await xlsx([['phone']]);
    const renamed = Buffer.from(book.toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbook.xmx'), 'latin1');
    const error = await failure(previewFile(renamed, 'xlsx'));
    expect(error.code).toBe('import/not_a_spreadsheet');
  });

  it('a workbook whose sheets are empty, or hold only a header', async () => {
    expect(await failure(previewFile(await xlsx([{ rows: [] }, { rows: [] }]), 'xlsx'))).toMatchObject({
      code: 'import/empty',
    });
    expect(await failure(previewFile(await xlsx([['ტელეფონი', 'სახელი']]), 'xlsx'))).toMatchObject({
      code: 'import/empty',
      message: expect.stringContaining('row 1'),
    });
  });
});
