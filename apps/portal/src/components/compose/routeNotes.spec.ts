// The API's own sentence writer: if its wording changes, these tests fail instead of the composer going vague.
import { describeRefusal } from '@mtredi/api/dist/modules/routing/route-planner.js';
import { describe, expect, it } from 'vitest';
import type { RouteAnswer, RouteConstraints } from '../../api/analyze.js';
import { en } from '../../i18n/en.js';
import { ka } from '../../i18n/ka.js';
import { constraintNotes, type RouteNote, refusalNote, refusalReason, routeView } from './routeNotes.js';

type Reason = Parameters<typeof describeRefusal>[0]['reason'];
const refusal = (name: string, reason: Reason) => describeRefusal({ channelId: 'c', name, reason });

const RESERVE: RouteConstraints = {
  maxChars: { gsm7: 480, ucs2: 320 },
  duplicateWindowSeconds: 3 * 3600,
  senderMayBeReplaced: true,
  receiptMode: 'realtime',
};
const DIRECT: RouteConstraints = {
  maxChars: { gsm7: 1000, ucs2: 1000 },
  duplicateWindowSeconds: 0,
  senderMayBeReplaced: false,
  receiptMode: 'realtime',
};
const georgian = (characters: number) => ({ encoding: 'ucs2' as const, characters });

describe('refusal sentences of the API → reasons', () => {
  it.each([
    [
      { code: 'routing/too_long', limit: 320, permanent: true },
      { code: 'too_long', limit: 320 },
    ],
    [
      { code: 'routing/duplicate_window', windowSeconds: 10_800, permanent: true },
      { code: 'duplicate_window', hours: 3 },
    ],
    [{ code: 'routing/sender_override_not_allowed', permanent: true }, { code: 'sender_override_not_allowed' }],
    [{ code: 'routing/channel_down', permanent: false }, { code: 'channel_down' }],
    [{ code: 'routing/circuit_open', permanent: false }, { code: 'circuit_open' }],
  ] as [Reason, unknown][])('%o', (reason, expected) => {
    // A channel name that itself contains words of another sentence does not confuse the decoding.
    expect(refusalReason(refusal('Reserve (is down) aggregator', reason))).toEqual(expected);
  });

  it('keeps a sentence it does not know, and a window under an hour, as the API wrote them', () => {
    expect(refusalReason('Reserve is closed for maintenance')).toEqual({
      code: 'unknown',
      message: 'Reserve is closed for maintenance',
    });
    const short = refusal('R', { code: 'routing/duplicate_window', windowSeconds: 600, permanent: true });
    expect(refusalReason(short)).toEqual({ code: 'unknown', message: short });
    expect(refusalNote(refusalReason(short), georgian(10))).toMatchObject({ key: 'unknown', message: short });
  });
});

