import {
  analyze,
  type Replacement,
  replaceLookalikes,
  type TextAnalysis,
  type TransliterationScheme,
} from '@mtredi/encoding';

/** The composer's two text options, as the customer set them. */
export interface TextOptionsState {
  transliterate: boolean;
  scheme: TransliterationScheme;
  replaceLookalikes: boolean;
}

export const SCHEMES: readonly TransliterationScheme[] = ['national', 'national_apostrophe', 'latin_georgian'];

/** The text as it will be charged and sent, or null while it holds a lone surrogate (the server refuses it too). */
export function analyzeWith(text: string, options: TextOptionsState): TextAnalysis | null {
  try {
    return analyze(text, {
      transliterate: options.transliterate ? options.scheme : 'none',
      replaceLookalikes: options.replaceLookalikes,
      suggestedScheme: options.scheme,
    });
  } catch {
    return null;
  }
}

export type Suggestion = 'transliterate' | 'lookalikes' | 'both';

/**
 * Which option to suggest, from the savings of the options not yet turned on: only when it lowers the
 * part count, the single option that saves the most first, both together only when neither alone helps.
 */
export function suggestion(analysis: TextAnalysis | null): { kind: Suggestion; parts: number } | null {
  if (!analysis) return null;
  const { transliteration, lookalikes, combined } = analysis.savings;
  const candidates: { kind: Suggestion; parts: number }[] = [];
  if (transliteration) candidates.push({ kind: 'transliterate', parts: transliteration.parts });
  if (lookalikes) candidates.push({ kind: 'lookalikes', parts: lookalikes.parts });
  if (combined) candidates.push({ kind: 'both', parts: combined.parts });
  const saving = candidates.filter((c) => c.parts < analysis.parts).sort((a, b) => a.parts - b.parts);
  const best = saving[0];
  if (!best) return null;
  // Prefer one switch to two when it saves as much.
  return saving.find((c) => c.kind !== 'both' && c.parts === best.parts) ?? best;
}

export type SegmentKind = 'plain' | 'letter' | 'symbol' | 'lookalike';

export interface PreviewSegment {
  text: string;
  kind: SegmentKind;
  /** For a look-alike: the GSM character(s) it would be replaced by. */
  replacement?: string;
}

const LETTER = /^\p{L}/u;

/**
 * Splits the text into runs for the preview: characters that force UCS-2 are marked, letters of another
 * script (Georgian) apart from stray symbols, and look-alikes that the replacement option would fix.
 * Indices are UTF-16 code units, as `ucs2Forcers` gives them.
 */
export function previewSegments(text: string, forcers: TextAnalysis['ucs2Forcers']): PreviewSegment[] {
  const marks = new Map<number, { char: string; kind: SegmentKind; replacement?: string }>();
  for (const f of forcers) marks.set(f.index, { char: f.char, kind: LETTER.test(f.char) ? 'letter' : 'symbol' });
  for (const r of lookalikesIn(text)) {
    const mark = marks.get(r.index);
    if (mark) Object.assign(mark, { kind: 'lookalike', replacement: r.to });
  }
  const segments: PreviewSegment[] = [];
  let plainStart = 0;
  const push = (segment: PreviewSegment): void => {
    const last = segments.at(-1);
    // Runs of plain text or of letters read as words; symbols stay one by one, each with its own hint.
    if (last && last.kind === segment.kind && (segment.kind === 'plain' || segment.kind === 'letter')) {
      last.text += segment.text;
    } else segments.push(segment);
  };
  for (const index of [...marks.keys()].sort((a, b) => a - b)) {
    const mark = marks.get(index);
    if (!mark || index < plainStart) continue;
    if (index > plainStart) push({ text: text.slice(plainStart, index), kind: 'plain' });
    push({
      text: mark.char,
      kind: mark.kind,
      ...(mark.replacement !== undefined ? { replacement: mark.replacement } : {}),
    });
    plainStart = index + mark.char.length;
  }
  if (plainStart < text.length) push({ text: text.slice(plainStart), kind: 'plain' });
  return segments;
}

function lookalikesIn(text: string): Replacement[] {
  try {
    return replaceLookalikes(text).replacements;
  } catch {
    return [];
  }
}

/** Each distinct replacement once, with how often it occurs: `“ → "` ×2. */
export function groupReplacements(replacements: Replacement[]): { from: string; to: string; count: number }[] {
  const groups = new Map<string, { from: string; to: string; count: number }>();
  for (const r of replacements) {
    const key = `${r.from}\u0000${r.to}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { from: r.from, to: r.to, count: 1 });
  }
  return [...groups.values()];
}
