import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RawRow } from './cells.js';
import { IMPORT_LIMITS } from './limits.js';
import { previewFile } from './preview.js';
import { encrypted, failure, handWorkbook, readAll, storedZip, streamedXlsx, xlsx } from './test-files.js';
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

  it('reports progress as bytes of the file, reaching its size at the end', async () => {
    const book = await streamedXlsx(Array.from({ length: 3000 }, (_, i) => [599000000 + i, `name ${i}`]));
    const source = new XlsxSource(book);
    let seen = 0;
    for await (const _ of source.rows()) seen = Math.max(seen, source.bytesRead());
    expect(seen).toBe(book.length);
  });
});

describe('workbooks from other writers', () => {
  it('reads namespace prefixes, rows and cells without numbers, rich text runs, and skips phonetic guides', async () => {
    const sheet =
      '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row><x:c t="inlineStr"><x:is><x:t>ტელეფონი</x:t></x:is></x:c>' +
      '<x:c t="inlineStr"><x:is><x:r><x:t>სა</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>ხელი</x:t></x:r></x:is></x:c></x:row>' +
      '<x:row><x:c><x:v>599123456</x:v></x:c><x:c t="s"><x:v>0</x:v></x:c></x:row>' +
      '<x:row r="5"><x:c r="B5" t="s"><x:v>1</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const sharedStrings =
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>ნი</t></r><r><t>ნო</t></r>' +
      '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si><si><t xml:space="preserve"> a &amp; b_x000D_</t></si></sst>';
    expect(await rows(handWorkbook(sheet, { sharedStrings }))).toEqual([
      { row: 1, cells: ['ტელეფონი', 'სახელი'] },
      { row: 2, cells: [599123456, 'ნინო'] },
      { row: 5, cells: [null, ' a & b\r'] },
    ]);
  });

  it('shows dates by their number format, in the 1904 date system too, and ISO dates as written', async () => {
    const styles =
      '<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="dd&quot;.&quot;mm&quot;.&quot;yyyy"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="22"/><xf numFmtId="2"/></cellXfs></styleSheet>';
    const sheet =
      '<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>45000</v></c><c r="B1" s="2"><v>45000.5</v></c>' +
      '<c r="C1" s="3"><v>45000.5</v></c><c r="D1" t="d"><v>2024-03-01T00:00:00Z</v></c><c r="E1" s="0"><v>0.1</v></c></row>' +
      '</sheetData></worksheet>';
    expect((await rows(handWorkbook(sheet, { styles })))[0]?.cells).toEqual([
      '2023-03-15',
      '2023-03-15 12:00:00',
      45000.5,
      '2024-03-01',
      0.1,
    ]);
    const in1904 = await rows(handWorkbook(sheet, { styles, workbookPr: '<workbookPr date1904="1"/>' }));
    expect(in1904[0]?.cells[0]).toBe('2027-03-16');
  });

  it('follows relationship targets written as absolute or ./ paths, and finds sheets without relationships', async () => {
    const sheet = '<worksheet><sheetData><row r="1"><c r="A1"><v>599123456</v></c></row></sheetData></worksheet>';
    for (const parts of [
      { target: '/xl/worksheets/sheet1.xml' },
      { target: './worksheets/../worksheets/sheet1.xml' },
      { rels: false },
    ]) {
      expect((await rows(handWorkbook(sheet, parts)))[0]?.cells).toEqual([599123456]);
    }
  });

  it('finds merged ranges wherever they fall against the read chunks', async () => {
    const data =
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>phone</t></is></c><c r="B1" t="inlineStr"><is><t>group</t></is></c></row>' +
      '<row r="2"><c r="A2"><v>599123456</v></c><c r="B2" t="inlineStr"><is><t>VIP</t></is></c></row>' +
      '<row r="3"><c r="A3"><v>577123456</v></c></row></sheetData>';
    const end = '<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells></worksheet>';
    for (let shift = -14; shift <= 4; shift++) {
      // The comment pads the XML so that "mergeCells" starts `shift` bytes from the 64 KiB chunk boundary.
      const pad = 65_536 + shift - data.length - '<!---->'.length - 1;
      const sheet = `${data}<!--${'p'.repeat(pad)}-->${end}`;
      expect(sheet.indexOf('mergeCells') - 65_536).toBe(shift);
      const read = await rows(handWorkbook(sheet));
      expect({ shift, cells: read[2]?.cells }).toEqual({ shift, cells: [577123456, 'VIP'] });
    }
  });
});

describe('bad workbooks get a clear error', () => {
  it('a file over the size limit, stopped as it streams in', async () => {
    const megabyte = Buffer.alloc(2 ** 20);
    megabyte.write('PK\x03\x04', 'latin1');
    const upload = Readable.from(Array.from({ length: IMPORT_LIMITS.maxBytes / 2 ** 20 + 1 }, () => megabyte));
    expect(await failure(previewFile(upload, 'xlsx'))).toMatchObject({ code: 'import/too_large' });
    expect(upload.destroyed).toBe(true);
  });

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

  it('a Word document, an .xlsb and a ZIP of anything else, each named', async () => {
    const word = storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(await failure(previewFile(word, 'xlsx'))).toMatchObject({
      code: 'import/not_a_spreadsheet',
      message: expect.stringContaining('Word document'),
    });
    const xlsb = storedZip({ 'xl/workbook.bin': 'binary' });
    expect(await failure(previewFile(xlsb, 'xlsx'))).toMatchObject({ message: expect.stringContaining('.xlsb') });
    const other = storedZip({ 'photo.jpg': 'jpeg' });
    expect(await failure(previewFile(other, 'xlsx'))).toMatchObject({
      message: expect.stringContaining('ZIP archive'),
    });
  });

  it('a workbook whose only data is on a hidden sheet', async () => {
    const book = await xlsx([{ rows: [] }, { rows: [['phone'], [599123456]], hidden: true }]);
    expect(await failure(previewFile(book, 'xlsx'))).toMatchObject({ code: 'import/empty' });
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
