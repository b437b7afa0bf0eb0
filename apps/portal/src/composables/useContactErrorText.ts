import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/index.js';
import type { Messages } from '../i18n/index.js';
import { useErrorText } from './useErrorText.js';

type ContactCode = keyof Messages['contactErrors'];

/**
 * `useErrorText` with the codes of contacts, imports, the stop list and campaigns: their sentences live
 * with these pages' strings; every other code falls through to the shared table.
 */
export function useContactErrorText() {
  const { t, te } = useI18n();
  const shared = useErrorText();
  return (error: unknown): string => {
    if (error instanceof ApiError && te(`contactErrors.${error.code}`)) {
      return t(`contactErrors.${error.code as ContactCode}`);
    }
    return shared(error);
  };
}
