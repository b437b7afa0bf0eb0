import type { Readable } from 'node:stream';
import { type CellValue, cellText, columnName, isBlankRow, isProblem, type RawRow } from './cells.js';
import type { FileKind } from './detect.js';
import { ImportFileError, type RowErrorCode } from './errors.js';
import { IMPORT_LIMITS } from './limits.js';
import type { ColumnMapping, TargetField } from './mapping.js';
import { normalizeGeorgianMobile } from './phone.js';
import { openSource } from './source.js';
import { SeenNumbers } from './tables.js';

/**
 * One contact from the file. Empty cells are left out (`null` names, absent fields), so an upsert that writes only
 * what is present never clears a stored value.
 */
export interface ContactRow {
  /** The row it came from (the first one, when later rows were merged into it). */
  row: number;
  /** E.164, `+9955XXXXXXXX`. */
  phone: string;
  firstName: string | null;
  lastName: string | null;
  fields: Record<string, string>;
  /** From a `groups` column; the import's target group is the caller's to add. */
  groups: string[];
  /** Later rows of this batch with the same number, merged into this one (their non-empty values won). */
  mergedRows: number[];
  /**
   * Set when the number already appeared in an earlier batch, at this row: upsert it over the earlier one (its
   * non-empty values win) and count it as a duplicate merged, not as a contact updated.
   */
  duplicateOf: number | null;
}

export interface RowError {
  row: number;
  /** The cell as the customer sees it. */
  value: string;
  /** English, for the customer: what is wrong and, where it helps, what to do. */
  reason: string;
  code: RowErrorCode;
  /** The whole row as text (index 0 = column A), so the report can give the customer rows to fix and upload again. */
  cells: string[];
}

export interface ContactBatch {
  /** At most one per number within a batch, so a batch can be one multi-row upsert. */
  contacts: ContactRow[];
  errors: RowError[];
  /** Data rows read so far, this batch included (blank rows are not counted). */
  rowsRead: number;
  /** Rows of this batch that repeated an earlier number: merged into a contact of the batch or `duplicateOf` set. */
  duplicates: number;
  /** Progress in bytes of the file (for .xlsx, in proportion to the worksheet read): divide by the file size. */
  bytesRead: number;
}

export interface ReadOptions {
  /** From `previewFile` (or the customer's choice): rows up to this one are not data. */
  headerRow: number;
  mapping: ColumnMapping;
  /** A lower row limit than `IMPORT_LIMITS.maxRows` (a plan's, say); a higher one is ignored. */
  maxRows?: number;
}

interface Plan {
  phone: number;
  firstName: number[];
  lastName: number[];
  fullName: number[];
  groups: number[];
  custom: [number, string][];
}

/**
 * Streams the contacts of a file in batches of about `IMPORT_LIMITS.batchRows` rows. Invalid rows come back as
 * errors with their row number; a number seen before is merged (later rows' non-empty values win) and counted. The
 * same file always gives the same batches.
 */
export async function* readContacts(
  input: Readable | Buffer,
  kind: FileKind,
  options: ReadOptions,
): AsyncGenerator<ContactBatch> {
  const plan = planMapping(options);
  const source = await openSource(input, kind);
  const firstRowOf = new SeenNumbers();
  let batch = new Batch();
  let rowsRead = 0;
  const maxRows = Math.min(options.maxRows ?? IMPORT_LIMITS.maxRows, IMPORT_LIMITS.maxRows);
  for await (const raw of source.rows()) {
    if (raw.row <= options.headerRow || isBlankRow(raw.cells)) continue;
    if (++rowsRead > maxRows) {
      throw new ImportFileError(
        'import/too_many_rows',
        `The file has more than ${maxRows.toLocaleString('en-US')} rows (row ${raw.row} is over the limit): split it into smaller files`,
      );
    }
    const contact = toContact(raw, plan, batch.errors);
    if (contact) batch.add(contact, firstRowOf);
    if (++batch.rows >= IMPORT_LIMITS.batchRows) {
      yield batch.output(rowsRead, source.bytesRead());
      batch = new Batch();
    }
  }
  if (rowsRead === 0) {
    const below = options.headerRow > 0 ? ` below its header (row ${options.headerRow})` : '';
    throw new ImportFileError('import/empty', `The file has no data rows${below}`);
  }
  if (batch.rows > 0) yield batch.output(rowsRead, source.bytesRead());
}

class Batch {
  rows = 0;
  duplicates = 0;
  readonly errors: RowError[] = [];
  private readonly byPhone = new Map<string, ContactRow>();

  add(contact: ContactRow, firstRowOf: SeenNumbers): void {
    const key = Number(contact.phone.slice(4));
    const first = firstRowOf.get(key);
    if (first === undefined) firstRowOf.set(key, contact.row);
    else this.duplicates++;
    const earlier = this.byPhone.get(contact.phone);
    if (earlier) merge(earlier, contact);
    else {
      if (first !== undefined) contact.duplicateOf = first;
      this.byPhone.set(contact.phone, contact);
    }
  }

  output(rowsRead: number, bytesRead: number): ContactBatch {
    return {
      contacts: [...this.byPhone.values()],
      errors: this.errors,
      rowsRead,
      duplicates: this.duplicates,
      bytesRead,
    };
  }
}

function merge(into: ContactRow, later: ContactRow): void {
  into.mergedRows.push(later.row);
  into.firstName = later.firstName ?? into.firstName;
  into.lastName = later.lastName ?? into.lastName;
  Object.assign(into.fields, later.fields);
  for (const group of later.groups) if (!into.groups.includes(group)) into.groups.push(group);
}

