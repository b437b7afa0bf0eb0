import { RouteAnswer, type RouteConstraints, type RouteRefusal } from '@mtredi/api-contract';
import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { ka } from '../../i18n/ka.js';
import { constraintNotes, type RouteNote, refusalNote, routeView } from './routeNotes.js';

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

/** Refusals as the API writes them: a code, the channel, an English sentence, the parameters of the reason. */
const tooLong = (channel: string, limit: number, characters: number, encoding: 'gsm7' | 'ucs2' = 'ucs2') => ({
  code: 'routing/too_long',
  channel,
  message: `${channel} carries at most ${limit} characters in this encoding`,
  limit,
  characters,
  encoding,
});
const repeat = (channel: string, windowSeconds: number) => ({
  code: 'routing/duplicate_window',
  channel,
  message: `${channel} drops the same text to the same number within ${Math.round(windowSeconds / 3600)} h`,
  windowSeconds,
});
const bare = (code: string, channel: string) => ({ code, channel, message: `${channel}: ${code}` });
/** A refused or waiting route, checked against the API contract so that these cases stay answers it can give. */
const blocked = (plan: 'impossible' | 'wait', refusals: RouteRefusal[]): RouteAnswer =>
  RouteAnswer.parse({
    operator: 'magti',
    plan,
    channel: null,
    role: null,
    refusals,
    warnings: refusals.map((r) => r.message),
  });
const routed = (role: 'direct' | 'reserve', constraints: RouteConstraints, warnings: string[] = []): RouteAnswer =>
  RouteAnswer.parse({
    operator: 'magti',
    plan: 'route',
    channel: 'Some channel',
    role,
    constraints,
    refusals: [],
    warnings,
  });

describe('a refusal code and its parameters → a note', () => {
  it.each([
    [
      tooLong('R', 320, 400),
      { code: 'too_long', key: 'tooLong.ucs2', params: { limit: 320, n: 400 }, severity: 'error' },
    ],
    [
      tooLong('R', 480, 500, 'gsm7'),
      { code: 'too_long', key: 'tooLong.gsm7', params: { limit: 480, n: 500 }, severity: 'error' },
    ],
    [
      repeat('R', 10_800),
      { code: 'duplicate_window', key: 'repeatHours', params: { n: 3 }, plural: 3, severity: 'error' },
    ],
    [
      repeat('R', 600),
      { code: 'duplicate_window', key: 'repeatMinutes', params: { n: 10 }, plural: 10, severity: 'error' },
    ],
    [
      bare('routing/sender_override_not_allowed', 'R'),
      { code: 'sender_override_not_allowed', key: 'senderNotAllowed', params: {}, severity: 'error' },
    ],
    [bare('routing/channel_down', 'R'), { code: 'channel_down', key: 'channelDown', params: {}, severity: 'warn' }],
    [bare('routing/circuit_open', 'R'), { code: 'circuit_open', key: 'circuitOpen', params: {}, severity: 'warn' }],
  ] as [RouteRefusal, RouteNote][])('%o', (refusal, note) => {
    // The composer's own count differs: the note tells the numbers of the text the API refused.
    expect(refusalNote(refusal, georgian(1))).toEqual(note);
  });

  it('the channel name is never read: a name with the words of another reason changes nothing', () => {
    expect(refusalNote({ ...bare('routing/circuit_open', 'Reserve (is down)') }, georgian(1)).code).toBe(
      'circuit_open',
    );
  });

  it('an unknown code, or a known one without its parameters, shows the API sentence', () => {
    const unknown = { code: 'routing/maintenance', channel: 'R', message: 'R is closed for maintenance' };
    expect(refusalNote(unknown, georgian(1))).toEqual({
      code: 'unknown',
      key: 'unknown',
      params: {},
      severity: 'warn',
      message: 'R is closed for maintenance',
    });
    expect(refusalNote(bare('routing/too_long', 'R'), georgian(1))).toMatchObject({ key: 'unknown' });
    expect(refusalNote(bare('routing/duplicate_window', 'R'), georgian(1))).toMatchObject({ key: 'unknown' });
  });

  it('a too_long without the API count or encoding uses the composer text', () => {
    const { characters: _, encoding: __, ...limitOnly } = tooLong('R', 320, 400);
    expect(refusalNote(limitOnly, { encoding: 'gsm7', characters: 12 }).params).toEqual({ limit: 320, n: 12 });
    expect(refusalNote(limitOnly, { encoding: 'gsm7', characters: 12 }).key).toBe('tooLong.gsm7');
  });
});

