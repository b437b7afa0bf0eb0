import { decodeParts, detectEncoding, split } from '@mtredi/encoding';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTHORIZATION_EVENTS,
  AUTHORIZATION_STATES,
  type AuthorizationEvent,
  type AuthorizationState,
  applyEvent,
  canSendTo,
  replayHistory,
  type TransitionRecord,
} from './authorization.js';
import { isLegalFormOrConnector } from './company.js';
import { SenderAuthError } from './errors.js';
import { evaluateSenderRequest } from './evaluate.js';
import { DEFAULT_GENERIC_NAMES, isGenericName } from './generic.js';
import { MAX_EXPLANATION_LENGTH, matchOrganization } from './match.js';
import { compact } from './normalize.js';
import { OPERATORS } from './operators.js';
import { checkSenderName } from './rules.js';
import { suggestSenderNames } from './suggest.js';

const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'];
const DIGITS = [...'0123456789'];
const OTHERS = ['&', '_', '@', '$', '’', 'é', 'თ', 'Ა', '\u00a0', '\t', '😀', '#', '/', '!', '\u200b'];

/** Mostly allowed characters, so that plenty of names pass and plenty fail by one character. */
const nameChar = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...LETTERS, ...DIGITS) },
  { weight: 2, arbitrary: fc.constantFrom(' ', '.', '-') },
  { weight: 1, arbitrary: fc.constantFrom(...OTHERS) },
);
const candidateName = fc.array(nameChar, { minLength: 0, maxLength: 14 }).map((c) => c.join(''));

/** The rules restated independently: 3–11 of [A-Za-z0-9 .-], inner single spaces, a letter somewhere. */
function oracle(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9 .-]{1,9}[A-Za-z0-9]$/.test(name) && !name.includes('  ') && /[A-Za-z]/.test(name);
}

const word = fc
  .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), { minLength: 2, maxLength: 9 })
  .map((c) => c.join(''))
  // A word that is also a legal form ("bv", "sa") or a connector ("of") is read as one, which is right for
  // real company names and not what these properties are about.
  .filter((w) => !isLegalFormOrConnector(w));
const capitalized = word.map((w) => w.charAt(0).toUpperCase() + w.slice(1));
const company = fc.record({
  words: fc.array(capitalized, { minLength: 1, maxLength: 5 }),
  legal: fc.constantFrom('', ' LLC', ' Ltd.', 'შპს ', ' JSC'),
});
const companyName = ({ words, legal }: { words: string[]; legal: string }) =>
  legal.endsWith(' ') ? `${legal}${words.join(' ')}` : `${words.join(' ')}${legal}`;

