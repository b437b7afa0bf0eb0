import { PassThrough, type Writable } from 'node:stream';
import type { RowError } from './read.js';

/** exceljs costs some 40 MB of memory once loaded; a process that only reads files never needs it. */
async function loadExcelJS(): Promise<typeof import('exceljs')> {
  return (await import('exceljs')).default;
}

/** In both languages; `autoMapColumns` ignores them, so a fixed report imports like the original file. */
export const REPORT_HEADERS = ['Row / სტრიქონი', 'Value / მნიშვნელობა', 'Reason / მიზეზი', 'Code / კოდი'];

/**
 * The invalid rows as an .xlsx the customer downloads: row, value, reason and code, then the row as it was under
 * the file's own headers, so the customer can fix the rows there and upload the report itself (its header row
 * maps like the original's). Everything is written as text: `0599…` keeps its zero and Georgian stays as typed.
 */
export async function writeErrorReport(
  errors: AsyncIterable<RowError> | RowError[],
  options: { headers?: string[] } = {},
): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Invalid rows', { views: [{ state: 'frozen', ySplit: 1 }] });
  const headers = options.headers ?? [];
  sheet.columns = [8, 28, 70, 26, ...headers.map(() => 20)].map((width) => ({ width }));
  const header = sheet.addRow([...REPORT_HEADERS, ...headers]);
  header.font = { bold: true };
  header.commit();
  for await (const error of errors) {
    sheet.addRow([error.row, error.value, error.reason, error.code, ...error.cells.slice(0, headers.length)]).commit();
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

export interface ExportContact {
  phone: string;
  firstName: string | null;
  lastName: string | null;
  fields: Record<string, string>;
  groups: string[];
}

export interface ExportOptions {
  /** Custom field columns, in order; other keys are left out. */
  fieldKeys?: string[];
  /** Header language; either reads back through `autoMapColumns`. */
  language?: 'en' | 'ka';
}

const HEADERS = {
  en: { phone: 'Phone', firstName: 'First name', lastName: 'Last name', groups: 'Groups', more: 'More fields' },
  ka: { phone: 'ტელეფონი', firstName: 'სახელი', lastName: 'გვარი', groups: 'ჯგუფები', more: 'სხვა ველები' },
};

const DISCOVER = 1000;

/**
 * Streams contacts to an .xlsx, one row each, in a shape this package imports back unchanged. With `fieldKeys` the
 * custom field columns are exactly those. Without it they are the keys of the first 1,000 contacts, and keys seen
 * only later go, as `key: value` lines, into a last "More fields" column, since a streamed sheet cannot grow a column
 * once its header is written.
 */
export async function writeContactsWorkbook(
  rows: AsyncIterable<ExportContact>,
  output: Writable,
  options: ExportOptions = {},
): Promise<void> {
  const iterator = rows[Symbol.asyncIterator]();
  const buffered: ExportContact[] = [];
  let keys = options.fieldKeys;
  if (!keys) {
    const found = new Set<string>();
    while (buffered.length < DISCOVER) {
      const next = await iterator.next();
      if (next.done) break;
      buffered.push(next.value);
      for (const key of Object.keys(next.value.fields)) found.add(key);
    }
    keys = [...found];
  }
  const known = new Set(keys);
  const ExcelJS = await loadExcelJS();
  const labels = HEADERS[options.language ?? 'en'];
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(options.language === 'ka' ? 'კონტაქტები' : 'Contacts', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const overflow = !options.fieldKeys;
  const header = [labels.phone, labels.firstName, labels.lastName, ...keys, labels.groups];
  if (overflow) header.push(labels.more);
  sheet.columns = header.map((_, i) => ({ width: i === 0 ? 16 : 20 }));
  const headerRow = sheet.addRow(header);
  headerRow.font = { bold: true };
  headerRow.commit();
  const write = (contact: ExportContact): void => {
    const cells = [
      contact.phone,
      contact.firstName ?? '',
      contact.lastName ?? '',
      ...keys.map((key) => contact.fields[key] ?? ''),
      contact.groups.join(', '),
    ];
    if (overflow) {
      const extra = Object.entries(contact.fields).filter(([key]) => !known.has(key));
      cells.push(extra.map(([key, value]) => `${key}: ${value}`).join('\n'));
    }
    sheet.addRow(cells).commit();
  };
  for (const contact of buffered) write(contact);
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) write(next.value);
  sheet.commit();
  await workbook.commit();
}
