export { analyze } from './analyze.js';
export { decodeParts } from './decode.js';
export { detectEncoding } from './detect.js';
export {
  InvalidOptionError,
  InvalidPayloadError,
  InvalidTextError,
  TextTooLongError,
  TooManyPartsError,
} from './errors.js';
export { checkLimits, type LimitCheck } from './limits.js';
export { replaceLookalikes } from './lookalikes.js';
export { countParts } from './measure.js';
export { CONCAT_CAPACITY, MAX_PARTS, SINGLE_CAPACITY } from './segment.js';
export { split } from './split.js';
export { transliterate } from './transliterate.js';
export type {
  AnalyzeOptions,
  ConcatReference,
  EncodedPart,
  Replacement,
  Saving,
  SplitOptions,
  TextAnalysis,
  TextEncoding,
  TransliterationScheme,
} from './types.js';
