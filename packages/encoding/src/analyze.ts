import { ucs2Forcers } from './detect.js';
import { replaceLookalikes } from './lookalikes.js';
import { measure } from './measure.js';
import { hasGeorgian, transliterate } from './transliterate.js';
import type { AnalyzeOptions, ConcatReference, Replacement, Saving, TextAnalysis } from './types.js';

/**
 * Everything the portal shows while the customer types and the server charges for: encoding, units,
 * parts, room left, cost, the characters that forced UCS-2, and what transliteration or look-alike
 * replacement would give. Look-alikes are replaced before transliteration, so replacement indices
 * refer to the input text.
 * @throws InvalidTextError when the text holds a lone surrogate.
 */
export function analyze(input: string, options?: AnalyzeOptions): TextAnalysis {
  const concat = options?.concatReference ?? '8bit';
  const scheme = options?.transliterate ?? 'none';
  const replacing = options?.replaceLookalikes ?? false;
  let text = input;
  let replacements: Replacement[] = [];
  if (replacing) ({ text, replacements } = replaceLookalikes(text));
  if (scheme !== 'none') text = transliterate(text, scheme);

  const m = measure(text, concat);
  const analysis: TextAnalysis = {
    text,
    encoding: m.encoding,
    characters: m.characters,
    units: m.units,
    parts: m.parts,
    unitsPerPart: m.unitsPerPart,
    unitsLeftInLastPart: m.unitsLeftInLastPart,
    ucs2Forcers: [],
    cost: m.parts * (options?.creditsPerPart ?? 1),
    replacements,
    savings: {},
  };
  // GSM-7 text has nothing to force UCS-2 and nothing to save: the hot path ends here.
  if (m.encoding === 'gsm7') return analysis;

  analysis.ucs2Forcers = ucs2Forcers(text);
  const suggested = options?.suggestedScheme ?? 'national_apostrophe';
  const canTransliterate = scheme === 'none' && hasGeorgian(text);
  const lookalikes = replacing ? null : replaceLookalikes(text);
  if (canTransliterate) {
    analysis.savings.transliteration = saving(transliterate(text, suggested), concat);
  }
  if (lookalikes !== null && lookalikes.replacements.length > 0) {
    analysis.savings.lookalikes = saving(lookalikes.text, concat);
    if (canTransliterate) analysis.savings.combined = saving(transliterate(lookalikes.text, suggested), concat);
  }
  return analysis;
}

function saving(text: string, concat: ConcatReference): Saving {
  return { parts: measure(text, concat).parts, text };
}
