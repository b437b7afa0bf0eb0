import type { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import type { CellValue, RawRow } from './cells.js';
import { DETECT_HEAD_BYTES, detectFileKind } from './detect.js';
import { ImportFileError } from './errors.js';
import { fileTooLarge, IMPORT_LIMITS } from './limits.js';

const DELIMITERS = [',', ';', '\t', '|'];
const SNIFF_CHARS = 64 * 1024;
/** A quoted value longer than this is a missing closing quote, not data. */
const MAX_FIELD_CHARS = 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * Rows of a CSV file (RFC 4180, read leniently as Excel writes and reads it): UTF-8 with or without a byte order
 * mark, or UTF-16 with one (Excel's "Unicode Text"); delimiter `,` `;` tab or `|`, found from the first lines or
 * from Excel's `sep=` line; quoted values may hold delimiters, quotes ("") and line breaks.
 */
export class CsvSource {
  delimiter: string | null = null;
  private consumed = 0;

  constructor(
    private readonly input: Readable | Buffer,
    private readonly maxBytes: number = IMPORT_LIMITS.maxBytes,
  ) {}

  /** Bytes of the file read so far, for progress. */
  bytesRead(): number {
    return this.consumed;
  }

  async *rows(): AsyncGenerator<RawRow> {
    const parser = new CsvParser();
    let pending = '';
    let record = 0;
    const emit = function* (rows: string[][]): Generator<RawRow> {
      for (const fields of rows) {
        record++;
        // Excel's "sep=;" line names the delimiter and is not a row.
        if (record === 1 && /^sep=.$/i.test(fields.join(parser.delimiter ?? ','))) {
          record = 0;
          continue;
        }
        yield { row: record, cells: fields.map(toCell) };
      }
    };
    for await (const text of this.text()) {
      if (parser.delimiter === null) {
        pending += text;
        if (pending.length < SNIFF_CHARS) continue;
        this.delimiter = parser.delimiter = sniffDelimiter(pending);
        yield* emit(parser.push(pending));
        pending = '';
        continue;
      }
      yield* emit(parser.push(text));
    }
    if (parser.delimiter === null) this.delimiter = parser.delimiter = sniffDelimiter(pending);
    yield* emit(parser.push(pending));
    yield* emit(parser.end());
  }

  private async *chunks(): AsyncGenerator<Buffer> {
    if (Buffer.isBuffer(this.input)) {
      for (let p = 0; p < this.input.length; p += CHUNK) yield this.input.subarray(p, p + CHUNK);
      return;
    }
    try {
      for await (const chunk of this.input) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    } finally {
      this.input.destroy();
    }
  }

  private async *text(): AsyncGenerator<string> {
    let decoder: TextDecoder | null = null;
    const head: Buffer[] = [];
    let lines = 0;
    const decode = (bytes: Buffer, stream: boolean): string => {
      try {
        const text = (decoder as TextDecoder).decode(bytes, { stream });
        for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lines++;
        return text;
      } catch {
        const before = bytes.subarray(0, firstInvalidByte(bytes));
        const line = lines + before.filter((byte) => byte === 0x0a).length + 1;
        throw new ImportFileError(
          'import/bad_encoding',
          `The file is not UTF-8 text (line ${line} has bytes that are not), so Georgian letters would be lost: in Excel save it as "CSV UTF-8 (Comma delimited) (*.csv)"`,
        );
      }
    };
    for await (const chunk of this.chunks()) {
      this.consumed += chunk.length;
      if (this.consumed > this.maxBytes) throw fileTooLarge(this.maxBytes);
      if (decoder) {
        yield decode(chunk, true);
        continue;
      }
      // The byte order mark, and the signatures of files that are not text, need the first bytes together.
      head.push(chunk);
      if (this.consumed < DETECT_HEAD_BYTES) continue;
      const bytes = Buffer.concat(head);
      decoder = decoderFor(bytes);
      yield decode(bytes, true);
    }
    if (decoder) yield decode(Buffer.alloc(0), false);
    else if (this.consumed > 0) {
      const bytes = Buffer.concat(head);
      decoder = decoderFor(bytes);
      yield decode(bytes, false);
    }
  }
}

function decoderFor(head: Buffer): TextDecoder {
  // A workbook, PDF or image sent as CSV gets the same clear answer as when its kind is detected.
  if (detectFileKind(head) === 'xlsx') {
    throw new ImportFileError(
      'import/not_a_spreadsheet',
      'The file is an Excel workbook, not CSV text: upload it as .xlsx',
    );
  }
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true });
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true });
  return new TextDecoder('utf-8', { fatal: true });
}

