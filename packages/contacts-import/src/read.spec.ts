import { describe, expect, it } from 'vitest';
import { previewFile } from './preview.js';
import { csv, failure, readAll, streamedXlsx, xlsx } from './test-files.js';

const options = {
  headerRow: 2,
  mapping: { 0: 'phone', 1: 'first_name', 2: 'last_name', 3: 'custom:ქალაქი', 4: 'groups' } as const,
};

describe('readContacts', () => {
  it('reports every row: contacts with merged duplicates, and each invalid row with its reason', async () => {
    const book = await xlsx([
      {
        rows: [
          ['კონტაქტები', null, null, null, null],
          ['ტელეფონი', 'სახელი', 'გვარი', 'ქალაქი', 'ჯგუფი'],
          [599123456, 'ნინო', 'ბერიძე', 'თბილისი', 'VIP'],
          ['0599 12 34 56', 'ნინო', null, 'ბათუმი', 'ძველი; VIP'],
          [322123456, 'სახლი', null, null, null],
          ['9.95599E+11', 'მარიამ', null, null, null],
          [{ formula: 'B3' }, 'დავით', null, null, null],
          [{ error: '#N/A' }, 'ლევან', null, null, null],
          [null, 'გიორგი', 'ბერიძე', null, null],
          [],
          [995577123456, 'ანა', null, { error: '#N/A' }, null],
          ['+995 555 12 34 56', 'ლუკა', 'ჯ'.repeat(101), null, null],
          ['+7 916 123 45 67', 'Ivan', null, null, null],
          ['577-12-34-56', null, 'კაპანაძე', null, 'ახალი'],
          ['599123456 577123456', 'ორი', null, null, null],
          ['555 00 00 01', { formula: 'UPPER("x")' }, null, null, null],
          [' 00995 591 00 00 02 ', ' თამარ ', ' წერეთელი ', ' ქუთაისი ', ''],
        ],
        merges: ['A1:E1'],
      },
    ]);
    const { batches, contacts, errors } = await readAll(book, 'xlsx', options);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ rowsRead: 14, duplicates: 2 });
    expect(contacts).toEqual([
      {
        row: 3,
        phone: '+995599123456',
        firstName: 'ნინო',
        lastName: 'ბერიძე',
        fields: { ქალაქი: 'ბათუმი' },
        groups: ['VIP', 'ძველი'],
        mergedRows: [4],
        duplicateOf: null,
      },
      {
        row: 11,
        phone: '+995577123456',
        firstName: 'ანა',
        lastName: 'კაპანაძე',
        fields: {},
        groups: ['ახალი'],
        mergedRows: [14],
        duplicateOf: null,
      },
      {
        row: 17,
        phone: '+995591000002',
        firstName: 'თამარ',
        lastName: 'წერეთელი',
        fields: { ქალაქი: 'ქუთაისი' },
        groups: [],
        mergedRows: [],
        duplicateOf: null,
      },
    ]);
    expect(errors.map(({ row, value, code }) => [row, value, code])).toEqual([
      [5, '322123456', 'phone/landline'],
      [6, '9.95599E+11', 'phone/scientific_notation'],
      [7, '=B3', 'cell/formula_without_result'],
      [8, '#N/A', 'cell/error_value'],
      [9, '', 'phone/missing'],
      [12, 'ჯ'.repeat(101), 'cell/too_long'],
      [13, '+7 916 123 45 67', 'phone/not_georgian'],
      [15, '599123456 577123456', 'phone/several_numbers'],
      [16, '=UPPER("x")', 'cell/formula_without_result'],
    ]);
    expect(errors.find((error) => error.row === 7)?.reason).toContain('Cell A7 has a formula with no saved result');
    expect(errors.find((error) => error.row === 16)?.reason).toContain('Cell B16');
    expect(errors.find((error) => error.row === 12)?.reason).toContain('Cell C12 has 101 characters');
  });

  it('splits a full-name column at the first space', async () => {
    const { contacts } = await readAll(
      Buffer.from('ტელეფონი,სახელი გვარი\n599123456,ნინო ბერიძე-კაპანაძე\n577123456,ანა\n'),
      'csv',
      {
        headerRow: 1,
        mapping: { 0: 'phone', 1: 'full_name' },
      },
    );
    expect(contacts.map((c) => [c.firstName, c.lastName])).toEqual([
      ['ნინო', 'ბერიძე-კაპანაძე'],
      ['ანა', null],
    ]);
  });

  it('streams batches of 1,000 rows; a number seen in an earlier batch is marked, later repeats merge into it', async () => {
    const rows: (string | number)[][] = [['phone', 'name', 'note']];
    for (let i = 0; i < 2500; i++) rows.push([`5990${String(i).padStart(5, '0')}`, `name ${i}`, '']);
    rows[1502] = ['599000000', '', 'second'];
    rows[1503] = ['0599 000 000', 'last', ''];
    const { batches } = await readAll(Buffer.from(csv(rows)), 'csv', {
      headerRow: 1,
      mapping: { 0: 'phone', 1: 'first_name', 2: 'custom:note' },
    });
    expect(batches.map((b) => [b.rowsRead, b.contacts.length, b.duplicates, b.errors.length])).toEqual([
      [1000, 1000, 0, 0],
      [2000, 999, 2, 0],
      [2500, 500, 0, 0],
    ]);
    const repeat = batches[1]?.contacts.find((c) => c.phone === '+995599000000');
    expect(repeat).toEqual({
      row: 1503,
      phone: '+995599000000',
      firstName: 'last',
      lastName: null,
      fields: { note: 'second' },
      groups: [],
      mergedRows: [1504],
      duplicateOf: 2,
    });
    for (const [i, batch] of batches.entries()) {
      expect(batch.bytesRead).toBeGreaterThanOrEqual(batches[i - 1]?.bytesRead ?? 1);
    }
    expect(batches.at(-1)?.bytesRead).toBe(Buffer.byteLength(csv(rows)));
  });

  it('gives the same batches for the same file, every time', async () => {
    const book = await streamedXlsx([
      ['phone', 'name'],
      ...Array.from({ length: 2200 }, (_, i) => [599000000 + (i % 1700), `სახელი ${i}`]),
    ]);
    const preview = await previewFile(book, 'xlsx');
    const first = await readAll(book, 'xlsx', preview);
    const second = await readAll(book, 'xlsx', preview);
    expect(second.batches).toEqual(first.batches);
    expect(first.contacts).toHaveLength(1700 + 500);
    expect(first.batches.reduce((n, b) => n + b.duplicates, 0)).toBe(500);
  });

  it('stops at the row limit, naming the first row over it', async () => {
    const file = Buffer.from(csv([['phone'], ...Array.from({ length: 8 }, (_, i) => [599000000 + i])]));
    const error = await failure(readAll(file, 'csv', { headerRow: 1, mapping: { 0: 'phone' }, maxRows: 5 }));
    expect(error).toMatchObject({ code: 'import/too_many_rows', message: expect.stringContaining('row 7') });
  });

  it('refuses a mapping without a phone column, or with two', async () => {
    const file = Buffer.from('a,b\n599123456,577123456\n');
    expect(await failure(readAll(file, 'csv', { headerRow: 1, mapping: { 0: 'first_name' } }))).toMatchObject({
      code: 'import/no_phone_column',
    });
    expect(await failure(readAll(file, 'csv', { headerRow: 1, mapping: { 0: 'phone', 1: 'phone' } }))).toMatchObject({
      code: 'import/invalid_mapping',
      message: expect.stringContaining('columns A and B'),
    });
    expect(await failure(readAll(file, 'csv', { headerRow: 1, mapping: { 0: 'phone', 1: 'custom:' } }))).toMatchObject({
      code: 'import/invalid_mapping',
    });
  });

  it('calls a file with nothing below the header empty', async () => {
    const error = await failure(readAll(Buffer.from('phone\n\n'), 'csv', { headerRow: 1, mapping: { 0: 'phone' } }));
    expect(error.code).toBe('import/empty');
  });
});
