import { describe, expect, it } from 'vitest';
import { parseDestinations } from './smsoffice-numbers.js';

describe('smsoffice destination lists', () => {
  it('reads 995XXXXXXXXX entries, the forms integrators add by habit, and drops repeats', () => {
    expect(parseDestinations('995577123456, +995599123456,00995555123456,599123456,995577123456')).toEqual([
      { kind: 'georgian', raw: '995577123456', e164: '+995577123456' },
      { kind: 'georgian', raw: '+995599123456', e164: '+995599123456' },
      { kind: 'georgian', raw: '00995555123456', e164: '+995555123456' },
    ]);
  });

  it('tells a foreign number (code 10) from a malformed one (code 76) and a Georgian landline', () => {
    expect(parseDestinations('12025550123,37491123456,995123,995322123456,,').map((n) => n.kind)).toEqual([
      'foreign',
      'foreign',
      'invalid',
      'invalid',
    ]);
  });
});
