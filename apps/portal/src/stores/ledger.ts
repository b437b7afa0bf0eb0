import type { LedgerEntry, PostingKind } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { z } from 'zod';
import { type LedgerFilter, useApi } from '../api/index.js';

export const LEDGER_PAGE_SIZE = 50;

export interface LedgerFilters {
  /** YYYY-MM-DD or '' */
  from: string;
  to: string;
  kind: z.infer<typeof PostingKind> | '';
}

/** The organization's postings, newest first, filtered and paged by the `before` cursor. */
export const useLedgerStore = defineStore('ledger', () => {
  const api = useApi();
  const filters = reactive<LedgerFilters>({ from: '', to: '', kind: '' });
  const items = ref<LedgerEntry[]>([]);
  const nextBefore = ref<number | null>(null);
  const loading = ref(false);
  const loaded = ref(false);
  // A newer search replaces an older one still in flight.
  let search = 0;

  const active = computed<LedgerFilter>(() => ({
    from: filters.from || undefined,
    to: filters.to || undefined,
    kind: filters.kind || undefined,
  }));
  const exportUrl = computed(() => api.ledgerExportUrl(active.value));

  async function fetchPage(before?: number): Promise<void> {
    const run = ++search;
    loading.value = true;
    try {
      const page = await api.listLedger({ ...active.value, limit: LEDGER_PAGE_SIZE, before });
      if (run !== search) return;
      items.value = before === undefined ? page.items : [...items.value, ...page.items];
      nextBefore.value = page.nextBefore;
      loaded.value = true;
    } finally {
      if (run === search) loading.value = false;
    }
  }

  /** First page for the current filters. */
  const load = (): Promise<void> => fetchPage();

  async function loadMore(): Promise<void> {
    if (nextBefore.value !== null) await fetchPage(nextBefore.value);
  }

  function clearFilters(): void {
    Object.assign(filters, { from: '', to: '', kind: '' });
  }

  return { filters, items, nextBefore, loading, loaded, exportUrl, load, loadMore, clearFilters };
});
