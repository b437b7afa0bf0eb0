import { useI18n } from 'vue-i18n';
import { ApiError } from '../api/index.js';
import type { Messages } from '../i18n/index.js';

type KnownCode = keyof Messages['errors']['codes'];

/** Turns any thrown value into a sentence for the user: our translation of a known code, else the API's message. */
export function useErrorText() {
  const { t, te } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      const key = `errors.codes.${error.code}`;
      if (te(key)) return t(`errors.codes.${error.code as KnownCode}`);
      if (error.message) return error.message;
    }
    return t('errors.generic');
  };
}
