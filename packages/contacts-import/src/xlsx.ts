import { type CellValue, columnIndex, isBlankRow, type RawRow } from './cells.js';
import { IMPORT_LIMITS } from './limits.js';
import { readWorkbook, type WorkbookInfo } from './workbook.js';
import { attribute, forEachAttribute, unescapeXml, type XmlHandler, XmlScanner } from './xml.js';
import { readEntryChunks, readEntryText, readZipDirectory, type ZipEntry } from './zip.js';

interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/**
 * Rows of the first visible worksheet that has any data, as the customer sees them in Excel: shared strings
 * resolved, formulas replaced by their saved results, dates as ISO text, merged ranges filled with their top-left
 * value. The sheet is decompressed and scanned as it is read, so memory stays flat whatever the row count.
 */
export class XlsxSource {
  sheetName: string | null = null;
  private readonly entries: Map<string, ZipEntry>;
  /** Share of the worksheet's compressed bytes read. */
  private consumed = 0;

  constructor(private readonly zip: Buffer) {
    this.entries = readZipDirectory(zip);
  }

  /**
   * Progress as bytes of the file: the share of the worksheet read, times the file size, so that it reaches the
   * file size at the end whatever else the file holds.
   */
  bytesRead(): number {
    return Math.round(this.consumed * this.zip.length);
  }

  async *rows(): AsyncGenerator<RawRow> {
    const workbook = await readWorkbook(this.zip, this.entries);
    for (const sheet of workbook.sheets) {
      const merges = await this.mergedRanges(sheet.entry);
      let found = false;
      for await (const row of this.sheetRows(workbook, sheet.entry, merges)) {
        if (!found && isBlankRow(row.cells)) continue;
        if (!found) this.sheetName = sheet.name;
        found = true;
        yield row;
      }
      if (found) return;
    }
  }

  private async *sheetRows(workbook: WorkbookInfo, entry: ZipEntry, merges: Merge[]): AsyncGenerator<RawRow> {
    const reader = new SheetReader(workbook);
    const scanner = new XmlScanner(reader);
    const filler = new MergeFiller(merges);
    const xml = readEntryText(this.zip, entry, IMPORT_LIMITS.maxSheetXmlBytes, (bytes) => {
      this.consumed = entry.compressedSize > 0 ? bytes / entry.compressedSize : 1;
    });
    for await (const chunk of xml) {
      scanner.push(chunk);
      for (const row of reader.take()) {
        filler.apply(row.row, row.cells);
        yield row;
      }
    }
  }

  /**
   * Merged ranges are listed after the cells (ECMA-376 Part 1 §18.3.1.55), so a first pass over the sheet's bytes
   * looks for them; decompressing twice costs far less than holding the rows until the end, and only the bytes from
   * `<mergeCells` on are ever decoded.
   */
  private async mergedRanges(entry: ZipEntry): Promise<Merge[]> {
    const tail: Buffer[] = [];
    let carry: Buffer = Buffer.alloc(0);
    for await (const chunk of readEntryChunks(this.zip, entry, IMPORT_LIMITS.maxSheetXmlBytes)) {
      if (tail.length > 0) {
        tail.push(chunk);
        continue;
      }
      // The name may straddle two chunks; look across the seam before within the chunk.
      const seam = Buffer.concat([carry, chunk.subarray(0, MERGE_CELLS.length)]);
      const at = chunk.indexOf(MERGE_CELLS);
      if (seam.includes(MERGE_CELLS)) tail.push(seam, chunk.subarray(MERGE_CELLS.length));
      else if (at >= 0) tail.push(chunk.subarray(Math.max(0, at - 8)));
      carry = chunk.subarray(Math.max(0, chunk.length - MERGE_CELLS.length));
    }
    if (tail.length === 0) return [];
    const merges: Merge[] = [];
    const pattern = /<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Za-z]+)(\d+)(?::([A-Za-z]+)(\d+))?"/g;
    for (const m of Buffer.concat(tail).toString('utf8').matchAll(pattern)) {
      const [, l1 = 'A', t1 = '1', l2 = l1, t2 = t1] = m;
      merges.push({ top: +t1, left: columnIndex(l1), bottom: +t2, right: columnIndex(l2) });
    }
    return merges.sort((a, b) => a.top - b.top);
  }
}

const MERGE_CELLS = Buffer.from('mergeCells');

/** Turns `<row>`/`<c>` elements (ECMA-376 Part 1 §18.3.1.73, §18.3.1.4) into rows of cell values. */
class SheetReader implements XmlHandler {
  capturing = false;
  private ready: RawRow[] = [];
  private rowNumber = 0;
  private cells: CellValue[] | null = null;
  private column = -1;
  private type = '';
  private style = 0;
  private formula: string | null = null;
  private value: string | null = null;
  private inline: string | null = null;
  private into: 'v' | 'f' | 't' | null = null;
  private inPhonetic = false;

  private ref: string | null = null;

  constructor(private readonly workbook: WorkbookInfo) {}

