import type { StopEntry } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { z } from 'zod';
import { useApi } from '../api/index.js';

export type StopListEntry = z.infer<typeof StopEntry>;
export const STOP_PAGE_SIZE = 50;

/** Numbers that are never messaged: STOP replies, the customer's own blocks and staff blocks. */
export const useStopListStore = defineStore('stopList', () => {
  const api = useApi();
  const items = ref<StopListEntry[]>([]);
  const total = ref(0);
  const offset = ref(0);
  const loading = ref(false);
  const loaded = ref(false);

  async function load(from: number = offset.value): Promise<void> {
    loading.value = true;
    try {
      const page = await api.listStopList(STOP_PAGE_SIZE, from);
      items.value = page.items;
      total.value = page.total;
      offset.value = from;
      loaded.value = true;
    } finally {
      loading.value = false;
    }
  }

  async function add(phone: string, reason: string): Promise<void> {
    await api.addStop({ phone, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    await load(0);
  }

  /** The reason goes to the audit log with who removed the number. */
  async function remove(phone: string, reason: string): Promise<void> {
    await api.removeStop(phone, reason.trim());
    await load();
  }

  return { items, total, offset, loading, loaded, load, add, remove };
});
