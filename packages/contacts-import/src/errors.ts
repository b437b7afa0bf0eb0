/**
 * Why a whole file cannot be imported. Callers match on `code` (stable), never on the message; the message is
 * English, says what is wrong and what to do, and is safe to show to the customer.
 */
export type ImportFileErrorCode =
  | 'import/not_a_spreadsheet'
  | 'import/legacy_xls'
  | 'import/corrupt'
  | 'import/password_protected'
  | 'import/bad_encoding'
  | 'import/empty'
  | 'import/no_phone_column'
  | 'import/invalid_mapping'
  | 'import/too_large'
  | 'import/too_many_rows';

export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** Why one row is not imported; stable like the file codes. */
export type RowErrorCode =
  | 'phone/missing'
  | 'phone/not_a_number'
  | 'phone/several_numbers'
  | 'phone/scientific_notation'
  | 'phone/too_short'
  | 'phone/too_long'
  | 'phone/not_georgian'
  | 'phone/landline'
  | 'phone/not_mobile'
  | 'phone/unassigned'
  | 'cell/formula_without_result'
  | 'cell/error_value'
  | 'cell/too_long';
