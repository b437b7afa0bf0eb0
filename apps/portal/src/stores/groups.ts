import type { Group as GroupSchema } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { z } from 'zod';
import { useApi } from '../api/index.js';

export type Group = z.infer<typeof GroupSchema>;

/** The organization's groups with their member counts, by name. */
export const useGroupsStore = defineStore('groups', () => {
  const api = useApi();
  const items = ref<Group[]>([]);
  const loaded = ref(false);

  const byName = (a: Group, b: Group): number => a.name.localeCompare(b.name, 'ka');

  async function load(): Promise<void> {
    items.value = (await api.listGroups()).items.slice().sort(byName);
    loaded.value = true;
  }

  async function create(name: string): Promise<Group> {
    const group = await api.createGroup(name);
    items.value = [...items.value.filter((g) => g.id !== group.id), group].sort(byName);
    return group;
  }

  async function rename(id: string, name: string): Promise<void> {
    const group = await api.renameGroup(id, name);
    items.value = items.value.map((g) => (g.id === id ? group : g)).sort(byName);
  }

  async function remove(id: string): Promise<void> {
    await api.deleteGroup(id);
    items.value = items.value.filter((g) => g.id !== id);
  }

  const nameOf = (id: string): string | undefined => items.value.find((g) => g.id === id)?.name;

  return { items, loaded, load, create, rename, remove, nameOf };
});
