import { transliterate } from '@mtredi/encoding';
import { InvalidSenderNameError } from './errors.js';

/** Seed: "The sender name must contain at least 3 and at most 11 characters". */
export const SENDER_NAME_MIN_LENGTH = 3;
/** 11 is also the ceiling of an alphanumeric TP-Originating-Address (3GPP TS 23.040 §9.1.2.5). */
export const SENDER_NAME_MAX_LENGTH = 11;

/**
 * Punctuation allowed besides Latin letters, digits and single inner spaces. Each sits at the same code in
 * ASCII and in the GSM 03.38 default alphabet, so an SMSC's ASCII→GSM mapping cannot garble it, and none is
 * on the forbidden lists seen in the market (`“ ” ‘ ’ & ^ # / ~ | \`, smsservice.ge). `@ $ _` differ
 * between ASCII and GSM and are left out.
 */
export const SENDER_NAME_PUNCTUATION = ['.', '-'] as const;

export type NameRule =
  | 'length'
  | 'character'
  | 'edge_space'
  | 'double_space'
  | 'edge_punctuation'
  | 'digits_only'
  | 'no_letter';

/** One broken rule; `position` is 1-based in characters (code points), `char` the offending character. */
export interface NameRuleViolation {
  rule: NameRule;
  message: string;
  position?: number;
  char?: string;
}

const ALLOWED = /^[A-Za-z0-9 .-]$/;
const LETTER = /^[A-Za-z]$/;
const DIGIT = /^[0-9]$/;
const GEORGIAN = /^[\u10a0-\u10ff\u1c90-\u1cbf\u2d00-\u2d2f]$/;
const ALLOWED_LIST = 'Latin letters A–Z, digits 0–9, single spaces, "." and "-"';

/**
 * Every rule the name breaks, in reading order ([] = valid). The name is checked exactly as given: no
 * trimming, no case change, since operators register and display it character for character.
 */
export function checkSenderName(name: string): NameRuleViolation[] {
  const chars = Array.from(name);
  const violations: NameRuleViolation[] = [];
  if (chars.length < SENDER_NAME_MIN_LENGTH || chars.length > SENDER_NAME_MAX_LENGTH) {
    const bound =
      chars.length < SENDER_NAME_MIN_LENGTH
        ? `at least ${SENDER_NAME_MIN_LENGTH}`
        : `at most ${SENDER_NAME_MAX_LENGTH}`;
    violations.push({
      rule: 'length',
      message: `The sender name has ${chars.length} character${chars.length === 1 ? '' : 's'}; it must have ${bound}`,
    });
  }
  let badCharacters = 0;
  chars.forEach((char, index) => {
    if (ALLOWED.test(char)) return;
    badCharacters++;
    violations.push({ rule: 'character', position: index + 1, char, message: characterMessage(char, index + 1) });
  });
  violations.push(...spacingViolations(chars));
  if (badCharacters === 0 && chars.length > 0) {
    // Only when every character is allowed: otherwise the character violations already say what is wrong.
    if (!chars.some((c) => LETTER.test(c))) {
      violations.push(
        chars.some((c) => DIGIT.test(c))
          ? {
              rule: 'digits_only',
              message: 'A sender name of digits only reads as a phone number; it must contain a Latin letter',
            }
          : { rule: 'no_letter', message: 'The sender name must contain at least one Latin letter' },
      );
    }
  }
  return violations.sort((a, b) => order(a) - order(b));
}

/** @throws InvalidSenderNameError listing every violation. */
export function assertSenderName(name: string): void {
  const violations = checkSenderName(name);
  if (violations.length > 0) throw new InvalidSenderNameError(violations);
}

/** Length first, then characters by position, then what the name as a whole lacks. */
function order(v: NameRuleViolation): number {
  return v.position ?? (v.rule === 'length' ? 0 : Number.MAX_SAFE_INTEGER);
}

function spacingViolations(chars: string[]): NameRuleViolation[] {
  const out: NameRuleViolation[] = [];
  const last = chars.length - 1;
  const isSpace = (c: string | undefined) => c !== undefined && /^\s$/u.test(c);
  if (isSpace(chars[0])) {
    out.push({
      rule: 'edge_space',
      position: 1,
      char: chars[0],
      message: 'The sender name must not begin with a space',
    });
  }
  if (last > 0 && isSpace(chars[last])) {
    out.push({
      rule: 'edge_space',
      position: last + 1,
      char: chars[last],
      message: 'The sender name must not end with a space',
    });
  }
  for (let i = 1; i < chars.length; i++) {
    if (chars[i] === ' ' && chars[i - 1] === ' ') {
      out.push({
        rule: 'double_space',
        position: i + 1,
        char: ' ',
        message: `Character ${i + 1} is a second space in a row; use one space between words`,
      });
    }
  }
  const punctuation = (c: string | undefined) =>
    c !== undefined && (SENDER_NAME_PUNCTUATION as readonly string[]).includes(c);
  if (punctuation(chars[0])) {
    out.push({
      rule: 'edge_punctuation',
      position: 1,
      char: chars[0],
      message: `The sender name must begin with a letter or digit, not "${chars[0]}"`,
    });
  }
  if (last > 0 && punctuation(chars[last])) {
    out.push({
      rule: 'edge_punctuation',
      position: last + 1,
      char: chars[last],
      message: `The sender name must end with a letter or digit, not "${chars[last]}"`,
    });
  }
  return out;
}

function characterMessage(char: string, position: number): string {
  const at = `Character ${position}`;
  if (GEORGIAN.test(char)) {
    const latin = transliterate(char, 'national');
    const hint = latin === char ? '' : ` (in Latin: "${latin}")`;
    return `${at} "${char}" is a Georgian letter; sender names are written in Latin letters${hint}`;
  }
  if (char === '\t' || char === '\n' || char === '\r')
    return `${at} is a tab or line break; only ${ALLOWED_LIST} are allowed`;
  if (/^\s$/u.test(char)) return `${at} is a special space (U+${hex(char)}); use an ordinary space`;
  const plain = char.normalize('NFKD').replace(/\p{M}/gu, '');
  if (plain !== char && /^[A-Za-z0-9]+$/.test(plain)) {
    return `${at} "${char}" is not a plain Latin letter or digit; write "${plain}"`;
  }
  if (/^\p{C}$/u.test(char)) return `${at} is an invisible control character (U+${hex(char)}); remove it`;
  return `${at} "${char}" is not allowed; use ${ALLOWED_LIST}`;
}

function hex(char: string): string {
  return (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
