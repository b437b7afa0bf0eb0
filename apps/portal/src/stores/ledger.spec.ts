import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, setApiClient } from '../api/index.js';
import { startScriptedApi } from '../testing/scriptedApi.js';
import { LEDGER_PAGE_SIZE, useLedgerStore } from './ledger.js';

const entry = (id: number) => ({
  id,
  kind: 'reserve',
  amount: 1,
  debit: 'customer:available',
  credit: 'customer:reserved',
  availableChange: -1,
  memo: `message ${id}`,
  createdAt: '2026-11-22T10:00:00.000Z',
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
});

describe('ledger store', () => {
  it('loads the first page for the filters, then the next by cursor, and starts over on a new filter', async () => {
    const api = await startScriptedApi((request) => {
      const url = new URL(request.url, 'http://x');
      const before = url.searchParams.get('before');
      return before
        ? { status: 200, body: { items: [entry(1)], nextBefore: null } }
        : { status: 200, body: { items: [entry(3), entry(2)], nextBefore: 2 } };
    });
    close = api.close;
    setApiClient(createApiClient({ baseUrl: api.baseUrl }));
    setActivePinia(createPinia());
    const store = useLedgerStore();

    store.filters.kind = 'reserve';
    store.filters.from = '2026-11-01';
    await store.load();
    await store.loadMore();
    expect(store.items.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(store.nextBefore).toBeNull();
    expect(api.requests.map((r) => r.url)).toEqual([
      `/v1/ledger?from=2026-11-01&kind=reserve&limit=${LEDGER_PAGE_SIZE}`,
      `/v1/ledger?from=2026-11-01&kind=reserve&limit=${LEDGER_PAGE_SIZE}&before=2`,
    ]);
    expect(store.exportUrl).toBe(`${api.baseUrl}/v1/ledger/export.xlsx?from=2026-11-01&kind=reserve`);

    store.clearFilters();
    await store.load();
    expect(store.items.map((e) => e.id)).toEqual([3, 2]);
    expect(api.requests.at(-1)?.url).toBe(`/v1/ledger?limit=${LEDGER_PAGE_SIZE}`);
  });
});
