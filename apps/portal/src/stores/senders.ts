import type { SenderName } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useApi } from '../api/index.js';

/** The organisation's sender names; only active ones may be chosen when sending. */
export const useSendersStore = defineStore('senders', () => {
  const api = useApi();
  const items = ref<SenderName[]>([]);
  const loaded = ref(false);

  const active = computed(() => items.value.filter((s) => s.status === 'active'));

  async function load(): Promise<void> {
    items.value = (await api.listSenders()).items;
    loaded.value = true;
  }

  return { items, loaded, active, load };
});