describe('properties', () => {
  it('the rules agree with an independent statement of them, and never throw', () => {
    fc.assert(
      fc.property(candidateName, (name) => {
        expect(checkSenderName(name).length === 0).toBe(oracle(name));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (name) => {
        const chars = Array.from(name);
        for (const v of checkSenderName(name)) {
          if (v.position === undefined) continue;
          expect(v.position).toBeGreaterThanOrEqual(1);
          expect(chars[v.position - 1]).toBe(v.char);
        }
      }),
    );
  });

  it('every name the rules accept round-trips unchanged through GSM-7, one septet per character', () => {
    let accepted = 0;
    fc.assert(
      fc.property(candidateName, (name) => {
        if (checkSenderName(name).length > 0) return;
        accepted++;
        expect(detectEncoding(name)).toBe('gsm7');
        for (const packed of [false, true]) {
          const parts = split(name, { packed });
          expect(parts).toHaveLength(1);
          expect(parts[0]?.dataCoding).toBe(0);
          expect(parts[0]?.units ?? parts[0]?.payload.length).toBe(name.length);
          expect(decodeParts(parts)).toBe(name);
        }
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(500);
  });

  it('the state machine never reaches an undefined state from any sequence of events', () => {
    const event = fc.record({
      type: fc.constantFrom(...AUTHORIZATION_EVENTS),
      reason: fc.option(fc.constantFrom('', '  ', 'operator refused', 'emergency'), { nil: undefined }),
    }) as fc.Arbitrary<AuthorizationEvent>;
    const actor = fc.record({
      kind: fc.constantFrom('customer', 'staff', 'operator', 'system' as const),
      id: fc.option(fc.string({ maxLength: 4 }), { nil: null }),
    });
    const step = fc.tuple(fc.constantFrom(...OPERATORS), event, actor);
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const states: Record<(typeof OPERATORS)[number], AuthorizationState> = {
          magti: 'requested',
          silknet: 'requested',
          cellfie: 'requested',
        };
        const history: TransitionRecord[] = [];
        for (const [operator, e, who] of steps) {
          const before = states[operator];
          try {
            const record = applyEvent(before, operator, e, who, new Date(0));
            expect(AUTHORIZATION_STATES).toContain(record.to);
            expect(record.from).toBe(before);
            states[operator] = record.to;
            history.push(record);
          } catch (error) {
            expect(error).toBeInstanceOf(SenderAuthError);
            expect(states[operator]).toBe(before);
          }
        }
        expect(replayHistory(history)).toEqual(states);
        for (const operator of OPERATORS) expect(canSendTo(states, operator)).toBe(states[operator] === 'active');
      }),
      { numRuns: 2000 },
    );
  });

  it('matching never throws, and its verdict and explanation are consistent', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 80 }),
        fc.option(fc.string({ maxLength: 40 }), { nil: null }),
        (name, companyName, website) => {
          const result = matchOrganization(name, { companyName, website });
          expect(result.matches).toBe(result.basis !== null);
          expect(result.explanation.length).toBeGreaterThan(0);
          expect(Array.from(result.explanation).length).toBeLessThanOrEqual(MAX_EXPLANATION_LENGTH);
        },
      ),
    );
  });

  it('the company name, its initials and starts of its words always match, in any case and spacing', () => {
    const abbreviation = company.chain((c) =>
      fc
        .tuple(...c.words.map((w, i) => fc.integer({ min: i === 0 ? 1 : 0, max: w.length }).map((n) => w.slice(0, n))))
        .map((pieces) => ({ c, name: pieces.join('') })),
    );
    fc.assert(
      fc.property(abbreviation, fc.boolean(), ({ c, name }, upper) => {
        const org = { companyName: companyName(c) };
        expect(matchOrganization(upper ? name.toUpperCase() : name, org).matches).toBe(true);
        expect(matchOrganization(c.words.join(' '), org).basis).toBe('company_name');
        expect(matchOrganization(c.words.join('.').toLowerCase(), org).basis).toBe('company_name');
        if (c.words.length >= 2) {
          expect(matchOrganization(c.words.map((w) => w[0]).join(''), org).matches).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a name whose letters are not in the company name in order never matches it', () => {
    let checked = 0;
    fc.assert(
      fc.property(company, word, (c, name) => {
        const letters = compact(companyName(c));
        let at = 0;
        for (const ch of name) {
          at = letters.indexOf(ch, at) + 1;
          if (at === 0) break;
        }
        if (at !== 0) return;
        checked++;
        expect(matchOrganization(name, { companyName: companyName(c) }).matches).toBe(false);
      }),
      { numRuns: 500 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('a Georgian company name in Mtavruli matches exactly as in Mkhedruli', () => {
    const georgian = fc
      .array(
        fc.array(
          fc.integer({ min: 0, max: 32 }).map((i) => String.fromCharCode(0x10d0 + i)),
          { minLength: 2, maxLength: 8 },
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((ws) => ws.map((w) => w.join('')).join(' '));
    const mtavruli = (text: string) =>
      text.replace(/[\u10d0-\u10f0]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xbc0));
    fc.assert(
      fc.property(georgian, candidateName, (name, sender) => {
        const a = matchOrganization(sender, { companyName: name });
        const b = matchOrganization(sender, { companyName: mtavruli(name) });
        expect(b.basis).toBe(a.basis);
      }),
    );
  });

  it('generic names stay generic in any case and with spaces or dots between letters', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DEFAULT_GENERIC_NAMES),
        fc.array(fc.constantFrom('', ' ', '.', '-')),
        (g, seps) => {
          const disguised = Array.from(g)
            .map((ch, i) => (i % 2 ? ch.toUpperCase() : ch.toLowerCase()) + (seps[i] ?? ''))
            .join('');
          expect(isGenericName(disguised, DEFAULT_GENERIC_NAMES)).toBe(true);
        },
      ),
    );
  });

  it('every suggested name is acceptable for its organization', () => {
    const site = fc.option(
      fc.tuple(word, fc.constantFrom('.ge', '.com.ge', '.com', '')).map(([w, tld]) => `https://www.${w}${tld}/`),
      { nil: null },
    );
    fc.assert(
      fc.property(company, site, (c, website) => {
        const org = { companyName: companyName(c), website };
        for (const name of suggestSenderNames(org)) {
          expect(evaluateSenderRequest(name, org, DEFAULT_GENERIC_NAMES).acceptable, name).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
