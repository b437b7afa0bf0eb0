import type { LoginRequest, SessionUser } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useApi } from '../api/index.js';

/** Who is signed in. The server's session cookie decides; GET /v1/auth/me is asked once per page load. */
export const useAuthStore = defineStore('auth', () => {
  const api = useApi();
  const user = ref<SessionUser | null>(null);
  const checked = ref(false);
  let pending: Promise<SessionUser | null> | undefined;

  const isLoggedIn = computed(() => user.value !== null);

  function ensureSession(): Promise<SessionUser | null> {
    if (checked.value) return Promise.resolve(user.value);
    pending ??= api
      .me()
      .then((me) => {
        user.value = me;
        checked.value = true;
        return me;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  }

  async function login(request: LoginRequest): Promise<SessionUser> {
    const me = await api.login(request);
    user.value = me;
    checked.value = true;
    return me;
  }

  async function logout(): Promise<void> {
    try {
      await api.logout();
    } finally {
      user.value = null;
    }
  }

  /** Called when any request answers 401: the cookie expired or was revoked elsewhere. */
  function sessionEnded(): void {
    user.value = null;
    checked.value = true;
  }

  return { user, checked, isLoggedIn, ensureSession, login, logout, sessionEnded };
});
