export { type CellProblem, type CellValue, columnName } from './cells.js';
export { DETECT_HEAD_BYTES, detectFileKind, type FileKind } from './detect.js';
export { ImportFileError, type ImportFileErrorCode, type RowErrorCode } from './errors.js';
export { IMPORT_LIMITS } from './limits.js';
export { autoMapColumns, type ColumnMapping, normalizeHeader, type TargetField } from './mapping.js';
export { normalizeGeorgianMobile, type PhoneResult } from './phone.js';
export { type Preview, previewFile } from './preview.js';
export { type ContactBatch, type ContactRow, type ReadOptions, type RowError, readContacts } from './read.js';
export {
  type ExportContact,
  type ExportOptions,
  REPORT_HEADERS,
  writeContactsWorkbook,
  writeErrorReport,
} from './report.js';
