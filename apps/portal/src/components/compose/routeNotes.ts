import type { OperatorCode } from '@mtredi/api-contract';
import type { RouteAnswer, RouteConstraints, RouteRefusal } from '../../api/analyze.js';

type Encoding = 'gsm7' | 'ucs2';

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
  /** Whether the operator's direct channel or a reserve would carry it (the API's `role`); null when none can. */
  carrier: 'direct' | 'reserve' | null;
  /**
   * When no channel can take it: 'refused' when no channel ever could (the send is refused before charging),
   * 'waits' when one could once it recovers (the send is accepted and waits).
   */
  blocked: 'refused' | 'waits' | null;
  notes: RouteNote[];
}

/** The characters and encoding of the text as it will be sent (the composer's own analysis). */
export interface TextFacts {
  encoding: Encoding;
  characters: number;
}

/** A channel below this many characters is a limit worth telling (the direct channels carry 1000); as the API. */
const UNLIMITED = 1000;

/**
 * Why one channel refuses the message, from the API's code and parameters. A code this portal does not know,
 * or one without the parameters its sentence needs, is shown as the API's own sentence.
 */
export function refusalNote(refusal: RouteRefusal, text: TextFacts): RouteNote {
  switch (refusal.code) {
    case 'routing/too_long': {
      if (refusal.limit === undefined) break;
      // The API's count is of the text it analysed, the one this refusal is about.
      const encoding = refusal.encoding ?? text.encoding;
      return {
        code: 'too_long',
        key: `tooLong.${encoding}`,
        params: { limit: refusal.limit, n: refusal.characters ?? text.characters },
        severity: 'error',
      };
    }
    case 'routing/duplicate_window': {
      if (refusal.windowSeconds === undefined) break;
      const { key, n } = windowIn(refusal.windowSeconds, 'repeatHours', 'repeatMinutes');
      return { code: 'duplicate_window', key, params: { n }, plural: n, severity: 'error' };
    }
    case 'routing/sender_override_not_allowed':
      return { code: 'sender_override_not_allowed', key: 'senderNotAllowed', params: {}, severity: 'error' };
    case 'routing/channel_down':
      return { code: 'channel_down', key: 'channelDown', params: {}, severity: 'warn' };
    case 'routing/circuit_open':
      return { code: 'circuit_open', key: 'circuitOpen', params: {}, severity: 'warn' };
  }
  return unknownNote(refusal.message, 'warn');
}

/** A window in whole hours, or in minutes (at least one) when shorter than an hour. */
function windowIn(seconds: number, hoursKey: string, minutesKey: string): { key: string; n: number } {
  const hours = Math.round(seconds / 3600);
  return hours >= 1 ? { key: hoursKey, n: hours } : { key: minutesKey, n: Math.max(1, Math.round(seconds / 60)) };
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
    const { key, n } = windowIn(c.duplicateWindowSeconds, 'duplicateHours', 'duplicateMinutes');
    notes.push({ code: 'duplicate_window', key, params: { n }, plural: n, severity: 'warn' });
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

/** The composer's view of the analyze answer's route, for the text as it will be sent. */
export function routeView(route: RouteAnswer, text: TextFacts): RouteView {
  if (route.plan === 'route') {
    return {
      operator: route.operator,
      carrier: route.role,
      blocked: null,
      // Without constraints only the API's sentences are known.
      notes: route.constraints
        ? constraintNotes(route.constraints, text)
        : route.warnings.map((w) => unknownNote(w, 'warn')),
    };
  }
  // Shortening to the longest limit any channel allows is enough: say only that one.
  const longest = Math.max(0, ...route.refusals.map((r) => (r.code === 'routing/too_long' ? (r.limit ?? 0) : 0)));
  const kept = route.refusals.filter((r) => r.code !== 'routing/too_long' || (r.limit ?? 0) === longest);
  return {
    operator: route.operator,
    carrier: null,
    // No refusal at all means no channel serves the operator: the API plans it impossible, and refuses a send.
    blocked: route.plan === 'impossible' ? 'refused' : 'waits',
    notes: dedupe(kept.map((r) => refusalNote(r, text))),
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
