import type { OperatorCode } from '@mtredi/api-contract';
import type { RouteAnswer, RouteConstraints } from '../../api/analyze.js';

type Encoding = 'gsm7' | 'ucs2';

/** Why a channel refuses the message, decoded from the API's sentence; `unknown` keeps the sentence. */
export type RouteReason =
  | { code: 'too_long'; limit: number }
  | { code: 'duplicate_window'; hours: number }
  | { code: 'sender_override_not_allowed' }
  | { code: 'channel_down' }
  | { code: 'circuit_open' }
  | { code: 'unknown'; message: string };

/** One sentence the composer shows: an i18n key under `route.note`, its parameters, how loud. */
export interface RouteNote {
  code: string;
  key: string;
  params: Record<string, number>;
  /** For keys with singular and plural forms. */
  plural?: number;
  severity: 'error' | 'warn' | 'info';
  /** The API's own sentence, shown when the code is not known here. */
  message?: string;
}

export interface RouteView {
  operator: OperatorCode;
  /** The class of channel that would carry it: 'reserve' when it imposes anything; null when none can. */
  carrier: 'direct' | 'reserve' | null;
  /**
   * When no channel can take it: 'refused' when every refusal is lasting (the send is refused before
   * charging), 'waits' when a channel is only down or paused (the send is accepted and waits), else 'unclear'.
   */
  blocked: 'refused' | 'waits' | 'unclear' | null;
  notes: RouteNote[];
}

/** The characters and encoding of the text as it will be sent (the composer's own analysis). */
export interface TextFacts {
  encoding: Encoding;
  characters: number;
}

/** A channel below this many characters is a limit worth telling (the direct channels carry 1000); as the API. */
const UNLIMITED = 1000;

/*
 * The API answers a refused route with the sentences of describeRefusal (apps/api routing/route-planner.ts)
 * and no codes; these patterns read them back. A sentence that matches none is shown as the API wrote it.
 */
const PATTERNS: { pattern: RegExp; reason: (m: RegExpMatchArray) => RouteReason }[] = [
  {
    pattern: / carries at most (\d+) characters in this encoding$/,
    reason: (m) => ({ code: 'too_long', limit: Number(m[1]) }),
  },
  {
    pattern: / drops the same text to the same number within (\d+) h$/,
    // Under an hour the API rounds to "0 h": its own sentence then says more than "0 hours" would.
    reason: (m) =>
      Number(m[1]) >= 1
        ? { code: 'duplicate_window', hours: Number(m[1]) }
        : { code: 'unknown', message: m.input ?? '' },
  },
  {
    pattern: / may replace the sender name and is not allowed to$/,
    reason: () => ({ code: 'sender_override_not_allowed' }),
  },
  { pattern: / is down$/, reason: () => ({ code: 'channel_down' }) },
  { pattern: / is failing and paused$/, reason: () => ({ code: 'circuit_open' }) },
];

export function refusalReason(sentence: string): RouteReason {
  for (const { pattern, reason } of PATTERNS) {
    const match = sentence.match(pattern);
    if (match) return reason(match);
  }
  return { code: 'unknown', message: sentence };
}

/** Why the message cannot go, one note per reason. */
export function refusalNote(reason: RouteReason, text: TextFacts): RouteNote {
  switch (reason.code) {
    case 'too_long':
      return {
        code: reason.code,
        key: `tooLong.${text.encoding}`,
        params: { limit: reason.limit, n: text.characters },
        severity: 'error',
      };
    case 'duplicate_window':
      return {
        code: reason.code,
        key: 'repeatHours',
        params: { n: reason.hours },
        plural: reason.hours,
        severity: 'error',
      };
    case 'sender_override_not_allowed':
      return { code: reason.code, key: 'senderNotAllowed', params: {}, severity: 'error' };
    case 'channel_down':
      return { code: reason.code, key: 'channelDown', params: {}, severity: 'warn' };
    case 'circuit_open':
      return { code: reason.code, key: 'circuitOpen', params: {}, severity: 'warn' };
    case 'unknown':
      return unknownNote(reason.message, 'warn');
  }
}

