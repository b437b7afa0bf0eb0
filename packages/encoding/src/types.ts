/** How a text is carried: GSM 03.38 septets or UCS-2 (UTF-16BE) code units. */
export type TextEncoding = 'gsm7' | 'ucs2';

/** Which UDH concatenation element numbers the parts (TS 23.040 §9.2.3.24.1 and §9.2.3.24.8). */
export type ConcatReference = '8bit' | '16bit';

export type TransliterationScheme = 'national' | 'national_apostrophe' | 'latin_georgian';

export interface AnalyzeOptions {
  /** Default '8bit' (153 / 67 per part); '16bit' leaves 152 / 66 for channels that ask for it. */
  concatReference?: ConcatReference;
  /** Applied before counting; default 'none'. */
  transliterate?: 'none' | TransliterationScheme;
  /** Replace look-alike punctuation and spaces by GSM characters before counting; default false. */
  replaceLookalikes?: boolean;
  /** Credits charged per part; default 1. */
  creditsPerPart?: number;
  /** Scheme used to compute `savings.transliteration`; default 'national_apostrophe'. */
  suggestedScheme?: TransliterationScheme;
}

/** One replaced look-alike: `index` is the code-unit index in the text that was given to the replacer. */
export interface Replacement {
  index: number;
  from: string;
  to: string;
}

/** What a transform would give: the resulting text and its part count. */
export interface Saving {
  parts: number;
  text: string;
}

export interface TextAnalysis {
  /** The text actually analysed (after the chosen transliteration / replacement). */
  text: string;
  encoding: TextEncoding;
  /** User-perceived characters, counted as code points (an emoji is one, a flag is two). */
  characters: number;
  /** Septets for gsm7 (extension characters count two), 16-bit code units for ucs2. */
  units: number;
  /** 0 for empty text. */
  parts: number;
  /** Capacity of one part in this message: 160/153/152 septets or 70/67/66 units. */
  unitsPerPart: number;
  unitsLeftInLastPart: number;
  /** Characters that forced UCS-2, with their code-unit index in `text`. */
  ucs2Forcers: { char: string; index: number }[];
  /** parts × creditsPerPart. */
  cost: number;
  /** Look-alikes replaced when `replaceLookalikes` was set; indices refer to the input text. */
  replacements: Replacement[];
  /**
   * What the transforms not applied would give. `transliteration`: the text contains Georgian;
   * `lookalikes`: it contains replaceable look-alikes; `combined`: both apply and neither was chosen.
   */
  savings: { transliteration?: Saving; lookalikes?: Saving; combined?: Saving };
}

/**
 * One SMS part ready for a submit: `udh` includes its length octet (UDHL) and goes before `payload` in
 * the short message with the UDHI bit set in esm_class; `dataCoding` is the SMPP data_coding value.
 */
export interface EncodedPart {
  udh: Uint8Array | null;
  payload: Uint8Array;
  dataCoding: 0 | 8;
  /** The slice of the original text this part carries. */
  text: string;
  /** True when the GSM-7 payload is packed (TS 23.038 §6.1.2.1); absent or false: one septet per octet. */
  packed?: boolean;
  /**
   * Septets (gsm7) or code units (ucs2) in the payload, like TP-UDL. Decoding packed data needs it to
   * tell a trailing CR from padding; without it the CR padding rule of TS 23.038 §6.1.2.3.1 applies.
   */
  units?: number;
}

export interface SplitOptions {
  concatReference?: ConcatReference;
  /** Concatenation reference number, 0–255 (8-bit) or 0–65535 (16-bit); default 0. */
  reference?: number;
  /** Pack GSM-7 septets (default false: one septet per octet, as most SMPP links expect). */
  packed?: boolean;
}
