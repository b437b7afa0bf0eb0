import type {
  AddMemberRequest,
  ApiKeySummary,
  CreatedApiKey,
  Member,
  OrganizationProfile,
  UpdateOrganizationRequest,
} from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { z } from 'zod';
import { useApi } from '../api/index.js';

/** The organization's profile, its people and its API keys. Writes are the owner's (the API enforces it). */
export const useOrganizationStore = defineStore('organization', () => {
  const api = useApi();
  const profile = ref<OrganizationProfile | null>(null);
  const members = ref<Member[]>([]);
  const membersLoaded = ref(false);
  const apiKeys = ref<ApiKeySummary[]>([]);
  const apiKeysLoaded = ref(false);

  async function loadProfile(): Promise<void> {
    profile.value = await api.getOrganization();
  }

  async function updateProfile(request: z.input<typeof UpdateOrganizationRequest>): Promise<void> {
    profile.value = await api.updateOrganization(request);
  }

  async function loadMembers(): Promise<void> {
    members.value = (await api.listMembers()).items;
    membersLoaded.value = true;
  }

  async function addMember(request: z.input<typeof AddMemberRequest>): Promise<Member> {
    const member = await api.addMember(request);
    members.value = [...members.value, member];
    return member;
  }

  async function removeMember(id: string): Promise<void> {
    await api.removeMember(id);
    members.value = members.value.filter((m) => m.id !== id);
  }

  async function loadApiKeys(): Promise<void> {
    apiKeys.value = (await api.listApiKeys()).items;
    apiKeysLoaded.value = true;
  }

  /** The answer holds the secret: the caller shows it once and drops it; only the summary is kept here. */
  async function createApiKey(name: string): Promise<CreatedApiKey> {
    const created = await api.createApiKey(name);
    const { key: _secret, ...summary } = created;
    apiKeys.value = [summary, ...apiKeys.value];
    return created;
  }

  async function revokeApiKey(id: string): Promise<void> {
    await api.revokeApiKey(id);
    // The list from the server carries the revocation time.
    await loadApiKeys();
  }

  return {
    profile,
    members,
    membersLoaded,
    apiKeys,
    apiKeysLoaded,
    loadProfile,
    updateProfile,
    loadMembers,
    addMember,
    removeMember,
    loadApiKeys,
    createApiKey,
    revokeApiKey,
  };
});
