import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RawRow } from './cells.js';
import { CsvSource, sniffDelimiter } from './csv.js';
import { csv, failure, trickle } from './test-files.js';

async function rows(input: Buffer | Readable): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const row of new CsvSource(input).rows()) out.push(row);
  return out;
}

const table = [
  ['ტელეფონი', 'სახელი', 'მისამართი', 'შენიშვნა'],
  ['599123456', 'ნინო', 'თბილისი, ვაკე', 'says "hi"'],
  ['577 12 34 56', 'გიორგი', 'ბათუმი', 'two\nlines'],
  ['0555123456', '', '', ''],
];

describe('CsvSource', () => {
  it.each([
    [',', '\r\n'],
    [';', '\n'],
    ['\t', '\r\n'],
    ['|', '\r'],
  ])('reads %j-delimited files with %j line ends, quotes and all', async (delimiter, eol) => {
    const text = csv(table, delimiter, eol);
    const source = new CsvSource(Buffer.from(text));
    const read: RawRow[] = [];
    for await (const row of source.rows()) read.push(row);
    expect(source.delimiter).toBe(delimiter);
    expect(read).toEqual([
      { row: 1, cells: table[0] },
      { row: 2, cells: ['599123456', 'ნინო', 'თბილისი, ვაკე', 'says "hi"'] },
      { row: 3, cells: ['577 12 34 56', 'გიორგი', 'ბათუმი', 'two\nlines'] },
      { row: 4, cells: ['0555123456', null, null, null] },
    ]);
  });

  it('gives the same rows whatever the chunking: Georgian letters and quotes split across chunks', async () => {
    const bytes = Buffer.from(`\ufeff${csv(table, ';')}`);
    const whole = await rows(bytes);
    for (const size of [1, 2, 3, 5, 7]) expect(await rows(trickle(bytes, size))).toEqual(whole);
    expect(whole[1]?.cells[1]).toBe('ნინო');
  });

  it('drops the UTF-8 byte order mark and reads UTF-16 (Excel "Unicode Text")', async () => {
    const withBom = await rows(Buffer.from('\ufeffტელეფონი,სახელი\n599123456,ნინო\n'));
    expect(withBom[0]?.cells).toEqual(['ტელეფონი', 'სახელი']);
    const utf16 = await rows(Buffer.from('\ufeffტელეფონი\tსახელი\r\n599123456\tნინო\r\n', 'utf16le'));
    expect(utf16).toEqual([
      { row: 1, cells: ['ტელეფონი', 'სახელი'] },
      { row: 2, cells: ['599123456', 'ნინო'] },
    ]);
  });

  it('follows an Excel "sep=" line and does not count it as a row', async () => {
    const read = await rows(Buffer.from('sep=;\nphone;name\n599123456;Nino, Giorgi\n'));
    expect(read).toEqual([
      { row: 1, cells: ['phone', 'name'] },
      { row: 2, cells: ['599123456', 'Nino, Giorgi'] },
    ]);
  });

  it('unwraps ="…", the way spreadsheets are told to keep leading zeros', async () => {
    const read = await rows(Buffer.from('phone\n="0599123456"\n"=""0577123456"""\n'));
    expect(read.map((row) => row.cells[0])).toEqual(['phone', '0599123456', '0577123456']);
  });

  it('refuses text in another encoding, saying where and how to save it', async () => {
    // "ტელეფონი" saved by a program using a Windows code page: the bytes are not UTF-8.
    const latin = Buffer.concat([
      Buffer.from('phone,name\n599123456,'),
      Buffer.from([0xd2, 0xe5, 0xeb]),
      Buffer.from('\n'),
    ]);
    const error = await failure(rows(latin));
    expect(error.code).toBe('import/bad_encoding');
    expect(error.message).toContain('line 2');
    expect(error.message).toContain('CSV UTF-8');
  });

  it('reports a quote that never closes instead of reading the rest of the file into one value', async () => {
    const runaway = Buffer.from(`phone,note\n599123456,"no end${'x'.repeat(1_100_000)}`);
    const error = await failure(rows(runaway));
    expect(error).toMatchObject({ code: 'import/corrupt', message: expect.stringContaining('Row 2') });
  });

  it('stops a stream larger than the limit', async () => {
    const line = Buffer.from(`599123456,${'x'.repeat(1000)}\n`);
    const big = Readable.from(Array.from({ length: 2000 }, () => line));
    const error = await failure(
      (async () => {
        for await (const _ of new CsvSource(big, 1024 * 1024).rows()) void _;
      })(),
    );
    expect(error).toMatchObject({ code: 'import/too_large', message: expect.stringContaining('MiB') });
  });
});

describe('sniffDelimiter', () => {
  it('picks the delimiter that splits lines evenly, not the one inside values', () => {
    expect(sniffDelimiter('phone;address\n599123456;Tbilisi, Vake\n577123456;Batumi, Center\n')).toBe(';');
    expect(sniffDelimiter('phone,name\n599123456,Nino\n')).toBe(',');
    expect(sniffDelimiter('599123456\n577123456\n')).toBe(',');
  });
});

describe('CsvSource on files that are not text', () => {
  it('names a workbook or a PDF sent as CSV instead of reading bytes as text', async () => {
    const { xlsx } = await import('./test-files.js');
    expect(await failure(rows(await xlsx([['phone'], [599123456]])))).toMatchObject({
      code: 'import/not_a_spreadsheet',
      message: expect.stringContaining('Excel workbook'),
    });
    expect(await failure(rows(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj')))).toMatchObject({
      code: 'import/not_a_spreadsheet',
      message: expect.stringContaining('PDF'),
    });
  });

  it('tells an Excel 97–2003 file and an encrypted workbook apart even when sent as CSV', async () => {
    const { encrypted, legacyXls, xlsx } = await import('./test-files.js');
    expect(await failure(rows(legacyXls()))).toMatchObject({ code: 'import/legacy_xls' });
    const locked = encrypted(await xlsx([['phone'], [599123456]]));
    expect(await failure(rows(trickle(locked, 100)))).toMatchObject({ code: 'import/password_protected' });
  });

  it('reads nothing from an empty file', async () => {
    expect(await rows(Buffer.alloc(0))).toEqual([]);
  });
});
