import type { Readable } from 'node:stream';
import type { RawRow } from './cells.js';
import { CsvSource } from './csv.js';
import { detectFileKind, type FileKind } from './detect.js';
import { ImportFileError } from './errors.js';
import { fileTooLarge, IMPORT_LIMITS } from './limits.js';
import { XlsxSource } from './xlsx.js';

/** Rows of an uploaded file, whatever its kind. */
export interface RowSource {
  rows(): AsyncGenerator<RawRow>;
  bytesRead(): number;
  readonly sheetName?: string | null;
  readonly delimiter?: string | null;
}

export async function openSource(input: Readable | Buffer, kind: FileKind): Promise<RowSource> {
  if (kind === 'csv') return new CsvSource(input);
  // A ZIP is read from its end (the central directory), so the workbook is held whole; it is compressed and
  // capped at maxBytes, so this stays far below the memory the rows would take.
  const zip = Buffer.isBuffer(input) ? input : await collect(input);
  if (zip.length > IMPORT_LIMITS.maxBytes) throw fileTooLarge();
  if (detectFileKind(zip) !== 'xlsx') {
    throw new ImportFileError('import/not_a_spreadsheet', 'The file is text, not an Excel workbook: upload it as CSV');
  }
  return new XlsxSource(zip);
}

async function collect(input: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of input) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += bytes.length;
      if (size > IMPORT_LIMITS.maxBytes) throw fileTooLarge();
      chunks.push(bytes);
    }
  } finally {
    input.destroy();
  }
  return Buffer.concat(chunks);
}