/** The position of the first byte that is not UTF-8, by halving: a prefix is valid up to it and invalid past it. */
function firstInvalidByte(bytes: Buffer): number {
  let valid = 0;
  let invalid = bytes.length;
  while (invalid - valid > 1) {
    const mid = (valid + invalid) >> 1;
    if (isUtf8Prefix(bytes.subarray(0, mid))) valid = mid;
    else invalid = mid;
  }
  return invalid - 1;
}

function isUtf8Prefix(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function toCell(field: string): CellValue {
  if (field === '') return null;
  // ="0599123456" is how spreadsheets are told to keep a value as text in CSV.
  const text = /^="(.*)"$/s.exec(field);
  return text ? (text[1] ?? '') : field;
}

/** The delimiter that splits the first lines into the same number of fields most often (and into the most). */
export function sniffDelimiter(text: string): string {
  const sep = /^(?:\ufeff)?sep=(.)\r?\n/i.exec(text);
  if (sep?.[1]) return sep[1];
  let best = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const parser = new CsvParser();
    parser.delimiter = delimiter;
    const rows = parser.push(text).slice(0, 50);
    const counts = new Map<number, number>();
    for (const row of rows) if (row.length > 1) counts.set(row.length, (counts.get(row.length) ?? 0) + 1);
    for (const [fields, lines] of counts) {
      const score = lines * 1000 + fields;
      if (score > bestScore) [best, bestScore] = [delimiter, score];
    }
  }
  return best;
}

/** An incremental RFC 4180 parser: push text, get the records completed so far. */
class CsvParser {
  delimiter: string | null = null;
  private field = '';
  private fields: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private maybeEscaped = false;
  private pendingCr = false;
  private records = 0;

  push(text: string): string[][] {
    const delimiter = this.delimiter ?? ',';
    const rows: string[][] = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === '\n') {
          start = i + 1;
          continue;
        }
      }
      if (this.quoted) {
        if (ch !== '"') continue;
        this.field += text.slice(start, i);
        start = i + 1;
        if (text[i + 1] === '"') {
          this.field += '"';
          i++;
          start = i + 1;
        } else if (i + 1 < text.length) {
          this.quoted = false;
          this.afterQuote = true;
        } else {
          // The chunk ends on a quote: whether it closes or escapes is known only from the next chunk.
          this.quoted = false;
          this.afterQuote = true;
          this.maybeEscaped = true;
        }
        continue;
      }
      if (this.maybeEscaped) {
        this.maybeEscaped = false;
        if (ch === '"') {
          this.field += '"';
          this.quoted = true;
          this.afterQuote = false;
          start = i + 1;
          continue;
        }
      }
      if (ch === delimiter) {
        this.fields.push(this.field + text.slice(start, i));
        this.field = '';
        this.afterQuote = false;
        start = i + 1;
      } else if (ch === '\n' || ch === '\r') {
        this.fields.push(this.field + text.slice(start, i));
        rows.push(this.fields);
        this.records++;
        this.fields = [];
        this.field = '';
        this.afterQuote = false;
        this.pendingCr = ch === '\r';
        start = i + 1;
      } else if (ch === '"' && !this.afterQuote && this.field === '' && i === start) {
        this.quoted = true;
        start = i + 1;
      }
    }
    this.field += text.slice(start);
    if (this.field.length > MAX_FIELD_CHARS) {
      throw new ImportFileError(
        'import/corrupt',
        `Row ${this.records + 1}: a quoted value runs on for more than a million characters, so a closing quote (") is missing`,
      );
    }
    return rows;
  }

  end(): string[][] {
    if (this.field === '' && this.fields.length === 0) return [];
    this.fields.push(this.field);
    const row = this.fields;
    this.fields = [];
    this.field = '';
    return [row];
  }
}
