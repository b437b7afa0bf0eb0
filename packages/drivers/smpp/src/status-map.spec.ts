import { describe, expect, it } from 'vitest';
import { StatusTable } from './status-map.js';

describe('StatusTable', () => {
  it('lets a channel override the built-in table by code or name', () => {
    const table = new StatusTable({ '0xFE': { retryAfterMs: 5000 }, ESME_RSYSERR: 'reject' }, 2000);
    expect(table.outcome(0xfe)).toEqual({
      kind: 'retry_later',
      delayMs: 5000,
      reason: 'SMSC answered ESME_RDELIVERYFAILURE',
      cause: 'unavailable',
    });
    expect(table.outcome(0x08)).toMatchObject({ kind: 'rejected', code: 'ESME_RSYSERR' });
    expect(table.outcome(0x58)).toMatchObject({ kind: 'retry_later', delayMs: 2000 });
    expect(table.outcome(0x400)).toMatchObject({ kind: 'rejected', code: '0x00000400' });
    expect(() => new StatusTable({ nonsense: 'reject' })).toThrow(/nonsense/);
  });
});
