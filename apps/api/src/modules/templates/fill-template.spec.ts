import { describe, expect, it } from 'vitest';
import { fillTemplate, placeholdersOf } from './fill-template.js';

const nino = {
  phone: '+995599123456',
  firstName: 'ნინო',
  lastName: null,
  fields: { city: 'თბილისი', დავალიანება: '12.50' },
};

describe('fillTemplate', () => {
  it('fills standard and custom fields, Georgian names included', () => {
    const filled = fillTemplate('გამარჯობა {first_name}! {city}-ში გელით. დავალიანება: {დავალიანება} ₾', nino);
    expect(filled).toEqual({ text: 'გამარჯობა ნინო! თბილისი-ში გელით. დავალიანება: 12.50 ₾', missing: [] });
  });

  it('lists missing values once and uses the fallback', () => {
    expect(fillTemplate('{last_name} {last_name} {unknown}', nino, '—')).toEqual({
      text: '— — —',
      missing: ['last_name', 'unknown'],
    });
  });

  it('leaves text that only looks like a placeholder alone', () => {
    expect(fillTemplate('{ first_name } {}', nino).text).toBe('{ first_name } {}');
    expect(placeholdersOf('{a} {b} {a}')).toEqual(['a', 'b']);
  });
});
