import { ImportFileError } from './errors.js';

export type FileKind = 'xlsx' | 'csv';

/** How many leading bytes `detectFileKind` wants; more (the whole file) makes its answer about Office files surer. */
export const DETECT_HEAD_BYTES = 64 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
// Compound File Binary (MS-CFB §2.2): legacy .xls, and what Office wraps an encrypted .xlsx in (MS-OFFCRYPTO §2.3.4.1).
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const NOT_SPREADSHEETS: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x52, 0x61, 0x72, 0x21], 'a RAR archive'],
  [[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive'],
  [[0x1f, 0x8b], 'a gzip archive'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'an RTF document'],
];

function startsWith(head: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => head[i] === byte);
}

function notSpreadsheet(what: string): ImportFileError {
  return new ImportFileError(
    'import/not_a_spreadsheet',
    `The file is ${what}, not a spreadsheet: upload an Excel workbook (.xlsx) or a CSV file`,
  );
}

/**
 * What kind of file this is, from its first bytes (pass at least `DETECT_HEAD_BYTES`, or the whole file); the name
 * only settles what the bytes cannot. Throws `ImportFileError` for anything that cannot be imported, saying what the
 * file is and what to do.
 */
export function detectFileKind(head: Uint8Array, fileName?: string): FileKind {
  if (head.length === 0) throw new ImportFileError('import/empty', 'The file is empty');
  if (startsWith(head, ZIP)) {
    const ods = 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet';
    if (Buffer.from(head.subarray(30, 30 + ods.length)).toString('latin1') === ods) {
      throw notSpreadsheet('an OpenDocument spreadsheet (.ods): save it as an Excel Workbook (.xlsx) and upload');
    }
    return 'xlsx';
  }
  if (startsWith(head, EMPTY_ZIP)) throw notSpreadsheet('an empty ZIP archive');
  if (startsWith(head, CFB)) throw compoundFileError(head, fileName);
  for (const [magic, what] of NOT_SPREADSHEETS) if (startsWith(head, magic)) throw notSpreadsheet(what);
  return textKind(head);
}

function compoundFileError(head: Uint8Array, fileName: string | undefined): ImportFileError {
  const has = (name: string) => Buffer.from(head).includes(Buffer.from(name, 'utf16le'));
  const encrypted = has('EncryptedPackage');
  if (encrypted || (!has('Workbook') && !has('Book') && !/\.xls$/i.test(fileName ?? ''))) {
    if (has('WordDocument')) return notSpreadsheet('a Word document');
    return new ImportFileError(
      'import/password_protected',
      'The workbook is password protected: open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password), save it and upload it again',
    );
  }
  return new ImportFileError(
    'import/legacy_xls',
    'The file is an Excel 97–2003 workbook (.xls): open it in Excel and save it as an Excel Workbook (.xlsx), or as CSV UTF-8',
  );
}

function textKind(head: Uint8Array): FileKind {
  // UTF-16 with a byte order mark: Excel's "Unicode Text".
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'csv';
  const sample = Buffer.from(head.subarray(0, 4096));
  const text = sample.toString('utf8').toLowerCase();
  if (/^\s*(<!doctype html|<html|<table)/.test(text)) {
    throw notSpreadsheet('a web page (many programs save HTML under an .xls name): open it in Excel and save as .xlsx');
  }
  if (text.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    throw notSpreadsheet('an XML Spreadsheet 2003: open it in Excel and save it as an Excel Workbook (.xlsx)');
  }
  // Text has no NUL bytes and next to no control characters; a stray form feed or end-of-file mark may pass.
  let control = 0;
  for (const byte of sample) if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) control++;
  if (sample.includes(0) || control > sample.length / 100) throw notSpreadsheet('a binary file of an unknown kind');
  return 'csv';
}
