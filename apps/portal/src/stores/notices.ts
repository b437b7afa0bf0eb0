import type { Notice, PublishNoticeRequest } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { z } from 'zod';
import { useApi } from '../api/index.js';

/** Notices are asked for on every move to another page, and this often while a page stays open. */
export const NOTICE_POLL_MS = 60_000;

const HIDDEN_KEY = 'mtredi.hiddenNotices';

/**
 * Service notices (re-authorization demands, channel conditions), as the provider published them in
 * 2020. A customer may hide one; a new notice always shows.
 */
export const useNoticesStore = defineStore('notices', () => {
  const api = useApi();
  const items = ref<Notice[]>([]);
  const hidden = ref<string[]>(readHidden());
  let loadedAt = 0;
  let timer: ReturnType<typeof setInterval> | undefined;

  async function load(): Promise<void> {
    loadedAt = Date.now();
    items.value = (await api.listNotices()).items;
    // Forget hidden notices that were withdrawn, so the list cannot grow for ever.
    const current = new Set(items.value.map((n) => n.id));
    setHidden(hidden.value.filter((id) => current.has(id)));
  }

  /** Loads unless the list is younger than `maxAgeMs`; a failure keeps the last list (a banner is not worth an error). */
  async function refresh(maxAgeMs = 0): Promise<void> {
    if (Date.now() - loadedAt < maxAgeMs) return;
    await load().catch(() => undefined);
  }

  function watch(intervalMs: number = NOTICE_POLL_MS): void {
    stop();
    void refresh(0);
    timer = setInterval(() => void refresh(intervalMs / 2), intervalMs);
  }

  function stop(): void {
    clearInterval(timer);
    timer = undefined;
  }

  function hide(id: string): void {
    setHidden([...new Set([...hidden.value, id])]);
  }

  function setHidden(ids: string[]): void {
    hidden.value = ids;
    try {
      globalThis.localStorage?.setItem(HIDDEN_KEY, JSON.stringify(ids));
    } catch {
      // Private mode or a full storage: hiding then lasts until the page is reloaded.
    }
  }

  async function publish(request: z.input<typeof PublishNoticeRequest>): Promise<Notice> {
    const notice = await api.publishNotice(request);
    items.value = [notice, ...items.value.filter((n) => n.id !== notice.id)];
    return notice;
  }

  async function withdraw(id: string): Promise<void> {
    await api.withdrawNotice(id);
    items.value = items.value.filter((n) => n.id !== id);
  }

  return { items, hidden, load, refresh, watch, stop, hide, publish, withdraw };
});

function readHidden(): string[] {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(HIDDEN_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
