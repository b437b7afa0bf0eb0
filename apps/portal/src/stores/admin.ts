import type { AdminOrganizationList, CreditPackage, PackageInput, TopUp } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { z } from 'zod';
import { useApi } from '../api/index.js';

export type AdminOrganization = z.infer<typeof AdminOrganizationList>['items'][number];

/** The staff area's work queues: organizations to verify, payments to confirm, and the price table. */
export const useAdminStore = defineStore('admin', () => {
  const api = useApi();
  const pendingOrganizations = ref<AdminOrganization[]>([]);
  const requestedTopUps = ref<TopUp[]>([]);
  const packages = ref<CreditPackage[]>([]);

  async function loadPendingOrganizations(): Promise<void> {
    pendingOrganizations.value = (await api.listAdminOrganizations('pending')).items;
  }

  async function activate(id: string): Promise<void> {
    await api.activateOrganization(id);
    pendingOrganizations.value = pendingOrganizations.value.filter((o) => o.id !== id);
  }

  async function loadRequestedTopUps(): Promise<void> {
    requestedTopUps.value = (await api.listAdminTopUps('requested')).items;
  }

  async function confirmTopUp(id: string): Promise<TopUp> {
    const confirmed = await api.confirmTopUp(id);
    requestedTopUps.value = requestedTopUps.value.filter((t) => t.id !== id);
    return confirmed;
  }

  async function loadPackages(): Promise<void> {
    packages.value = (await api.listAdminPackages()).items;
  }

  /** Replaces the whole table; the API refuses it (422) when a bigger package is not cheaper per SMS. */
  async function savePackages(items: z.input<typeof PackageInput>[]): Promise<void> {
    packages.value = (await api.replacePackages({ items })).items;
  }

  return {
    pendingOrganizations,
    requestedTopUps,
    packages,
    loadPendingOrganizations,
    activate,
    loadRequestedTopUps,
    confirmTopUp,
    loadPackages,
    savePackages,
  };
});
