import type { Readable } from 'node:stream';
import { type CellValue, cellText, columnName, isBlankRow, isProblem, type RawRow } from './cells.js';
import type { FileKind } from './detect.js';
import { ImportFileError } from './errors.js';
import { IMPORT_LIMITS } from './limits.js';
import { autoMapColumns, type ColumnMapping, classifyHeader } from './mapping.js';
import { normalizeGeorgianMobile } from './phone.js';
import { openSource } from './source.js';

export interface Preview {
  /** 1-based row of the headers; 0 when the file has none and data starts at the first row. */
  headerRow: number;
  /** One per column (index 0 = column A); `Column A`… when there is no header row. */
  headers: string[];
  mapping: ColumnMapping;
  /** The first data rows below the header, as text, one entry per header. */
  rows: string[][];
  /** The worksheet read (the first visible one with data); null for CSV. */
  sheetName: string | null;
  /** The delimiter found; null for .xlsx. */
  delimiter: string | null;
}

/**
 * Finds the header row among the first rows (titles above it are skipped: it may be row 3), maps the columns
 * from the header texts, and, if no header names the phone column, takes the column whose values are Georgian
 * mobile numbers. Throws `import/empty` when there is no data and `import/no_phone_column` when no column can be the
 * phone column.
 */
export async function previewFile(input: Readable | Buffer, kind: FileKind): Promise<Preview> {
  const source = await openSource(input, kind);
  const sample: RawRow[] = [];
  for await (const row of source.rows()) {
    if (isBlankRow(row.cells)) continue;
    sample.push(row);
    if (sample.length >= IMPORT_LIMITS.headerScanRows + IMPORT_LIMITS.previewRows) break;
  }
  if (sample.length === 0) {
    throw new ImportFileError(
      'import/empty',
      kind === 'xlsx' ? 'The workbook has no data: its sheets are empty' : 'The file has no rows',
    );
  }
  const headerAt = findHeader(sample);
  const header = headerAt >= 0 ? sample[headerAt] : undefined;
  const data = sample.slice(headerAt + 1);
  if (header && data.length === 0) {
    throw new ImportFileError('import/empty', `The sheet has a header in row ${header.row} but no rows below it`);
  }
  const width = Math.max(...sample.slice(Math.max(0, headerAt)).map((row) => lastFilled(row.cells) + 1));
  const headers = Array.from({ length: width }, (_, i) =>
    header ? cellText(header.cells[i]) : `Column ${columnName(i)}`,
  );
  const mapping: ColumnMapping = header ? autoMapColumns(headers) : {};
  if (!header) for (const i of headers.keys()) mapping[i] = 'ignore';
  if (!Object.values(mapping).includes('phone')) {
    const column = phoneColumnByContent(data, width);
    if (column < 0) throw noPhoneColumn(headers, Boolean(header));
    mapping[column] = 'phone';
  }
  return {
    headerRow: header?.row ?? 0,
    headers,
    mapping,
    rows: data.slice(0, IMPORT_LIMITS.previewRows).map((row) => headers.map((_, i) => cellText(row.cells[i]))),
    sheetName: source.sheetName ?? null,
    delimiter: source.delimiter ?? null,
  };
}

/**
 * The first row whose texts name the phone column; failing that, the first row naming the most known columns;
 * failing that, a row of plain texts right above the first phone number. -1: no header.
 */
function findHeader(sample: RawRow[]): number {
  const scanned = sample.slice(0, IMPORT_LIMITS.headerScanRows);
  let best = -1;
  let bestScore = 0;
  for (const [i, row] of scanned.entries()) {
    const kinds = row.cells.map((cell) => (typeof cell === 'string' ? classifyHeader(cell) : null));
    if (kinds.includes('phone') && !row.cells.some(isPhone)) return i;
    const score = kinds.filter((kind) => kind !== null && kind !== 'ignore').length;
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  if (best >= 0) return best;
  const firstPhone = scanned.findIndex((row) => row.cells.some(isPhone));
  const above = scanned[firstPhone - 1];
  const below = scanned[firstPhone];
  if (!above || !below) return -1;
  const texts = above.cells.filter((cell) => cell !== null);
  const allText = texts.every((cell) => typeof cell === 'string' && !isPhone(cell));
  return allText && texts.length * 2 >= below.cells.filter((cell) => cell !== null).length ? firstPhone - 1 : -1;
}

function isPhone(cell: CellValue): boolean {
  return cell !== null && !isProblem(cell) && normalizeGeorgianMobile(cell).ok;
}

/** The column where most sampled values are Georgian mobile numbers (at least half of its filled cells), or -1. */
function phoneColumnByContent(data: RawRow[], width: number): number {
  let best = -1;
  let bestCount = 0;
  for (let column = 0; column < width; column++) {
    const values = data.map((row) => row.cells[column] ?? null).filter((cell) => cellText(cell) !== '');
    const phones = values.filter(isPhone).length;
    if (phones > bestCount && phones * 2 >= values.length) [best, bestCount] = [column, phones];
  }
  return best;
}

function lastFilled(cells: CellValue[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cellText(cells[i]) !== '') return i;
  return -1;
}

function noPhoneColumn(headers: string[], hasHeader: boolean): ImportFileError {
  const named = headers
    .slice(0, 12)
    .map((header, i) => `${columnName(i)} "${header}"`)
    .join(', ');
  return new ImportFileError(
    'import/no_phone_column',
    hasHeader
      ? `No column holds phone numbers: no header names one (${named}) and no column has Georgian mobile numbers in its first rows. Name the phone column "ტელეფონი" or "Phone"`
      : 'No column holds Georgian mobile numbers in the first rows, and there is no header naming a phone column',
  );
}
