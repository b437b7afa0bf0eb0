import { ImportFileError } from './errors.js';
import { StringTable } from './tables.js';
import { attribute, unescapeXml, XmlScanner } from './xml.js';
import { readEntry, readEntryText, type ZipEntry } from './zip.js';

/** The parts of a workbook that the rows need, read from the .xlsx package (ECMA-376 Part 1 §18.2, §18.4, §18.8). */
export interface WorkbookInfo {
  /** Visible worksheets in tab order. */
  sheets: { name: string; entry: ZipEntry }[];
  date1904: boolean;
  /** Per cell format index (the `s` of a cell): does its number format show a date? */
  dateStyles: boolean[];
  sharedStrings: StringTable;
}

const OTHER_PACKAGES: [string, string][] = [
  ['xl/workbook.bin', 'an Excel Binary Workbook (.xlsb): save it as an Excel Workbook (.xlsx)'],
  ['word/document.xml', 'a Word document, not a spreadsheet'],
  ['ppt/presentation.xml', 'a PowerPoint presentation, not a spreadsheet'],
  ['content.xml', 'an OpenDocument file (.ods): save it as an Excel Workbook (.xlsx)'],
];

export async function readWorkbook(zip: Buffer, entries: Map<string, ZipEntry>): Promise<WorkbookInfo> {
  const part = (name: string) => entries.get(name.toLowerCase());
  const main = part('xl/workbook.xml');
  if (!main) {
    const other = OTHER_PACKAGES.find(([name]) => part(name));
    throw new ImportFileError(
      'import/not_a_spreadsheet',
      other
        ? `The file is ${other[1]}`
        : 'The file is a ZIP archive but not an Excel workbook: upload an .xlsx or a .csv file',
    );
  }
  const targets = new Map<string, string>();
  const rels = part('xl/_rels/workbook.xml.rels');
  if (rels) {
    scanText(readEntry(zip, rels).toString('utf8'), {
      Relationship(attrs) {
        const id = attribute(attrs, 'Id');
        const target = attribute(attrs, 'Target');
        if (id && target) targets.set(id, target);
      },
    });
  }
  const sheets: WorkbookInfo['sheets'] = [];
  let hidden = 0;
  let date1904 = false;
  scanText(readEntry(zip, main).toString('utf8'), {
    workbookPr(attrs) {
      const value = attribute(attrs, 'date1904');
      date1904 = value === '1' || value === 'true';
    },
    sheet(attrs) {
      const state = attribute(attrs, 'state');
      if (state === 'hidden' || state === 'veryHidden') {
        hidden++;
        return;
      }
      const target = targets.get(attribute(attrs, 'id') ?? '');
      const entry = target && part(resolvePart(target));
      if (entry) sheets.push({ name: attribute(attrs, 'name') ?? '', entry });
    },
  });
  if (sheets.length === 0 && hidden === 0) sheets.push(...sheetsByPartName(entries));
  const styles = part('xl/styles.xml');
  const shared = part('xl/sharedStrings.xml');
  return {
    sheets,
    date1904,
    dateStyles: styles ? readDateStyles(readEntry(zip, styles).toString('utf8')) : [],
    sharedStrings: shared ? await readSharedStrings(zip, shared) : new StringTable(),
  };
}

/** A relationship target, relative to xl/ unless it starts with a slash (ECMA-376 Part 2 §9.3). */
function resolvePart(target: string): string {
  const path: string[] = [];
  for (const segment of (target.startsWith('/') ? target : `xl/${target}`).split('/')) {
    if (segment === '..') path.pop();
    else if (segment && segment !== '.') path.push(segment);
  }
  return path.join('/');
}

/** Without relationships to follow (some minimal writers leave them out), the worksheets by their part names. */
function sheetsByPartName(entries: Map<string, ZipEntry>): WorkbookInfo['sheets'] {
  return [...entries]
    .map(([name, entry]) => ({ number: /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name)?.[1], entry }))
    .filter((part): part is { number: string; entry: ZipEntry } => part.number !== undefined)
    .sort((a, b) => Number(a.number) - Number(b.number))
    .map((part) => ({ name: `Sheet${part.number}`, entry: part.entry }));
}

function scanText(xml: string, on: Record<string, (attributes: string) => void>): void {
  new XmlScanner({
    capturing: false,
    open: (name, attributes) => on[name]?.(attributes),
    close: () => {},
    text: () => {},
  }).push(xml);
}

// Built-in number formats that show dates or times (ECMA-376 Part 1 §18.8.30), East Asian ones included.
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47,
]);
for (let id = 50; id <= 58; id++) DATE_FORMAT_IDS.add(id);

function isDateFormat(code: string): boolean {
  // Quoted text and [bracketed] parts (colours, locales, elapsed-time markers) say nothing about dates.
  const bare = code.replace(/"[^"]*"|\[[^\]]*]|\\./g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

function readDateStyles(xml: string): boolean[] {
  const customDates = new Map<number, boolean>();
  const dateStyles: boolean[] = [];
  let inCellXfs = false;
  new XmlScanner({
    capturing: false,
    open(name, attrs) {
      if (name === 'numFmt') {
        customDates.set(Number(attribute(attrs, 'numFmtId')), isDateFormat(attribute(attrs, 'formatCode') ?? ''));
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attribute(attrs, 'numFmtId') ?? 0);
        dateStyles.push(customDates.get(id) ?? DATE_FORMAT_IDS.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  }).push(xml);
  return dateStyles;
}

/** Each `<si>`: its text, or its rich-text runs joined; phonetic guides (`<rPh>`) are not part of the text. */
async function readSharedStrings(zip: Buffer, entry: ZipEntry): Promise<StringTable> {
  const strings = new StringTable();
  let inPhonetic = false;
  let current = '';
  const handler = {
    capturing: false,
    open(name: string) {
      if (name === 'si') current = '';
      else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && !inPhonetic) handler.capturing = true;
    },
    close(name: string) {
      if (name === 't') handler.capturing = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si') strings.push(unescapeXml(current));
    },
    text(raw: string) {
      current += raw;
    },
  };
  const scanner = new XmlScanner(handler);
  for await (const chunk of readEntryText(zip, entry, 1024 * 1024 * 1024)) scanner.push(chunk);
  strings.seal();
  return strings;
}
