import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { ka } from './ka.js';

const src = join(import.meta.dirname, '..');
const OWN = [
  'components/contact',
  'components/campaign',
  'components/stats',
  'components/draft',
  'pages/contacts',
  'pages/campaigns',
  'pages/statistics',
];
const FILES = [
  'components/message/MessageComposer.vue',
  'components/message/MessageUrgentOption.vue',
  'pages/MessagesPage.vue',
  'router/routes-contacts.ts',
];

function sources(): string[] {
  const files = OWN.flatMap((dir) => readdirSync(join(src, dir)).map((f) => join(dir, f)));
  return [...files, ...FILES].filter((f) => /\.(vue|ts)$/.test(f) && !f.endsWith('.spec.ts'));
}

/** Literal keys: t('a.b'), te('a.b'), label: 'a.b' in tab lists, key: 'a.b' in header links, title: in route meta. */
function keysIn(text: string): string[] {
  const keys = new Set<string>();
  for (const m of text.matchAll(/\bte?\(\s*'([a-zA-Z][\w.]*)'/g)) keys.add(m[1] as string);
  for (const m of text.matchAll(/\b(?:label|key|title): '([a-zA-Z]+\.[\w.]+)'/g)) keys.add(m[1] as string);
  return [...keys];
}

function has(messages: unknown, key: string): boolean {
  let node: unknown = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

describe('strings of the contacts, campaigns and statistics pages', () => {
  it('every literal key these pages use exists in Georgian and English', () => {
    const missing: string[] = [];
    for (const file of sources()) {
      for (const key of keysIn(readFileSync(join(src, file), 'utf8'))) {
        if (!has(ka, key)) missing.push(`${file}: ka ${key}`);
        if (!has(en, key)) missing.push(`${file}: en ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('holds no character vue-i18n would read as syntax', () => {
    const bad: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node === 'string') {
        // Braces only as {name} placeholders; | only as the plural separator " | " in English.
        const stripped = node.replace(/\{[a-zA-Z]+\}/g, '').replace(/ \| /g, '');
        if (/[{}@$|]/.test(stripped)) bad.push(path);
        return;
      }
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) walk(v, `${path}.${k}`);
    };
    for (const key of [
      'contacts',
      'groups',
      'imports',
      'stopList',
      'templates',
      'drafts',
      'campaigns',
      'stats',
    ] as const) {
      walk(ka[key], `ka.${key}`);
      walk(en[key], `en.${key}`);
    }
    expect(bad).toEqual([]);
  });
});
