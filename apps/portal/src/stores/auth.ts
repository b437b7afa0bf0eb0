import type { ChangePasswordRequest, LoginRequest, RegisterRequest, SessionUser } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { z } from 'zod';
import { useApi } from '../api/index.js';

/** How long a pending organization's status is trusted before navigation asks the server again. */
export const PENDING_RECHECK_MS = 5000;

/** Who is signed in. The server's session cookie decides; GET /v1/auth/me is asked once per page load. */
export const useAuthStore = defineStore('auth', () => {
  const api = useApi();
  const user = ref<SessionUser | null>(null);
  const checked = ref(false);
  let checkedAt = 0;
  let pending: Promise<SessionUser | null> | undefined;

  const isLoggedIn = computed(() => user.value !== null);
  const isStaff = computed(() => user.value?.role === 'staff');
  const isOwner = computed(() => user.value?.role === 'owner');
  const organizationStatus = computed(() => user.value?.organization.status ?? null);
  /** Staff have no organization of their own to send from; customers send once staff activated them. */
  const canSend = computed(() => !isStaff.value && organizationStatus.value === 'active');

  function adopt(me: SessionUser | null): SessionUser | null {
    user.value = me;
    checked.value = true;
    checkedAt = Date.now();
    return me;
  }

  function refresh(): Promise<SessionUser | null> {
    pending ??= api
      .me()
      .then(adopt)
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  /**
   * The session as last known. A pending organization is asked about again after a few seconds, so the
   * customer sees the activation by moving to another page, without logging in again.
   */
  function ensureSession(): Promise<SessionUser | null> {
    const stale = organizationStatus.value === 'pending' && Date.now() - checkedAt > PENDING_RECHECK_MS;
    if (checked.value && !stale) return Promise.resolve(user.value);
    return refresh();
  }

  async function login(request: LoginRequest): Promise<SessionUser> {
    return adopt(await api.login(request)) as SessionUser;
  }

  /** Registers the organization and its owner; the API answers logged in, the organization pending. */
  async function register(request: RegisterRequest): Promise<SessionUser> {
    return adopt(await api.register(request)) as SessionUser;
  }

  async function logout(): Promise<void> {
    try {
      await api.logout();
    } finally {
      user.value = null;
    }
  }

  async function logoutAll(): Promise<void> {
    try {
      await api.logoutAll();
    } finally {
      user.value = null;
    }
  }

  async function changePassword(request: z.input<typeof ChangePasswordRequest>): Promise<void> {
    await api.changePassword(request);
  }

  /** Called when any request answers 401: the cookie expired or was revoked elsewhere. */
  function sessionEnded(): void {
    user.value = null;
    checked.value = true;
  }

  return {
    user,
    checked,
    isLoggedIn,
    isStaff,
    isOwner,
    organizationStatus,
    canSend,
    ensureSession,
    refresh,
    login,
    register,
    logout,
    logoutAll,
    changePassword,
    sessionEnded,
  };
});
