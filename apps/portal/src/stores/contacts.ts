import type { Contact, ContactInput, ContactPatch, ContactQuery } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { z } from 'zod';
import type { ContactFilter } from '../api/contacts.js';
import { useApi } from '../api/index.js';

export const CONTACTS_PAGE_SIZE = 50;
export type ContactSort = ContactQuery['sort'];
export type BulkAction = 'add_to_group' | 'remove_from_group' | 'delete';

export interface ContactListState {
  search: string;
  /** '' for every contact. */
  groupId: string;
  sort: ContactSort;
  offset: number;
}

/** Which contacts a bulk action touches: the ticked ones, or everything the current search finds. */
export type BulkTarget = { ids: string[] } | { query: ContactFilter };

/**
 * One page of the organization's contacts, searched, filtered, sorted and paged by the API (the list may
 * hold a million), and the rows ticked on it.
 */
export const useContactsStore = defineStore('contacts', () => {
  const api = useApi();
  const state = reactive<ContactListState>({ search: '', groupId: '', sort: 'created_desc', offset: 0 });
  const items = ref<Contact[]>([]);
  const total = ref(0);
  /** The API counts exactly up to 10,000; beyond, `total` is that cap and this is true ("10,000+"). */
  const totalCapped = ref(false);
  const loading = ref(false);
  const loaded = ref(false);
  const selected = ref<Contact[]>([]);
  // A newer request replaces an older one still in flight (typing in the search box).
  let request = 0;

  const filter = computed<ContactFilter>(() => ({
    search: state.search.trim() || undefined,
    groupId: state.groupId || undefined,
  }));
  const filtered = computed(() => filter.value.search !== undefined || filter.value.groupId !== undefined);

  async function load(): Promise<void> {
    const run = ++request;
    loading.value = true;
    try {
      const page = await api.listContacts({
        ...filter.value,
        sort: state.sort,
        limit: CONTACTS_PAGE_SIZE,
        offset: state.offset,
      });
      if (run !== request) return;
      items.value = page.items;
      total.value = page.total;
      totalCapped.value = page.totalCapped;
      loaded.value = true;
      // Ticks survive paging back and forth only for rows still shown; others are dropped with the page.
      const shown = new Set(page.items.map((c) => c.id));
      selected.value = selected.value.filter((c) => shown.has(c.id));
    } finally {
      if (run === request) loading.value = false;
    }
  }

  /** A new search, filter or order starts again at the first page. */
  function setQuery(patch: Partial<Omit<ContactListState, 'offset'>>): Promise<void> {
    Object.assign(state, patch, { offset: 0 });
    selected.value = [];
    return load();
  }

  function setOffset(offset: number): Promise<void> {
    state.offset = offset;
    return load();
  }

  async function create(input: z.input<typeof ContactInput>): Promise<Contact> {
    const contact = await api.createContact(input);
    await load();
    return contact;
  }

  async function update(id: string, patch: z.input<typeof ContactPatch>): Promise<Contact> {
    const contact = await api.updateContact(id, patch);
    items.value = items.value.map((c) => (c.id === id ? contact : c));
    return contact;
  }

  async function remove(id: string): Promise<void> {
    await api.deleteContact(id);
    selected.value = selected.value.filter((c) => c.id !== id);
    await load();
  }

  /** Answers how many contacts were changed; the page is reloaded, since rows may have left it. */
  async function bulk(action: BulkAction, target: BulkTarget, groupId?: string): Promise<number> {
    const { affected } = await api.bulkContacts({ action, ...target, ...(groupId ? { groupId } : {}) });
    selected.value = [];
    if (action === 'delete') state.offset = 0;
    await load();
    return affected;
  }

  const exportUrl = (language: 'ka' | 'en'): string => api.contactsExportUrl(filter.value, language);

  function reset(): void {
    Object.assign(state, { search: '', groupId: '', sort: 'created_desc', offset: 0 });
    items.value = [];
    total.value = 0;
    totalCapped.value = false;
    selected.value = [];
    loaded.value = false;
  }

  return {
    state,
    items,
    total,
    totalCapped,
    loading,
    loaded,
    selected,
    filter,
    filtered,
    load,
    setQuery,
    setOffset,
    create,
    update,
    remove,
    bulk,
    exportUrl,
    reset,
  };
});
