/** A cell Excel could not give a value for: the row is reported when the cell matters. */
export interface CellProblem {
  problem: 'formula_without_result' | 'error_value';
  /** What the customer sees or typed: `#N/A`, `=A2&B2`. */
  text: string;
}

/** Numbers stay numbers (Excel stores 599123456 as one); everything else is text. */
export type CellValue = string | number | CellProblem | null;

export interface RawRow {
  /** 1-based row number as the customer sees it in Excel (for CSV: the record number). */
  row: number;
  /** Index 0 is column A. */
  cells: CellValue[];
}

export function isProblem(cell: CellValue): cell is CellProblem {
  return typeof cell === 'object' && cell !== null;
}

/** Text as the customer would read it, trimmed, runs of white space made one space. */
export function cellText(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return numberText(cell);
  if (typeof cell === 'string') return cell.replace(/\s+/g, ' ').trim();
  return cell.text;
}

export function isBlankRow(cells: CellValue[]): boolean {
  return cells.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === ''));
}

function numberText(value: number): string {
  // A phone number stored as a float must read as its digits; other numbers as Excel shows them, to 15 significant
  // digits (0.1 + 0.2 saved by a formula is 0.3, not 0.30000000000000004).
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(Number(value.toPrecision(15)));
}

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Excel's column letters to a 0-based index. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
