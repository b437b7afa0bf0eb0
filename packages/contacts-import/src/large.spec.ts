import { describe, expect, it } from 'vitest';
import { previewFile } from './preview.js';
import { type CellInput, readAll, streamedXlsx } from './test-files.js';

const FIRST = ['გიორგი', 'ნინო', 'დავით', 'მარიამ', 'ლევან', 'თამარ', 'ანა', 'ლუკა'];

/**
 * Row i (sheet row i + 2): every form of the number; each 1,000th a landline, another a repeat of an earlier row
 * (of the same batch for the first, of an earlier batch after that).
 */
function* contacts(count: number): Generator<CellInput[]> {
  yield ['ტელეფონი', 'სახელი', 'გვარი', 'ქალაქი'];
  for (let i = 0; i < count; i++) {
    const n = i % 1000 !== 999 ? i : i < 1500 ? i - 998 : i - 1500;
    const national = `599${String(n).padStart(6, '0')}`;
    const forms = [
      Number(national),
      `${national.slice(0, 3)} ${national.slice(3)}`,
      `0${national}`,
      `+995${national}`,
      `00995 ${national}`,
    ];
    const phone = i % 1000 === 500 ? `322${String(i).padStart(6, '0')}` : forms[i % 5];
    yield [phone ?? national, `${FIRST[i % FIRST.length]}${i}`, 'ბერიძე', i % 2 ? 'თბილისი' : null];
  }
}

describe('a 100,000-row workbook', () => {
  it('reads every row right: contacts, landlines reported by row, repeats merged', { timeout: 60_000 }, async () => {
    const book = await streamedXlsx(contacts(100_000));
    const preview = await previewFile(book, 'xlsx');
    expect(preview.mapping).toEqual({ 0: 'phone', 1: 'first_name', 2: 'last_name', 3: 'custom:ქალაქი' });
    const { batches, contacts: read, errors } = await readAll(book, 'xlsx', preview);
    expect(batches).toHaveLength(100);
    expect(batches.at(-1)?.rowsRead).toBe(100_000);
    expect(batches.reduce((n, batch) => n + batch.duplicates, 0)).toBe(100);
    expect(errors.map((error) => [error.row, error.code])).toEqual(
      Array.from({ length: 100 }, (_, k) => [k * 1000 + 502, 'phone/landline']),
    );
    expect(read).toHaveLength(100_000 - 100 - 1);
    const fresh = read.filter((contact) => contact.duplicateOf === null);
    expect(fresh).toHaveLength(99_800);
    expect(new Set(fresh.map((contact) => contact.phone)).size).toBe(99_800);
    expect(read.find((contact) => contact.row === 12_359)).toEqual({
      row: 12_359,
      phone: '+995599012357',
      firstName: 'თამარ12357',
      lastName: 'ბერიძე',
      fields: { ქალაქი: 'თბილისი' },
      groups: [],
      mergedRows: [],
      duplicateOf: null,
    });
    expect(read.find((contact) => contact.row === 3)).toMatchObject({ firstName: 'ლუკა999', mergedRows: [1001] });
    expect(read.find((contact) => contact.row === 2001)).toMatchObject({
      phone: '+995599000499',
      firstName: 'ლუკა1999',
      duplicateOf: 501,
    });
  });
});
