import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';

const FIRST = [
  'გიორგი',
  'ნინო',
  'დავით',
  'მარიამ',
  'ლევან',
  'თამარ',
  'ანა',
  'ლუკა',
  'ნიკოლოზ',
  'ელენე',
  'ირაკლი',
  'სალომე',
];
const LAST = ['ბერიძე', 'კაპანაძე', 'გელაშვილი', 'მაისურაძე', 'ჯავახიშვილი', 'წერეთელი', 'ლომიძე', 'ხარაიშვილი'];
const CITIES = ['თბილისი', 'ბათუმი', 'ქუთაისი', 'რუსთავი', 'ზუგდიდი', 'გორი', 'ფოთი', 'თელავი'];
const PREFIXES = [599, 577, 555, 591, 568, 514, 597, 571];

export const HEADER = ['ტელეფონი', 'სახელი', 'გვარი', 'ქალაქი', 'დაბადების თარიღი', 'ჯგუფი'];

/**
 * A customer's list as it arrives: the number typed every common way (an Excel number, spaced, with 0, +995 or
 * 00995), about 1% landlines and 1% repeated numbers, Georgian names, a city, a date and a group.
 */
export function* contactRows(count: number): Generator<(string | number | Date)[]> {
  for (let i = 0; i < count; i++) {
    const n = i % 100 === 99 ? i - 50 : i;
    const prefix = PREFIXES[n % PREFIXES.length] ?? 599;
    const rest = String(100_000 + ((n * 7919) % 900_000)).padStart(6, '0');
    const national = `${prefix}${rest}`;
    const phone =
      i % 100 === 42
        ? `32${rest}0`
        : [
            Number(national),
            `${prefix} ${rest.slice(0, 2)} ${rest.slice(2, 4)} ${rest.slice(4)}`,
            `0${national}`,
            `+995 ${national}`,
            `00995${national}`,
          ][i % 5];
    yield [
      phone ?? national,
      `${FIRST[i % FIRST.length]}`,
      `${LAST[(i >> 3) % LAST.length]}`,
      CITIES[(i >> 5) % CITIES.length] ?? '',
      new Date(Date.UTC(1960 + (i % 45), i % 12, 1 + (i % 28))),
      i % 3 === 0 ? 'VIP' : 'ჩვეულებრივი',
    ];
  }
}

/** An .xlsx with shared strings, stored in the order Excel stores its parts. */
export async function writeXlsx(path: string, count: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('კონტაქტები');
  sheet.addRow(HEADER).commit();
  for (const row of contactRows(count)) {
    const added = sheet.addRow(row);
    added.getCell(5).numFmt = 'dd.mm.yyyy';
    added.commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** A CSV as Excel saves "CSV UTF-8": byte order mark, semicolons (the Georgian locale's list separator), CRLF. */
export async function writeCsv(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  const line = (cells: (string | number | Date)[]) =>
    `${cells.map((cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell))).join(';')}\r\n`;
  out.write(`\ufeff${line(HEADER)}`);
  for (const row of contactRows(count)) if (!out.write(line(row))) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}
