import type { Contact } from '@mtredi/api-contract';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, setApiClient } from '../api/index.js';
import { type Handler, startScriptedApi } from '../testing/scriptedApi.js';
import { useContactsStore } from './contacts.js';

const GROUP = '00000000-0000-4000-8000-0000000000aa';

function contact(n: number): Contact {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    phone: `+99559912345${n}`,
    firstName: 'ნინო',
    lastName: null,
    fields: {},
    groupIds: [],
    stopped: false,
    createdAt: '2026-11-22T10:00:00.000Z',
    updatedAt: '2026-11-22T10:00:00.000Z',
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function storeAnswering(handle: Handler) {
  const api = await startScriptedApi(handle);
  close = api.close;
  setApiClient(createApiClient({ baseUrl: api.baseUrl }));
  setActivePinia(createPinia());
  return { store: useContactsStore(), requests: api.requests };
}

describe('contacts store', () => {
  it('asks the API for the page, with the search, group and order, and starts again at page one on a new search', async () => {
    const { store, requests } = await storeAnswering(() => ({
      status: 200,
      body: { items: [contact(1), contact(2)], total: 120, totalCapped: false },
    }));
    await store.setOffset(50);
    expect(requests.at(-1)?.url).toBe('/v1/contacts?sort=created_desc&limit=50&offset=50');
    await store.setQuery({ search: ' 599 ', groupId: GROUP, sort: 'name' });
    expect(requests.at(-1)?.url).toBe(`/v1/contacts?search=599&groupId=${GROUP}&sort=name&limit=50&offset=0`);
    expect(store.total).toBe(120);
    expect(store.filtered).toBe(true);
    expect(store.exportUrl('ka').endsWith(`/v1/contacts/export.xlsx?search=599&groupId=${GROUP}&language=ka`)).toBe(
      true,
    );
  });

  it('keeps the answer of the latest search when an older one arrives after it', async () => {
    const api = await startScriptedApi((request) => {
      const older = request.url.includes('search=5&');
      return { status: 200, body: { items: [contact(older ? 5 : 9)], total: 1, totalCapped: false } };
    });
    close = api.close;
    // The older search's answer is held back until after the newer one has arrived.
    const slow = (input: RequestInfo | URL, init?: RequestInit) =>
      String(input).includes('search=5&')
        ? new Promise<Response>((done) => setTimeout(() => done(fetch(input, init)), 50))
        : fetch(input, init);
    setApiClient(createApiClient({ baseUrl: api.baseUrl, fetch: slow }));
    setActivePinia(createPinia());
    const store = useContactsStore();
    const older = store.setQuery({ search: '5' });
    const newer = store.setQuery({ search: '59' });
    await newer;
    expect(store.loading).toBe(false);
    await older;
    expect(api.requests).toHaveLength(2);
    expect(store.items.map((c) => c.id)).toEqual([contact(9).id]);
  });

  it('applies a bulk action to the ticked rows or to the whole search, and clears the ticks', async () => {
    const { store, requests } = await storeAnswering((request) =>
      request.method === 'POST'
        ? { status: 200, body: { affected: request.body && (request.body as { ids?: string[] }).ids ? 2 : 120 } }
        : { status: 200, body: { items: [contact(1), contact(2)], total: 10_000, totalCapped: true } },
    );
    await store.setQuery({ search: '599' });
    expect(store.totalCapped).toBe(true);
    store.selected = [...store.items];
    expect(await store.bulk('add_to_group', { ids: store.selected.map((c) => c.id) }, GROUP)).toBe(2);
    expect(store.selected).toEqual([]);
    expect(await store.bulk('delete', { query: store.filter })).toBe(120);
    const posts = requests.filter((r) => r.method === 'POST').map((r) => r.body);
    expect(posts).toEqual([
      { action: 'add_to_group', ids: [contact(1).id, contact(2).id], groupId: GROUP },
      { action: 'delete', query: { search: '599' } },
    ]);
  });
});