function unknownNote(message: string, severity: RouteNote['severity']): RouteNote {
  return { code: 'unknown', key: 'unknown', params: {}, severity, message };
}

/** What the channel that will carry the message imposes on it. */
export function constraintNotes(c: RouteConstraints, text: TextFacts): RouteNote[] {
  const notes: RouteNote[] = [];
  const limit = c.maxChars[text.encoding];
  if (limit < UNLIMITED)
    notes.push({
      code: 'length_limit',
      key: `lengthLimit.${text.encoding}`,
      params: { limit, n: text.characters },
      severity: 'info',
    });
  if (c.duplicateWindowSeconds > 0) {
    const hours = Math.round(c.duplicateWindowSeconds / 3600);
    notes.push(
      hours >= 1
        ? { code: 'duplicate_window', key: 'duplicateHours', params: { n: hours }, plural: hours, severity: 'warn' }
        : {
            code: 'duplicate_window',
            key: 'duplicateMinutes',
            params: { n: Math.max(1, Math.round(c.duplicateWindowSeconds / 60)) },
            plural: Math.max(1, Math.round(c.duplicateWindowSeconds / 60)),
            severity: 'warn',
          },
    );
  }
  if (c.senderMayBeReplaced)
    notes.push({ code: 'sender_replaced', key: 'senderReplaced', params: {}, severity: 'warn' });
  if (c.receiptMode !== 'realtime') {
    const key =
      c.receiptMode === 'none' ? 'receiptsNone' : c.receiptMode === 'polling' ? 'receiptsPolling' : 'receiptsOther';
    notes.push({ code: `receipts_${c.receiptMode}`, key, params: {}, severity: 'warn' });
  }
  return notes;
}

function imposesAnything(c: RouteConstraints): boolean {
  return (
    c.maxChars.gsm7 < UNLIMITED ||
    c.maxChars.ucs2 < UNLIMITED ||
    c.duplicateWindowSeconds > 0 ||
    c.senderMayBeReplaced ||
    c.receiptMode !== 'realtime'
  );
}

/** The composer's view of the analyze answer's route, for the text as it will be sent. */
export function routeView(route: RouteAnswer, text: TextFacts): RouteView {
  if (route.channel !== null && route.constraints) {
    const c = route.constraints;
    return {
      operator: route.operator,
      carrier: imposesAnything(c) ? 'reserve' : 'direct',
      blocked: null,
      notes: constraintNotes(c, text),
    };
  }
  if (route.channel !== null) {
    // A channel but no constraints: only the API's sentences are known.
    return {
      operator: route.operator,
      carrier: route.warnings.length ? 'reserve' : 'direct',
      blocked: null,
      notes: route.warnings.map((w) => unknownNote(w, 'warn')),
    };
  }
  const reasons = route.warnings.map(refusalReason);
  // Shortening to the longest limit any channel allows is enough: say only that one.
  const longest = Math.max(0, ...reasons.map((r) => (r.code === 'too_long' ? r.limit : 0)));
  const kept = reasons.filter((r) => r.code !== 'too_long' || r.limit === longest);
  const notes = dedupe(kept.map((r) => refusalNote(r, text)));
  const lasting = reasons.every((r) => r.code !== 'unknown' && r.code !== 'channel_down' && r.code !== 'circuit_open');
  const passing = reasons.some((r) => r.code === 'channel_down' || r.code === 'circuit_open');
  return {
    operator: route.operator,
    carrier: null,
    // No reason at all means no channel serves the operator: the API refuses such a send too.
    blocked: lasting ? 'refused' : passing ? 'waits' : 'unclear',
    notes,
  };
}

function dedupe(notes: RouteNote[]): RouteNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const id = `${n.key}|${JSON.stringify(n.params)}|${n.message ?? ''}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