function planMapping({ mapping, headerRow }: ReadOptions): Plan {
  if (!Number.isInteger(headerRow) || headerRow < 0) invalid(`header row ${headerRow} is not a row number`);
  const plan: Plan = { phone: -1, firstName: [], lastName: [], fullName: [], groups: [], custom: [] };
  const keys = new Set<string>();
  for (const [key, target] of Object.entries(mapping) as [string, TargetField][]) {
    const column = Number(key);
    if (!Number.isInteger(column) || column < 0) invalid(`"${key}" is not a column`);
    if (target === 'phone') {
      if (plan.phone >= 0) invalid(`columns ${columnName(plan.phone)} and ${columnName(column)} are both the phone`);
      plan.phone = column;
    } else if (target === 'first_name') plan.firstName.push(column);
    else if (target === 'last_name') plan.lastName.push(column);
    else if (target === 'full_name') plan.fullName.push(column);
    else if (target === 'groups') plan.groups.push(column);
    else if (typeof target === 'string' && target.startsWith('custom:')) {
      const name = target.slice('custom:'.length).trim();
      if (!name || name.length > 64)
        invalid(`column ${columnName(column)}: a custom field needs a name of 1 to 64 characters`);
      if (keys.has(name)) invalid(`two columns go to the custom field "${name}"`);
      keys.add(name);
      plan.custom.push([column, name]);
    } else if (target !== 'ignore') invalid(`column ${columnName(column)}: "${String(target)}" is not a field`);
  }
  for (const [name, columns] of [
    ['first name', plan.firstName],
    ['last name', plan.lastName],
    ['full name', plan.fullName],
  ] as const) {
    if (columns.length > 1) invalid(`more than one column is the ${name}`);
  }
  if (plan.phone < 0) {
    throw new ImportFileError('import/no_phone_column', 'Choose the column that holds the phone numbers');
  }
  return plan;
}

function invalid(detail: string): never {
  throw new ImportFileError('import/invalid_mapping', `The column mapping is not valid: ${detail}`);
}

function toContact(raw: RawRow, plan: Plan, errors: RowError[]): ContactRow | null {
  const { row, cells } = raw;
  const fail = (value: string, code: RowErrorCode, reason: string): null => {
    errors.push({ row, value: value.slice(0, 200), code, reason, cells: cells.map(cellText) });
    return null;
  };
  const phoneCell = cells[plan.phone] ?? null;
  if (isProblem(phoneCell)) return problem(phoneCell.problem, columnName(plan.phone), row, phoneCell.text, fail);
  const phone = normalizeGeorgianMobile(phoneCell ?? '');
  if (!phone.ok) return fail(cellText(phoneCell), phone.code, phone.reason);

  const text = (column: number | undefined, limit: number): string | null | undefined => {
    if (column === undefined) return null;
    const cell: CellValue = cells[column] ?? null;
    if (isProblem(cell)) {
      // #N/A from a lookup that found nothing is an empty value; a formula nobody calculated is unknown.
      if (cell.problem === 'error_value') return null;
      problem(cell.problem, columnName(column), row, cell.text, fail);
      return undefined;
    }
    const value = cellText(cell);
    if (value.length > limit) {
      fail(
        value,
        'cell/too_long',
        `Cell ${columnName(column)}${row} has ${value.length} characters; at most ${limit} fit`,
      );
      return undefined;
    }
    return value || null;
  };

  const full = text(plan.fullName[0], IMPORT_LIMITS.maxNameLength * 2);
  const first = text(plan.firstName[0], IMPORT_LIMITS.maxNameLength);
  const last = text(plan.lastName[0], IMPORT_LIMITS.maxNameLength);
  if (full === undefined || first === undefined || last === undefined) return null;
  const [fullFirst, fullLast] = splitName(full);
  const fields: Record<string, string> = {};
  for (const [column, key] of plan.custom) {
    const value = text(column, IMPORT_LIMITS.maxFieldLength);
    if (value === undefined) return null;
    if (value !== null) fields[key] = value;
  }
  const groups: string[] = [];
  for (const column of plan.groups) {
    const value = text(column, IMPORT_LIMITS.maxFieldLength);
    if (value === undefined) return null;
    for (const group of (value ?? '').split(/[,;]/)) {
      const name = group.trim();
      if (name && !groups.includes(name)) groups.push(name);
    }
  }
  return {
    row,
    phone: phone.e164,
    firstName: first ?? fullFirst,
    lastName: last ?? fullLast,
    fields,
    groups,
    mergedRows: [],
    duplicateOf: null,
  };
}

/** First word, then the rest: "გიორგი ბერიძე" → გიორგი / ბერიძე. */
function splitName(full: string | null): [string | null, string | null] {
  if (!full) return [null, null];
  const space = full.indexOf(' ');
  return space < 0 ? [full, null] : [full.slice(0, space), full.slice(space + 1)];
}

function problem(
  kind: 'formula_without_result' | 'error_value',
  column: string,
  row: number,
  text: string,
  fail: (value: string, code: RowErrorCode, reason: string) => null,
): null {
  return kind === 'formula_without_result'
    ? fail(
        text,
        'cell/formula_without_result',
        `Cell ${column}${row} has a formula with no saved result: open the file in Excel, let it calculate, save it and upload again`,
      )
    : fail(text, 'cell/error_value', `Cell ${column}${row} shows the error ${text} instead of a phone number`);
}
