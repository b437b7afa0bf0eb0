import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { previewFile } from './preview.js';
import { csv, failure, xlsx } from './test-files.js';

describe('previewFile', () => {
  it('finds the header on row 3 below a merged title and a blank row, and shows the first rows', async () => {
    const book = await xlsx([
      {
        rows: [
          ['კლიენტების სია — 2024', null, null, null],
          [],
          ['№', 'ტელეფონი', 'სახელი', 'გვარი'],
          ...Array.from({ length: 14 }, (_, i) => [i + 1, 599000000 + i, `ნინო ${i}`, 'ბერიძე']),
        ],
        merges: ['A1:D1'],
      },
    ]);
    const preview = await previewFile(book, 'xlsx');
    expect(preview).toMatchObject({
      headerRow: 3,
      headers: ['№', 'ტელეფონი', 'სახელი', 'გვარი'],
      mapping: { 0: 'ignore', 1: 'phone', 2: 'first_name', 3: 'last_name' },
      sheetName: 'Sheet1',
      delimiter: null,
    });
    expect(preview.rows).toHaveLength(10);
    expect(preview.rows[0]).toEqual(['1', '599000000', 'ნინო 0', 'ბერიძე']);
    expect(preview.rows[9]).toEqual(['10', '599000009', 'ნინო 9', 'ბერიძე']);
  });

  it('finds the phone column by its values when no header names it', async () => {
    const preview = await previewFile(
      Buffer.from(
        csv([
          ['კოდი', 'სახელი', 'კონტაქტი'],
          ...Array.from({ length: 5 }, (_, i) => [`K${i}`, 'ნინო', `+995 599 00 00 0${i}`]),
        ]),
      ),
      'csv',
    );
    expect(preview.headerRow).toBe(1);
    expect(preview.mapping).toEqual({ 0: 'custom:კოდი', 1: 'full_name', 2: 'phone' });
  });

  it('takes a file without a header as data from row 1, phone column by content', async () => {
    const preview = await previewFile(Buffer.from('599123456;ნინო ბერიძე\n577123456;გიორგი\n'), 'csv');
    expect(preview).toEqual({
      headerRow: 0,
      headers: ['Column A', 'Column B'],
      mapping: { 0: 'phone', 1: 'ignore' },
      rows: [
        ['599123456', 'ნინო ბერიძე'],
        ['577123456', 'გიორგი'],
      ],
      sheetName: null,
      delimiter: ';',
    });
  });

  it('takes an unknown header right above the first phone number as the header', async () => {
    const preview = await previewFile(Buffer.from('Handy,Vorname\n599123456,Nino\n'), 'csv');
    expect(preview.headerRow).toBe(1);
    expect(preview.mapping).toEqual({ 0: 'phone', 1: 'custom:Vorname' });
  });

  it('refuses a file with no phone column, naming its headers', async () => {
    const error = await failure(
      previewFile(
        await xlsx([
          ['სახელი', 'ქალაქი'],
          ['ნინო', 'თბილისი'],
          ['გიორგი', 'ბათუმი'],
        ]),
        'xlsx',
      ),
    );
    expect(error.code).toBe('import/no_phone_column');
    expect(error.message).toContain('A "სახელი", B "ქალაქი"');
  });

  it('reads a CSV stream only as far as it needs and closes it', async () => {
    let pulled = 0;
    const stream = Readable.from(
      (function* () {
        yield Buffer.from('phone,name\n');
        for (let i = 0; i < 100_000; i++) {
          pulled++;
          yield Buffer.from(`${599000000 + i},name ${i}\n`);
        }
      })(),
    );
    const preview = await previewFile(stream, 'csv');
    expect(preview.rows).toHaveLength(10);
    expect(pulled).toBeLessThan(100_000);
    expect(stream.destroyed).toBe(true);
  });

  it('calls a CSV with blank lines only empty', async () => {
    expect(await failure(previewFile(Buffer.from('\n\n ; \n'), 'csv'))).toMatchObject({ code: 'import/empty' });
  });
});
