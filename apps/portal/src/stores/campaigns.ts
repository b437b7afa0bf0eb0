import type { CreateCampaignRequest } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { z } from 'zod';
import type { Campaign, CampaignEstimate, StatsSummary } from '../api/campaigns.js';
import { ApiError, useApi } from '../api/index.js';

export type CampaignDraft = z.input<typeof CreateCampaignRequest>;

/**
 * The line the API appends to advertising when opt-out is on (OPT_OUT_SUFFIX in
 * apps/api/src/modules/campaigns/campaign-planner.ts), counted here so the counter shows what is charged.
 */
export const OPT_OUT_SUFFIX = '\nგამოწერის გაუქმება: STOP';
export const CAMPAIGN_POLL_MS = 2000;

/** A contact chosen by search, as its chip shows it. */
export interface PickedContact {
  id: string;
  label: string;
}

/** Pasted numbers, one per line or separated by commas or semicolons. */
export function splitNumbers(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

/** Messages the campaign handed on that have no final status yet. */
export function unsettled(stats: StatsSummary): number {
  const final = stats.delivered + stats.undelivered + stats.expired + stats.rejected + stats.failed;
  return Math.max(0, stats.accepted - final);
}

/**
 * Sent of all planned messages, 0–100: against the estimate while the fan-out is still storing them (it
 * stores them as they are sent), against the totals once it is done; null when neither is known.
 */
export function progressPercent(campaign: Pick<Campaign, 'totals' | 'planned' | 'stats' | 'status'>): number | null {
  if (campaign.status === 'completed') return 100;
  const total = campaign.totals?.messages ?? campaign.planned;
  if (!total) return null;
  return Math.min(100, Math.round((campaign.stats.sent / total) * 100));
}

/** Whether the report can still change: sending, waiting for its time, or receipts still to come. */
export function isLive(campaign: Pick<Campaign, 'status' | 'stats'>): boolean {
  if (campaign.status === 'running' || campaign.status === 'scheduled') return true;
  return campaign.status === 'completed' && unsettled(campaign.stats) > 0;
}

/**
 * A time the customer picked on the Tbilisi clock, as the API takes it: `2026-12-01T10:00:00+04:00`.
 * Georgia keeps UTC+4 all year (no daylight saving since 2005), whatever the browser's own zone.
 */
export function tbilisiIso(date: string, time: string): string {
  return `${date}T${time.length === 5 ? `${time}:00` : time}+04:00`;
}

/** Now on the Tbilisi clock, as the date and time inputs show it. */
export function tbilisiNow(now: Date = new Date()): { date: string; time: string } {
  const iso = new Date(now.getTime() + 4 * 3600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The campaigns list, and the one open in the report with its live numbers. */
export const useCampaignsStore = defineStore('campaigns', () => {
  const api = useApi();
  const items = ref<Campaign[]>([]);
  const loaded = ref(false);
  const current = ref<Campaign | null>(null);
  const polling = ref(false);
  const error = ref<ApiError | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  const live = computed(() => current.value !== null && isLive(current.value));

  async function load(): Promise<void> {
    items.value = (await api.listCampaigns()).items;
    loaded.value = true;
  }

  async function open(id: string): Promise<Campaign> {
    if (current.value?.id !== id) current.value = null;
    const campaign = await api.getCampaign(id);
    current.value = campaign;
    return campaign;
  }

  /** Creates the draft, or changes it when it already exists (the customer went back from the estimate). */
  async function saveDraft(id: string | null, draft: CampaignDraft): Promise<Campaign> {
    const campaign = id ? await api.updateCampaign(id, draft) : await api.createCampaign(draft);
    current.value = campaign;
    return campaign;
  }

  const estimate = (id: string): Promise<CampaignEstimate> => api.estimateCampaign(id);

  async function act(id: string, action: 'start' | 'pause' | 'resume' | 'cancel', at?: string): Promise<Campaign> {
    const campaign =
      action === 'start'
        ? await api.startCampaign(id, at)
        : action === 'pause'
          ? await api.pauseCampaign(id)
          : action === 'resume'
            ? await api.resumeCampaign(id)
            : await api.cancelCampaign(id);
    current.value = campaign;
    items.value = items.value.map((c) => (c.id === id ? campaign : c));
    return campaign;
  }

  /** Refreshes the open campaign every 2 s while it can change; chained, so answers never overlap. */
  function watch(id: string, intervalMs: number = CAMPAIGN_POLL_MS): Promise<void> {
    stop();
    const run = generation;
    polling.value = true;
    const tick = async (): Promise<void> => {
      try {
        await open(id);
        error.value = null;
      } catch (e) {
        error.value = e instanceof ApiError ? e : new ApiError(0, 'network/unreachable', String(e));
      }
      if (run !== generation) return;
      const again = error.value ? error.value.status !== 401 && error.value.status !== 404 : live.value;
      if (!again) {
        polling.value = false;
        return;
      }
      timer = setTimeout(() => void tick(), intervalMs);
    };
    return tick();
  }

  function stop(): void {
    generation += 1;
    clearTimeout(timer);
    polling.value = false;
  }

  return { items, loaded, current, polling, error, live, load, open, saveDraft, estimate, act, watch, stop };
});