  private readonly cellAttribute = (name: string, raw: string): void => {
    if (name === 'r') {
      // The column letters of a reference such as "AB12".
      let end = 0;
      while (end < raw.length && raw.charCodeAt(end) >= 0x41) end++;
      this.ref = end > 0 ? raw.slice(0, end) : null;
    } else if (name === 't') this.type = raw;
    else if (name === 's') this.style = Number(raw) || 0;
  };

  take(): RawRow[] {
    const rows = this.ready;
    this.ready = [];
    return rows;
  }

  open(name: string, attrs: string): void {
    switch (name) {
      case 'row': {
        // The row number is optional (a row then follows the previous one).
        const r = Number(attribute(attrs, 'r'));
        this.rowNumber = Number.isInteger(r) && r > 0 ? r : this.rowNumber + 1;
        this.cells = [];
        this.column = -1;
        break;
      }
      case 'c': {
        this.ref = null;
        this.type = 'n';
        this.style = 0;
        forEachAttribute(attrs, this.cellAttribute);
        this.column = this.ref === null ? this.column + 1 : columnIndex(this.ref);
        this.formula = null;
        this.value = null;
        this.inline = null;
        break;
      }
      case 'v':
        this.capture('v');
        this.value = '';
        break;
      case 'f':
        this.capture('f');
        this.formula = '';
        break;
      case 'is':
        this.inline = '';
        break;
      case 'rPh':
        this.inPhonetic = true;
        break;
      case 't':
        if (this.inline !== null && !this.inPhonetic) this.capture('t');
        break;
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 'f':
      case 't':
        this.capture(null);
        break;
      case 'rPh':
        this.inPhonetic = false;
        break;
      case 'c':
        if (this.cells && this.column >= 0) this.cells[this.column] = this.cellValue();
        break;
      case 'row':
        if (this.cells) {
          for (let i = 0; i < this.cells.length; i++) if (this.cells[i] === undefined) this.cells[i] = null;
          this.ready.push({ row: this.rowNumber, cells: this.cells });
        }
        this.cells = null;
        break;
    }
  }

  text(raw: string): void {
    if (this.into === 'v') this.value += raw;
    else if (this.into === 'f') this.formula += raw;
    else if (this.into === 't') this.inline += raw;
  }

  private capture(into: 'v' | 'f' | 't' | null): void {
    this.into = into;
    this.capturing = into !== null;
  }

  private cellValue(): CellValue {
    const value = this.value;
    if (this.formula !== null && value === null) {
      return { problem: 'formula_without_result', text: this.formula ? `=${unescapeXml(this.formula)}` : 'a formula' };
    }
    switch (this.type) {
      case 's':
        return value === null ? null : (this.workbook.sharedStrings.get(Number(value)) ?? null);
      case 'inlineStr':
        return this.inline === null ? (value === null ? null : unescapeXml(value)) : unescapeXml(this.inline);
      case 'str':
        return value === null ? null : unescapeXml(value);
      case 'b':
        return value === null ? null : value.trim() === '1' ? 'TRUE' : 'FALSE';
      case 'e':
        return { problem: 'error_value', text: value ?? '#VALUE!' };
      case 'd':
        return value === null ? null : value.replace('T', ' ').replace(/ 00:00:00(\.0+)?Z?$/, '');
    }
    if (value === null || value.trim() === '') return null;
    const number = Number(value);
    if (!Number.isFinite(number)) return unescapeXml(value);
    return this.workbook.dateStyles[this.style] ? excelDate(number, this.workbook.date1904) : number;
  }
}

const dates = new Map<number, string>();

/** An Excel serial date (days since 1900-01-00, with Excel's phantom 29 February 1900, or since 1904) as ISO text. */
function excelDate(serial: number, date1904: boolean): string {
  const key = date1904 ? -serial - 1 : serial;
  const known = dates.get(key);
  if (known !== undefined) return known;
  // Birthdays and join dates repeat; a bounded cache saves formatting each one again.
  if (dates.size > 50_000) dates.clear();
  const text = formatExcelDate(serial, date1904);
  dates.set(key, text);
  return text;
}

function formatExcelDate(serial: number, date1904: boolean): string {
  const days = date1904 ? serial + 1462 : serial < 60 ? serial + 1 : serial;
  const date = new Date(Math.round((days - 25569) * 86_400_000));
  if (Number.isNaN(date.getTime())) return String(serial);
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** Gives every cell of a merged range the value of its top-left cell, as the customer sees it in Excel. */
class MergeFiller {
  private next = 0;
  private active: { merge: Merge; value: CellValue }[] = [];

  constructor(private readonly merges: Merge[]) {}

  apply(row: number, cells: CellValue[]): void {
    if (this.merges.length === 0) return;
    while (this.next < this.merges.length && (this.merges[this.next]?.top ?? Infinity) <= row) {
      const merge = this.merges[this.next++] as Merge;
      this.active.push({ merge, value: merge.top === row ? (cells[merge.left] ?? null) : null });
    }
    this.active = this.active.filter(({ merge }) => merge.bottom >= row);
    for (const { merge, value } of this.active) {
      for (let c = merge.left; c <= merge.right; c++) {
        if (row !== merge.top || c !== merge.left) cells[c] = value;
      }
    }
  }
}
