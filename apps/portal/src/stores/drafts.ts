import type { Draft, DraftContent } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { z } from 'zod';
import { useApi } from '../api/index.js';

export type DraftItem = z.infer<typeof Draft>;
export type DraftFields = z.input<typeof DraftContent>;

/** Texts saved while composing, newest first. */
export const useDraftsStore = defineStore('drafts', () => {
  const api = useApi();
  const items = ref<DraftItem[]>([]);
  const loaded = ref(false);

  async function load(): Promise<void> {
    items.value = (await api.listDrafts()).items;
    loaded.value = true;
  }

  /** Saves under the composer's id (created by the first save) and moves the draft to the top. */
  async function save(id: string, content: DraftFields): Promise<DraftItem> {
    const draft = await api.saveDraft(id, content);
    items.value = [draft, ...items.value.filter((d) => d.id !== id)];
    return draft;
  }

  async function remove(id: string): Promise<void> {
    await api.deleteDraft(id);
    items.value = items.value.filter((d) => d.id !== id);
  }

  const find = (id: string): DraftItem | undefined => items.value.find((d) => d.id === id);

  return { items, loaded, load, save, remove, find };
});
