import type { TextOptions } from '@mtredi/api-contract';
import { analyze, InvalidTextError, type TextAnalysis } from '@mtredi/encoding';
import type { z } from 'zod';
import { DomainError } from '../../common/domain-error.js';

/**
 * The one analysis both the composer preview and a real send use, so the price shown is the price charged.
 * Text that cannot be encoded at all (a lone surrogate) is the caller's mistake: 400 naming the position.
 */
export function analyzeText(text: string, options: z.infer<typeof TextOptions> = {}): TextAnalysis {
  try {
    return analyze(text, {
      transliterate: options.transliterate ?? 'none',
      replaceLookalikes: options.replaceLookalikes ?? false,
    });
  } catch (error) {
    if (error instanceof InvalidTextError) {
      throw new DomainError('validation/invalid_request', `Invalid text: ${error.message}`, 400, [
        { path: 'text', message: error.message },
      ]);
    }
    throw error;
  }
}
