import type { TextEncoding } from './types.js';

/**
 * A text is longer than a channel allows for its encoding. Callers branch on `code`, and show
 * `position` (the code-unit index in the text where the first character over the limit starts) so the
 * customer sees where to cut.
 */
export class TextTooLongError extends Error {
  readonly code = 'encoding/text_too_long' as const;
  /** The channel's maximum, in characters (code points), for `encoding`. */
  readonly limit: number;
  readonly encoding: TextEncoding;
  /** Code-unit index in the text of the first character beyond the limit. */
  readonly position: number;
  /** Characters (code points) the text has. */
  readonly characters: number;

  constructor(args: { limit: number; encoding: TextEncoding; position: number; characters: number }) {
    super(
      `Text has ${args.characters} characters; the ${args.encoding} limit is ${args.limit} ` +
        `(over from index ${args.position})`,
    );
    this.name = 'TextTooLongError';
    this.limit = args.limit;
    this.encoding = args.encoding;
    this.position = args.position;
    this.characters = args.characters;
  }
}

/**
 * The text cannot be encoded at all: a lone UTF-16 surrogate has no UCS-2 or GSM representation, and
 * sending it would corrupt the message on the handset.
 */
export class InvalidTextError extends Error {
  readonly code = 'encoding/invalid_text' as const;
  /** Code-unit index of the offending unit. */
  readonly index: number;
  readonly reason: 'lone_surrogate';

  constructor(index: number, unit: number) {
    super(`Lone surrogate U+${unit.toString(16).toUpperCase().padStart(4, '0')} at index ${index}`);
    this.name = 'InvalidTextError';
    this.index = index;
    this.reason = 'lone_surrogate';
  }
}

/** A concatenated message needs more parts than the one-octet UDH counter can number (255). */
export class TooManyPartsError extends Error {
  readonly code = 'encoding/too_many_parts' as const;
  readonly parts: number;
  readonly maxParts: number;

  constructor(parts: number, maxParts: number) {
    super(`Text needs ${parts} parts; at most ${maxParts} can be concatenated`);
    this.name = 'TooManyPartsError';
    this.parts = parts;
    this.maxParts = maxParts;
  }
}

/** Received bytes do not form a valid message (bad UDH, odd UCS-2 length, missing parts…). */
export class InvalidPayloadError extends Error {
  readonly code = 'encoding/invalid_payload' as const;
  /** Index in the given parts array of the part at fault, or -1 for the set as a whole. */
  readonly partIndex: number;

  constructor(message: string, partIndex: number) {
    super(message);
    this.name = 'InvalidPayloadError';
    this.partIndex = partIndex;
  }
}

/** An option is out of its range (for example a concatenation reference above 255 with 8-bit references). */
export class InvalidOptionError extends Error {
  readonly code = 'encoding/invalid_option' as const;
  readonly option: string;

  constructor(option: string, message: string) {
    super(message);
    this.name = 'InvalidOptionError';
    this.option = option;
  }
}
