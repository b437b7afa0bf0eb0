import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { DailyStatsRow } from '../api/campaigns.js';
import { useApi } from '../api/index.js';
import { tbilisiNow } from './campaigns.js';

/** The API answers at most 370 days at a time. */
export const MAX_DAYS = 370;

/** `from`–`to` ending today in Tbilisi, `days` days long. */
export function lastDays(days: number, now: Date = new Date()): { from: string; to: string } {
  const to = tbilisiNow(now).date;
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/** Sums of a range of days; the rate is over the messages with a final status, like the API's. */
export function totalsOf(rows: DailyStatsRow[]) {
  const sum = (key: 'accepted' | 'sent' | 'delivered' | 'undelivered' | 'expired' | 'rejected' | 'failed') =>
    rows.reduce((n, r) => n + r[key], 0);
  const delivered = sum('delivered');
  const finals = delivered + sum('undelivered') + sum('expired') + sum('rejected') + sum('failed');
  return {
    accepted: sum('accepted'),
    sent: sum('sent'),
    delivered,
    undelivered: sum('undelivered'),
    expired: sum('expired'),
    rejected: sum('rejected'),
    failed: sum('failed'),
    deliveryRate: finals ? delivered / finals : null,
  };
}

/** Per-day statistics of the organization (Tbilisi days). */
export const useStatisticsStore = defineStore('statistics', () => {
  const api = useApi();
  const range = ref(lastDays(14));
  const items = ref<DailyStatsRow[]>([]);
  const loading = ref(false);
  const loaded = ref(false);
  let request = 0;

  const totals = computed(() => totalsOf(items.value));

  async function load(): Promise<void> {
    const run = ++request;
    loading.value = true;
    try {
      const answer = await api.dailyStatistics(range.value.from, range.value.to);
      if (run !== request) return;
      items.value = answer.items;
      loaded.value = true;
    } finally {
      if (run === request) loading.value = false;
    }
  }

  /** The shown days as an .xlsx from the API, with column names in the portal's language. */
  const exportUrl = (language: 'ka' | 'en'): string =>
    api.dailyStatisticsExportUrl(range.value.from, range.value.to, language);

  return { range, items, loading, loaded, totals, load, exportUrl };
});
