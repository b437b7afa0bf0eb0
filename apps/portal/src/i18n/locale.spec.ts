import { describe, expect, it } from 'vitest';
import { initialLocale, saveLocale } from './index.js';

function memoryStorage() {
  const values = new Map<string, string>();
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  };
}

describe('locale choice', () => {
  it('starts in Georgian and remembers a switch to English', () => {
    const storage = memoryStorage();
    expect(initialLocale(storage)).toBe('ka');
    saveLocale('en', storage);
    expect(initialLocale(storage)).toBe('en');
  });

  it('ignores a saved value that is not a supported language', () => {
    const storage = memoryStorage();
    storage.setItem('mtredi.locale', 'fr');
    expect(initialLocale(storage)).toBe('ka');
  });
});
