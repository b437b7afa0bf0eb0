/**
 * Real files for the specs: workbooks written by exceljs, encrypted by officecrypto-tool the way Excel encrypts
 * (ECMA-376 agile encryption), Excel 97–2003 compound files written by cfb, CSV as Excel and others write it.
 */
import { PassThrough, Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import CFB from 'cfb';
import ExcelJS from 'exceljs';
import officeCrypto from 'officecrypto-tool';
import { type ContactBatch, type ReadOptions, readContacts } from './read.js';

export type CellInput = ExcelJS.CellValue;

export interface SheetSpec {
  name?: string;
  rows: CellInput[][];
  /** Ranges such as 'A1:D1'. */
  merges?: string[];
  hidden?: boolean;
  /** Sheet protection (Review › Protect Sheet): editing is locked, reading is not. */
  protect?: boolean;
}

/** A workbook as Excel-compatible writers produce it (shared strings), one sheet per spec. */
export async function xlsx(sheets: SheetSpec[] | CellInput[][]): Promise<Buffer> {
  const specs: SheetSpec[] = isSpecs(sheets) ? sheets : [{ rows: sheets }];
  const workbook = new ExcelJS.Workbook();
  for (const [i, spec] of specs.entries()) {
    const sheet = workbook.addWorksheet(spec.name ?? `Sheet${i + 1}`);
    for (const row of spec.rows) sheet.addRow(row);
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
    if (spec.hidden) sheet.state = 'hidden';
    if (spec.protect) await sheet.protect('secret', {});
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function isSpecs(value: SheetSpec[] | CellInput[][]): value is SheetSpec[] {
  return value.length > 0 && !Array.isArray(value[0]);
}

/** A large workbook through exceljs's streaming writer; `sharedStrings: false` writes inline strings. */
export async function streamedXlsx(rows: Iterable<CellInput[]>, sharedStrings = true): Promise<Buffer> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useSharedStrings: sharedStrings });
  const sheet = workbook.addWorksheet('კონტაქტები');
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** The workbook encrypted with a password, as Excel's File › Info › Protect Workbook › Encrypt does. */
export function encrypted(workbook: Buffer): Buffer {
  return officeCrypto.encrypt(workbook, { password: 'secret' });
}

/** An Excel 97–2003 file: a compound file whose workbook stream is named "Workbook" (MS-XLS §2.1.2). */
export function legacyXls(): Buffer {
  const file = CFB.utils.cfb_new();
  CFB.utils.cfb_add(file, 'Workbook', Buffer.alloc(4096, 0x09));
  return Buffer.from(CFB.write(file, { type: 'buffer' }) as Uint8Array);
}

/**
 * A ZIP of stored (uncompressed) parts, so a spec controls every byte of the XML, as other producers than exceljs
 * write it (namespace prefixes, rows without numbers…) and where it falls in the 64 KiB read chunks.
 */
export function storedZip(parts: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const data = Buffer.from(text);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A one-sheet workbook from hand-written parts. */
export function handWorkbook(
  sheet: string,
  parts: { sharedStrings?: string; styles?: string; workbookPr?: string; target?: string; rels?: boolean } = {},
) {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  return storedZip({
    'xl/workbook.xml': `<workbook ${ns} ${rel}>${parts.workbookPr ?? ''}<sheets><sheet name="ფურცელი" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ...(parts.rels === false
      ? {}
      : {
          'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${parts.target ?? 'worksheets/sheet1.xml'}"/></Relationships>`,
        }),
    'xl/worksheets/sheet1.xml': sheet,
    ...(parts.sharedStrings ? { 'xl/sharedStrings.xml': parts.sharedStrings } : {}),
    ...(parts.styles ? { 'xl/styles.xml': parts.styles } : {}),
  });
}

/** CSV text with the given delimiter, quoting values that need it (RFC 4180). */
export function csv(rows: (string | number)[][], delimiter = ',', eol = '\r\n'): string {
  const quote = (value: string | number) => {
    const text = String(value);
    return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return rows.map((row) => row.map(quote).join(delimiter)).join(eol) + eol;
}

/** A stream that hands over the bytes `size` at a time, so characters and quotes fall across chunk boundaries. */
export function trickle(bytes: Buffer, size: number): Readable {
  const chunks: Buffer[] = [];
  for (let p = 0; p < bytes.length; p += size) chunks.push(bytes.subarray(p, p + size));
  return Readable.from(chunks, { objectMode: false });
}

/** Every batch of a read, for assertions over the whole file. */
export async function readAll(
  input: Buffer | Readable,
  kind: 'xlsx' | 'csv',
  options: ReadOptions,
): Promise<{ batches: ContactBatch[]; contacts: ContactBatch['contacts']; errors: ContactBatch['errors'] }> {
  const batches: ContactBatch[] = [];
  for await (const batch of readContacts(input, kind, options)) batches.push(batch);
  return {
    batches,
    contacts: batches.flatMap((batch) => batch.contacts),
    errors: batches.flatMap((batch) => batch.errors),
  };
}

/** How an ImportFileError (or any rejection) ends, for `expect(...).resolves`. */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code?: string; message: string };
    return { code: e.code ?? 'none', message: e.message };
  }
  throw new Error('expected a failure');
}
