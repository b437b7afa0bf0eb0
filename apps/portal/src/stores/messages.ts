import {
  FINAL_MESSAGE_STATUSES,
  type Message,
  type MessageList,
  type MessageStatus,
  type SendMessageRequest,
} from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, useApi } from '../api/index.js';

export type MessageSummary = MessageList['items'][number];

/** How often the list is refreshed while a listed message can still change. */
export const POLL_INTERVAL_MS = 2000;
export const LIST_LIMIT = 50;

export function isFinal(status: MessageStatus): boolean {
  return FINAL_MESSAGE_STATUSES.includes(status);
}

/**
 * The latest messages, kept fresh while any of them (or the one open in detail) is not final.
 * Polling is chained timeouts, so a slow answer never overlaps the next request.
 */
export const useMessagesStore = defineStore('messages', () => {
  const api = useApi();
  const items = ref<MessageSummary[]>([]);
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);
  const detail = ref<Message | null>(null);
  const detailId = ref<string | null>(null);
  const polling = ref(false);
  /** Pages before the latest ones, fetched with the `before` cursor; not refreshed by polling. */
  const older = ref<MessageSummary[]>([]);
  const hasOlder = ref(true);
  const loadingOlder = ref(false);

  let timer: ReturnType<typeof setTimeout> | undefined;
  // Bumped on every start/stop so that a request still in flight from an old loop cannot reschedule.
  let generation = 0;

  const hasPending = computed(
    () => items.value.some((m) => !isFinal(m.status)) || (detail.value !== null && !isFinal(detail.value.status)),
  );

  async function refresh(): Promise<void> {
    try {
      const [list, open] = await Promise.all([
        api.listMessages(LIST_LIMIT),
        detailId.value !== null && (detail.value === null || !isFinal(detail.value.status))
          ? api.getMessage(detailId.value)
          : Promise.resolve(null),
      ]);
      if (older.value.length > 0) {
        // Messages that moved out of the latest page stay listed, above the older pages.
        const kept = new Set(list.items.map((m) => m.id));
        older.value = [...items.value, ...older.value].filter((m) => !kept.has(m.id));
      }
      items.value = list.items;
      if (older.value.length === 0) hasOlder.value = list.items.length === LIST_LIMIT;
      if (open !== null && open.id === detailId.value) detail.value = open;
      loaded.value = true;
      error.value = null;
    } catch (e) {
      error.value = e instanceof ApiError ? e : new ApiError(0, 'network/unreachable', String(e));
    }
  }

  async function tick(run: number, intervalMs: number): Promise<void> {
    await refresh();
    if (run !== generation) return;
    // A 401 will not heal by retrying; other errors (API restarting) might.
    if (error.value?.status === 401 || (!hasPending.value && error.value === null)) {
      polling.value = false;
      return;
    }
    timer = setTimeout(() => void tick(run, intervalMs), intervalMs);
  }

  /** Loads the list now and keeps refreshing it until every message is final or `stop()` is called. */
  function watch(intervalMs: number = POLL_INTERVAL_MS): Promise<void> {
    stop();
    polling.value = true;
    return tick(generation, intervalMs);
  }

  function stop(): void {
    generation += 1;
    clearTimeout(timer);
    timer = undefined;
    polling.value = false;
  }

  /** The next page of older messages, before the oldest one listed. */
  async function loadOlder(): Promise<void> {
    const oldest = older.value.at(-1) ?? items.value.at(-1);
    if (!oldest) return;
    loadingOlder.value = true;
    try {
      const page = await api.listMessages(LIST_LIMIT, oldest.id);
      const listed = new Set([...items.value, ...older.value].map((m) => m.id));
      older.value = [...older.value, ...page.items.filter((m) => !listed.has(m.id))];
      hasOlder.value = page.items.length === LIST_LIMIT;
    } finally {
      loadingOlder.value = false;
    }
  }

  function forgetOlder(): void {
    older.value = [];
    hasOlder.value = true;
  }

  async function open(id: string): Promise<void> {
    detailId.value = id;
    if (detail.value?.id !== id) detail.value = null;
    const message = await api.getMessage(id);
    if (detailId.value === id) detail.value = message;
  }

  function close(): void {
    detailId.value = null;
    detail.value = null;
  }

  /** Sends one message and puts it at the top of the list, as the API lists newest first. */
  async function send(request: SendMessageRequest): Promise<Message> {
    const message = await api.sendMessage(request);
    const { history: _history, ...summary } = message;
    items.value = [summary, ...items.value.filter((m) => m.id !== message.id)].slice(0, LIST_LIMIT);
    return message;
  }

  return {
    items,
    loaded,
    error,
    detail,
    detailId,
    polling,
    hasPending,
    older,
    hasOlder,
    loadingOlder,
    refresh,
    watch,
    stop,
    open,
    close,
    send,
    loadOlder,
    forgetOlder,
  };
});
