import { describe, expect, it } from 'vitest';
import { historyOf } from './message-mapper.js';

const t = (s: number) => new Date(Date.UTC(2026, 11, 6, 8, 0, s));
const row = (status: string, s: number, errorCode: string | null = null) =>
  ({ status, at: t(s), errorCode }) as { status: 'queued'; at: Date; errorCode: string | null };
const brief = (entries: { status: string; at: Date; errorCode?: string | null }[]) =>
  entries.map((e) => `${e.status}@${e.at.getUTCSeconds()}${e.errorCode ? `:${e.errorCode}` : ''}`);

describe('historyOf', () => {
  it('reads acceptance, send and final receipt from the row, in time order, with the code on the final entry', () => {
    const message = { createdAt: t(1), sentAt: t(2), doneAt: t(5), status: 'undelivered' as const, errorCode: '001' };
    expect(brief(historyOf(message, []))).toEqual(['queued@1', 'in_transit@2', 'undelivered@5:001']);
  });

  it('merges history rows (a lost send, a resend) without showing a send twice', () => {
    // Lost at 2 (a history row, and still the row's sent_at until the next accept), sent again at 3.
    const resending = { createdAt: t(1), sentAt: t(2), doneAt: null, status: 'queued' as const, errorCode: null };
    const events = [row('in_transit', 2), row('queued', 3, 'channel/unconfirmed_resent')];
    expect(brief(historyOf(resending, events))).toEqual([
      'queued@1',
      'in_transit@2',
      'queued@3:channel/unconfirmed_resent',
    ]);
    const delivered = { ...resending, sentAt: t(4), doneAt: t(6), status: 'delivered' as const };
    expect(brief(historyOf(delivered, events))).toEqual([
      'queued@1',
      'in_transit@2',
      'queued@3:channel/unconfirmed_resent',
      'in_transit@4',
      'delivered@6',
    ]);
  });

  it('keeps the acceptance row of messages stored before it was read from the row, once', () => {
    const old = { createdAt: t(1), sentAt: null, doneAt: null, status: 'delivered' as const, errorCode: null };
    const events = [row('queued', 1), row('in_transit', 2), row('delivered', 3)];
    expect(brief(historyOf(old, events))).toEqual(['queued@1', 'in_transit@2', 'delivered@3']);
  });

  it('shows no final entry for a message that is not final', () => {
    const inTransit = { createdAt: t(1), sentAt: t(2), doneAt: t(3), status: 'in_transit' as const, errorCode: null };
    expect(brief(historyOf(inTransit, []))).toEqual(['queued@1', 'in_transit@2']);
  });
});