describe('route answer → what the composer says', () => {
  it('a 400-character Georgian text the 320-limit reserve refuses: refused, with the limit and the count', () => {
    expect(routeView(blocked('impossible', [tooLong('Reserve', 320, 400)]), georgian(400))).toEqual({
      operator: 'magti',
      carrier: null,
      blocked: 'refused',
      notes: [
        { code: 'too_long', key: 'tooLong.ucs2', params: { limit: 320, n: 400 }, severity: 'error' },
      ] satisfies RouteNote[],
    });
  });

  it('direct down and the text too long for the reserve: it waits, and only the longest limit is told', () => {
    const route = blocked('wait', [
      bare('routing/channel_down', 'Direct'),
      tooLong('Reserve', 320, 500, 'gsm7'),
      tooLong('Reserve 2', 160, 500, 'gsm7'),
    ]);
    const view = routeView(route, { encoding: 'gsm7', characters: 500 });
    expect(view.blocked).toBe('waits');
    expect(view.notes.map((n) => [n.key, n.params])).toEqual([
      ['channelDown', {}],
      ['tooLong.gsm7', { limit: 320, n: 500 }],
    ]);
  });

  it('the plan decides refused or waits, even when the reasons are unknown here', () => {
    const unknown = { code: 'routing/new_reason', channel: 'X', message: 'Something new' };
    expect(routeView(blocked('impossible', [unknown]), georgian(5)).blocked).toBe('refused');
    const waits = routeView(blocked('wait', [unknown]), georgian(5));
    expect(waits.blocked).toBe('waits');
    expect(waits.notes).toEqual([
      { code: 'unknown', key: 'unknown', params: {}, severity: 'warn', message: 'Something new' },
    ]);
  });

  it('a repeat inside the window and a sender the channel would replace: refused, one note each', () => {
    const route = blocked('impossible', [
      repeat('A', 10_800),
      bare('routing/sender_override_not_allowed', 'B'),
      repeat('C', 10_800),
    ]);
    const view = routeView(route, georgian(20));
    expect(view.blocked).toBe('refused');
    expect(view.notes.map((n) => [n.key, n.plural])).toEqual([
      ['repeatHours', 3],
      ['senderNotAllowed', undefined],
    ]);
  });

  it('no channel on the route at all: the API plans it impossible, the composer says refused', () => {
    expect(routeView(blocked('impossible', []), georgian(5))).toEqual({
      operator: 'magti',
      carrier: null,
      blocked: 'refused',
      notes: [],
    });
  });

  it('a reserve carries it: the role from the API, the limit as information, the window, the sender', () => {
    const view = routeView(routed('reserve', RESERVE, ['…']), georgian(45));
    expect(view).toMatchObject({ carrier: 'reserve', blocked: null });
    expect(view.notes).toEqual([
      { code: 'length_limit', key: 'lengthLimit.ucs2', params: { limit: 320, n: 45 }, severity: 'info' },
      { code: 'duplicate_window', key: 'duplicateHours', params: { n: 3 }, plural: 3, severity: 'warn' },
      { code: 'sender_replaced', key: 'senderReplaced', params: {}, severity: 'warn' },
    ]);
  });

  it('the class is the role the API gives, not guessed from the constraints', () => {
    expect(routeView(routed('direct', DIRECT), georgian(400))).toEqual({
      operator: 'magti',
      carrier: 'direct',
      blocked: null,
      notes: [],
    });
    expect(routeView(routed('reserve', DIRECT), georgian(400))).toMatchObject({ carrier: 'reserve', notes: [] });
    expect(routeView(routed('direct', RESERVE), georgian(10)).carrier).toBe('direct');
  });

  it('a channel without constraints: the API sentences as they are', () => {
    const route = RouteAnswer.parse({
      operator: 'silknet',
      plan: 'route',
      channel: 'C',
      role: 'reserve',
      refusals: [],
      warnings: ['C is special'],
    });
    expect(routeView(route, georgian(1)).notes).toEqual([
      { code: 'unknown', key: 'unknown', params: {}, severity: 'warn', message: 'C is special' },
    ]);
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
    ...[
      tooLong('R', 1, 2, 'ucs2'),
      tooLong('R', 1, 2, 'gsm7'),
      repeat('R', 3600),
      repeat('R', 60),
      bare('routing/sender_override_not_allowed', 'R'),
      bare('routing/channel_down', 'R'),
      bare('routing/circuit_open', 'R'),
      bare('routing/other', 'R'),
    ].map((r) => refusalNote(r, georgian(1))),
  ];
  const lookup = (messages: object, path: string): unknown =>
    path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

  it.each([
    ['ka', ka],
    ['en', en],
  ])('%s', (_, messages) => {
    for (const note of notes) expect(typeof lookup(messages, `route.note.${note.key}`), note.key).toBe('string');
    for (const blocked of ['refused', 'waits'])
      expect(typeof lookup(messages, `route.blocked.${blocked}`)).toBe('string');
    for (const carrier of ['direct', 'reserve', 'none'])
      expect(typeof lookup(messages, `route.carrier.${carrier}`)).toBe('string');
  });
});
