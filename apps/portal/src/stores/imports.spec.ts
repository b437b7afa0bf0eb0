import { describe, expect, it } from 'vitest';
import { customFieldName, headersFor, mappingProblem, type Preview, rowsFor } from './imports.js';

const preview: Preview = {
  id: 'i1',
  fileName: 'clients.xlsx',
  kind: 'xlsx',
  headerRow: 3,
  headers: ['სახელი', 'ტელეფონი', 'ქალაქი'],
  mapping: { '0': 'first_name', '1': 'phone', '2': 'custom:ქალაქი' },
  rows: [
    ['სახელი', 'მობილური', 'ქალაქი', 'შენიშვნა'],
    ['ნინო', '599 12 34 56', 'თბილისი', ''],
  ],
};

describe('import wizard helpers', () => {
  it('shows the detected header, a later row as the header, or column numbers for an earlier one', () => {
    expect(headersFor(preview, 3)).toEqual(['სახელი', 'ტელეფონი', 'ქალაქი', '']);
    expect(headersFor(preview, 4)).toEqual(['სახელი', 'მობილური', 'ქალაქი', 'შენიშვნა']);
    expect(headersFor(preview, 1)).toEqual(['', '', '', '']);
  });

  it('numbers the preview rows as in the sheet and keeps only those below the header row', () => {
    expect(rowsFor(preview, 3).map((r) => r.number)).toEqual([4, 5]);
    expect(rowsFor(preview, 4).map((r) => r.cells[0])).toEqual(['ნინო']);
  });

  it('wants exactly one phone column and named custom fields', () => {
    expect(mappingProblem(preview.mapping)).toBeNull();
    expect(mappingProblem({ '0': 'first_name', '1': 'ignore' })).toBe('no_phone');
    expect(mappingProblem({ '0': 'phone', '1': 'phone' })).toBe('two_phones');
    expect(mappingProblem({ '0': 'phone', '1': 'custom:' })).toBe('custom_name');
    expect(mappingProblem({ '0': 'phone', '1': 'custom:  ' })).toBe('custom_name');
  });

  it('turns a column title into a field name the API takes (letters, digits, _)', () => {
    expect(customFieldName('ქალაქი')).toBe('ქალაქი');
    expect(customFieldName(' Card No. ')).toBe('Card_No');
    expect(customFieldName('დაბ. თარიღი')).toBe('დაბ_თარიღი');
    expect(customFieldName('x'.repeat(50))).toHaveLength(40);
  });
});
