import { createI18n } from 'vue-i18n';
import { en } from './en.js';
import { ka, type Messages } from './ka.js';

export const LOCALES = ['ka', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'mtredi.locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The saved choice, else Georgian: most customers' staff read Georgian first. */
export function initialLocale(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Locale {
  const saved = storage?.getItem(STORAGE_KEY);
  return isLocale(saved) ? saved : 'ka';
}

export function saveLocale(
  locale: Locale,
  storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage,
): void {
  storage?.setItem(STORAGE_KEY, locale);
}

export function createPortalI18n(locale: Locale = initialLocale()) {
  return createI18n<[Messages], Locale>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages: { ka, en },
  });
}

export type { Messages } from './ka.js';