describe('route answer → what the composer says', () => {
  it('a 400-character Georgian text the 320-limit reserve refuses: refused, with the limit and the count', () => {
    const route: RouteAnswer = {
      operator: 'magti',
      channel: null,
      warnings: [refusal('Reserve', { code: 'routing/too_long', limit: 320, permanent: true })],
    };
    expect(routeView(route, georgian(400))).toEqual({
      operator: 'magti',
      carrier: null,
      blocked: 'refused',
      notes: [
        { code: 'too_long', key: 'tooLong.ucs2', params: { limit: 320, n: 400 }, severity: 'error' },
      ] satisfies RouteNote[],
    });
  });

  it('direct down and the text too long for the reserve: it waits, and only the longest limit is told', () => {
    const route: RouteAnswer = {
      operator: 'silknet',
      channel: null,
      warnings: [
        refusal('Direct', { code: 'routing/channel_down', permanent: false }),
        refusal('Reserve', { code: 'routing/too_long', limit: 320, permanent: true }),
        refusal('Reserve 2', { code: 'routing/too_long', limit: 160, permanent: true }),
      ],
    };
    const view = routeView(route, { encoding: 'gsm7', characters: 500 });
    expect(view.blocked).toBe('waits');
    expect(view.notes.map((n) => [n.key, n.params])).toEqual([
      ['channelDown', {}],
      ['tooLong.gsm7', { limit: 320, n: 500 }],
    ]);
  });

  it('a repeat inside the window and a sender the channel would replace are lasting: refused', () => {
    const route: RouteAnswer = {
      operator: 'cellfie',
      channel: null,
      warnings: [
        refusal('A', { code: 'routing/duplicate_window', windowSeconds: 10_800, permanent: true }),
        refusal('B', { code: 'routing/sender_override_not_allowed', permanent: true }),
      ],
    };
    const view = routeView(route, georgian(20));
    expect(view.blocked).toBe('refused');
    expect(view.notes.map((n) => [n.key, n.plural])).toEqual([
      ['repeatHours', 3],
      ['senderNotAllowed', undefined],
    ]);
  });

  it('no channel on the route at all is refused; an unknown reason alone is only "unclear"', () => {
    expect(routeView({ operator: 'magti', channel: null, warnings: [] }, georgian(5)).blocked).toBe('refused');
    const unclear = routeView({ operator: 'magti', channel: null, warnings: ['Something new'] }, georgian(5));
    expect(unclear.blocked).toBe('unclear');
    expect(unclear.notes).toEqual([
      { code: 'unknown', key: 'unknown', params: {}, severity: 'warn', message: 'Something new' },
    ]);
  });

  it('the reserve carries it: reserve class, the limit as information, the window, the sender', () => {
    const route: RouteAnswer = { operator: 'magti', channel: 'Reserve', constraints: RESERVE, warnings: ['…'] };
    const view = routeView(route, georgian(45));
    expect(view).toMatchObject({ carrier: 'reserve', blocked: null });
    expect(view.notes).toEqual([
      { code: 'length_limit', key: 'lengthLimit.ucs2', params: { limit: 320, n: 45 }, severity: 'info' },
      { code: 'duplicate_window', key: 'duplicateHours', params: { n: 3 }, plural: 3, severity: 'warn' },
      { code: 'sender_replaced', key: 'senderReplaced', params: {}, severity: 'warn' },
    ]);
  });

  it('the direct channel carries it: direct class and nothing to warn about', () => {
    const view = routeView({ operator: 'magti', channel: 'Direct', constraints: DIRECT, warnings: [] }, georgian(400));
    expect(view).toEqual({ operator: 'magti', carrier: 'direct', blocked: null, notes: [] });
  });

  it('receipts: polled, none, or a mode this portal does not know yet', () => {
    const keys = (receiptMode: string) => constraintNotes({ ...DIRECT, receiptMode }, georgian(1)).map((n) => n.key);
    expect(keys('polling')).toEqual(['receiptsPolling']);
    expect(keys('none')).toEqual(['receiptsNone']);
    expect(keys('carrier_pigeon')).toEqual(['receiptsOther']);
    expect(constraintNotes({ ...DIRECT, duplicateWindowSeconds: 900 }, georgian(1))).toEqual([
      { code: 'duplicate_window', key: 'duplicateMinutes', params: { n: 15 }, plural: 15, severity: 'warn' },
    ]);
  });
});

describe('every sentence the mapping can produce exists in Georgian and English', () => {
  const notes: RouteNote[] = [
    ...constraintNotes(
      { maxChars: { gsm7: 10, ucs2: 10 }, duplicateWindowSeconds: 600, senderMayBeReplaced: true, receiptMode: 'x' },
      georgian(1),
    ),
    ...constraintNotes({ ...RESERVE, receiptMode: 'none' }, { encoding: 'gsm7', characters: 1 }),
    ...constraintNotes({ ...RESERVE, receiptMode: 'polling' }, georgian(1)),
    ...(
      [
        { code: 'too_long', limit: 1 },
        { code: 'duplicate_window', hours: 1 },
        { code: 'sender_override_not_allowed' },
        { code: 'channel_down' },
        { code: 'circuit_open' },
        { code: 'unknown', message: 'm' },
      ] as const
    ).flatMap((r) => [refusalNote(r, georgian(1)), refusalNote(r, { encoding: 'gsm7', characters: 1 })]),
  ];
  const lookup = (messages: object, path: string): unknown =>
    path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

  it.each([
    ['ka', ka],
    ['en', en],
  ])('%s', (_, messages) => {
    for (const note of notes) expect(typeof lookup(messages, `route.note.${note.key}`), note.key).toBe('string');
    for (const blocked of ['refused', 'waits', 'unclear'])
      expect(typeof lookup(messages, `route.blocked.${blocked}`)).toBe('string');
    for (const carrier of ['direct', 'reserve', 'none'])
      expect(typeof lookup(messages, `route.carrier.${carrier}`)).toBe('string');
  });
});
