import type { TemplateInput, Template as TemplateSchema } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { z } from 'zod';
import { useApi } from '../api/index.js';

export type Template = z.infer<typeof TemplateSchema>;

/** Placeholders every contact can have; custom fields add their own names. */
export const STANDARD_PLACEHOLDERS = ['first_name', 'last_name', 'phone'] as const;
const FIELD_SAMPLE = 500;

/** The placeholders a text uses, in order, once each (the API's rule: letters, digits and _ in braces). */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([\p{L}\p{N}_]+)\}/gu)].map((m) => m[1] as string))];
}

/** `{first_name}, {city}`: placeholder names as the customer writes them. */
export function placeholderList(names: readonly string[]): string {
  return names.map((n) => `{${n}}`).join(', ');
}

/** Puts `{name}` where the cursor is (or over the selection); answers the new text and cursor position. */
export function insertPlaceholder(
  text: string,
  name: string,
  start: number = text.length,
  end: number = start,
): { text: string; cursor: number } {
  const token = `{${name}}`;
  return { text: text.slice(0, start) + token + text.slice(end), cursor: start + token.length };
}

/** Message templates, and the custom field names the contacts carry (offered as placeholders). */
export const useTemplatesStore = defineStore('templates', () => {
  const api = useApi();
  const items = ref<Template[]>([]);
  const loaded = ref(false);
  const fieldNames = ref<string[]>([]);

  const placeholders = computed(() => [...STANDARD_PLACEHOLDERS, ...fieldNames.value]);

  async function load(): Promise<void> {
    items.value = (await api.listTemplates()).items;
    loaded.value = true;
  }

  /**
   * The API has no list of custom field names, so they are gathered from the newest contacts: a field
   * only older contacts carry is missed, but can still be typed by hand.
   */
  async function loadFieldNames(): Promise<void> {
    const page = await api.listContacts({ limit: FIELD_SAMPLE, sort: 'created_desc' });
    const names = new Set<string>();
    for (const contact of page.items) for (const name of Object.keys(contact.fields)) names.add(name);
    fieldNames.value = [...names].sort((a, b) => a.localeCompare(b, 'ka'));
  }

  async function save(id: string | null, input: z.input<typeof TemplateInput>): Promise<Template> {
    const saved = id ? await api.updateTemplate(id, input) : await api.createTemplate(input);
    items.value = [...items.value.filter((t) => t.id !== saved.id), saved].sort((a, b) =>
      a.name.localeCompare(b.name, 'ka'),
    );
    return saved;
  }

  async function remove(id: string): Promise<void> {
    await api.deleteTemplate(id);
    items.value = items.value.filter((t) => t.id !== id);
  }

  function preview(id: string, contactId: string, missing: 'skip' | 'fallback', fallback: string) {
    return api.previewTemplate(id, { contactId, missing, fallback });
  }

  return { items, loaded, fieldNames, placeholders, load, loadFieldNames, save, remove, preview };
});
