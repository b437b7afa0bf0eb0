import type {
  ChannelList,
  ChannelSummary,
  CreateChannelRequest,
  DriverList,
  OperatorCode,
  UpdateChannelRequest,
} from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { z } from 'zod';
import { ApiError, useApi } from '../api/index.js';

export type Channel = z.infer<typeof ChannelSummary>;
export type Driver = z.infer<typeof DriverList>['items'][number];
export type QueueDepth = z.infer<typeof ChannelList>['queue'];

/** Staff watch channel health live: the list is asked for again this often while the page is open. */
export const CHANNEL_POLL_MS = 5000;

/**
 * Channels with their health, the send queue, the drivers and each operator's route. Polling is chained
 * timeouts, so a slow answer never overlaps the next request; a hidden tab skips its turns.
 */
export const useChannelsStore = defineStore('channels', () => {
  const api = useApi();
  const items = ref<Channel[]>([]);
  const queue = ref<QueueDepth | null>(null);
  const drivers = ref<Driver[]>([]);
  const routes = ref<Partial<Record<OperatorCode, string[]>>>({});
  const loaded = ref(false);
  const error = ref<ApiError | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  async function refresh(): Promise<void> {
    try {
      const list = await api.listChannels();
      items.value = list.items;
      queue.value = list.queue;
      loaded.value = true;
      error.value = null;
    } catch (e) {
      error.value = e instanceof ApiError ? e : new ApiError(0, 'network/unreachable', String(e));
    }
  }

  async function loadSetup(): Promise<void> {
    const [driverList, routeList] = await Promise.all([api.listDrivers(), api.listRoutes()]);
    drivers.value = driverList.items;
    routes.value = Object.fromEntries(routeList.items.map((r) => [r.operator, r.channelIds]));
  }

  async function tick(run: number, intervalMs: number): Promise<void> {
    const hidden = typeof document !== 'undefined' && document.visibilityState === 'hidden';
    if (!hidden) await refresh();
    if (run !== generation || error.value?.status === 401) return;
    timer = setTimeout(() => void tick(run, intervalMs), intervalMs);
  }

  /** Loads now and every `intervalMs` until `stop()`. */
  function watch(intervalMs: number = CHANNEL_POLL_MS): Promise<void> {
    stop();
    return tick(generation, intervalMs);
  }

  function stop(): void {
    generation += 1;
    clearTimeout(timer);
    timer = undefined;
  }

  async function create(request: z.input<typeof CreateChannelRequest>): Promise<string> {
    const { id } = await api.createChannel(request);
    await refresh();
    return id;
  }

  async function update(id: string, changes: z.input<typeof UpdateChannelRequest>): Promise<void> {
    await api.updateChannel(id, changes);
    await refresh();
  }

  /** Enabling or disabling shows at once; the next refresh brings the health the platform reports. */
  async function setEnabled(id: string, enabled: boolean): Promise<void> {
    await api.updateChannel(id, { enabled });
    await refresh();
  }

  async function setRoute(operator: OperatorCode, channelIds: string[]): Promise<void> {
    const routeList = await api.setRoute(operator, channelIds);
    routes.value = Object.fromEntries(routeList.items.map((r) => [r.operator, r.channelIds]));
    await refresh();
  }

  return {
    items,
    queue,
    drivers,
    routes,
    loaded,
    error,
    refresh,
    loadSetup,
    watch,
    stop,
    create,
    update,
    setEnabled,
    setRoute,
  };
});
