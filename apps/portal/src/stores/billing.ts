import type { Balance, CreditPackage, TopUp } from '@mtredi/api-contract';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useApi } from '../api/index.js';

/** While a top-up waits for staff to confirm the payment, the billing page looks again this often. */
export const TOP_UP_POLL_MS = 10_000;

/** Balance, the package price list and the organization's top-up requests. */
export const useBillingStore = defineStore('billing', () => {
  const api = useApi();
  const balance = ref<Balance | null>(null);
  const packages = ref<CreditPackage[]>([]);
  const topUps = ref<TopUp[]>([]);
  const topUpsLoaded = ref(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  const awaitingPayment = computed(() => topUps.value.filter((t) => t.status === 'requested'));

  async function loadBalance(): Promise<Balance> {
    balance.value = await api.getBalance();
    return balance.value;
  }

  async function loadPackages(): Promise<void> {
    // Cheapest per SMS last: the list reads as "the more you buy, the less each SMS costs".
    packages.value = [...(await api.listPackages()).items].sort((a, b) => a.parts - b.parts);
  }

  async function loadTopUps(): Promise<void> {
    const before = new Set(awaitingPayment.value.map((t) => t.id));
    topUps.value = (await api.listTopUps()).items;
    topUpsLoaded.value = true;
    // A confirmation since the last look means credit was posted.
    if (topUps.value.some((t) => before.has(t.id) && t.status === 'confirmed')) await loadBalance();
  }

  /** Requests a package; the answer carries the reference the customer quotes with the bank transfer. */
  async function requestTopUp(packageId: string): Promise<TopUp> {
    const topUp = await api.requestTopUp(packageId);
    topUps.value = [topUp, ...topUps.value.filter((t) => t.id !== topUp.id)];
    return topUp;
  }

  /** Keeps the top-up list fresh while any request waits for payment; `stopWatching()` ends it. */
  function watchTopUps(intervalMs: number = TOP_UP_POLL_MS): Promise<void> {
    stopWatching();
    const run = generation;
    const tick = async (): Promise<void> => {
      await loadTopUps().catch(() => undefined);
      if (run !== generation || awaitingPayment.value.length === 0) return;
      timer = setTimeout(() => void tick(), intervalMs);
    };
    return tick();
  }

  function stopWatching(): void {
    generation += 1;
    clearTimeout(timer);
  }

  function reset(): void {
    stopWatching();
    balance.value = null;
    topUps.value = [];
    topUpsLoaded.value = false;
  }

  return {
    balance,
    packages,
    topUps,
    topUpsLoaded,
    awaitingPayment,
    loadBalance,
    loadPackages,
    loadTopUps,
    requestTopUp,
    watchTopUps,
    stopWatching,
    reset,
  };
});
