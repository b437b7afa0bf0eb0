import { ImportFileError } from './errors.js';

/**
 * What one import may hold. 1,000,000 rows is the product's design size for an organization's contacts. 200 MiB fits
 * a 1,000,000-row CSV of Georgian names with half a dozen fields (about 110 bytes a row, so 105 MiB) with room to
 * spare; the same rows as .xlsx take about 40 MiB, since a workbook is compressed.
 */
export const IMPORT_LIMITS = {
  /** Size of the uploaded file. */
  maxBytes: 200 * 1024 * 1024,
  /** Data rows (non-blank rows below the header). */
  maxRows: 1_000_000,
  /** Decompressed size of the worksheet XML, against zip bombs: about 200 bytes a row for 1,000,000 rows, ×10. */
  maxSheetXmlBytes: 2 * 1024 * 1024 * 1024,
  /** Characters in a first or last name. */
  maxNameLength: 100,
  /** Characters in a custom field value. */
  maxFieldLength: 1000,
  /** Rows scanned for the header row. */
  headerScanRows: 30,
  /** Data rows in a preview. */
  previewRows: 10,
  /** Data rows in one batch yielded by `readContacts`. */
  batchRows: 1000,
} as const;

export function fileTooLarge(maxBytes: number = IMPORT_LIMITS.maxBytes): ImportFileError {
  return new ImportFileError(
    'import/too_large',
    `The file is larger than ${Math.round(maxBytes / 2 ** 20)} MiB: split it into smaller files`,
  );
}
