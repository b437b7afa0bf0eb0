import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient, setApiClient } from '../api/index.js';
import { type Handler, startScriptedApi } from '../testing/scriptedApi.js';
import { useChannelsStore } from './channels.js';
import { useNoticesStore } from './notices.js';

const CHANNEL = '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c';

const channel = (health: string, enabled = true) => ({
  id: CHANNEL,
  name: 'Local simulator',
  driver: 'simulator',
  enabled,
  priority: 100,
  allowProviderSender: false,
  config: {},
  health,
  healthDetail: null,
  healthSince: '2026-11-22T10:00:00.000Z',
  operators: ['magti'],
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function answering(handle: Handler) {
  const api = await startScriptedApi(handle);
  close = api.close;
  setApiClient(createApiClient({ baseUrl: api.baseUrl }));
  setActivePinia(createPinia());
  return api.requests;
}

describe('channels store', () => {
  it('keeps asking for the health while watched, and stops when the page is left', async () => {
    let listed = 0;
    const requests = await answering(() => {
      listed += 1;
      return {
        status: 200,
        body: { queue: { waiting: listed, delayed: 0, active: 0 }, items: [channel(listed < 3 ? 'down' : 'up')] },
      };
    });
    const store = useChannelsStore();
    await store.watch(5);
    await vi.waitFor(() => expect(store.items[0]?.health).toBe('up'), { timeout: 2000, interval: 5 });
    expect(store.queue?.waiting).toBeGreaterThanOrEqual(3);
    store.stop();
    const calls = requests.length;
    await new Promise((done) => setTimeout(done, 40));
    expect(requests.length).toBeLessThanOrEqual(calls + 1);
    const settled = requests.length;
    await new Promise((done) => setTimeout(done, 40));
    expect(requests.length).toBe(settled);
  });

  it('switches a channel off with a partial update and shows the health the platform reports', async () => {
    let enabled = true;
    const requests = await answering((request) => {
      if (request.method === 'PATCH') {
        enabled = (request.body as { enabled: boolean }).enabled;
        return { status: 200, body: { id: CHANNEL } };
      }
      return {
        status: 200,
        body: { queue: { waiting: 0, delayed: 0, active: 0 }, items: [channel(enabled ? 'up' : 'disabled', enabled)] },
      };
    });
    const store = useChannelsStore();
    await store.setEnabled(CHANNEL, false);
    expect(requests[0]).toEqual({ method: 'PATCH', url: `/v1/admin/channels/${CHANNEL}`, body: { enabled: false } });
    expect(store.items[0]?.health).toBe('disabled');
  });

  it("saves an operator's route in the given order and keeps the answer as the routes", async () => {
    const other = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    const requests = await answering((request) =>
      request.method === 'PUT'
        ? {
            status: 200,
            body: {
              items: [
                { operator: 'magti', channelIds: [other, CHANNEL] },
                { operator: 'silknet', channelIds: [CHANNEL] },
                { operator: 'cellfie', channelIds: [] },
              ],
            },
          }
        : { status: 200, body: { queue: { waiting: 0, delayed: 0, active: 0 }, items: [] } },
    );
    const store = useChannelsStore();
    await store.setRoute('magti', [other, CHANNEL]);
    expect(requests[0]).toEqual({
      method: 'PUT',
      url: '/v1/admin/routes/magti',
      body: { channelIds: [other, CHANNEL] },
    });
    expect(store.routes).toEqual({ magti: [other, CHANNEL], silknet: [CHANNEL], cellfie: [] });
  });
});

describe('notices store', () => {
  const notice = (id: string) => ({
    id,
    kind: 'reauthorization',
    textKa: 'ყველა სახელი ხელახლა',
    textEn: 'Every name again',
    publishedAt: '2026-11-22T10:00:00.000Z',
  });

  it('hides a notice the customer closed but shows a new one, and forgets withdrawn ones', async () => {
    let items = [notice('n1')];
    await answering(() => ({ status: 200, body: { items } }));
    const store = useNoticesStore();
    await store.load();
    store.hide('n1');
    expect(store.hidden).toEqual(['n1']);
    items = [notice('n2'), notice('n1')];
    await store.refresh();
    expect(store.items.map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(store.hidden).toEqual(['n1']);
    items = [notice('n2')];
    await store.refresh();
    expect(store.hidden).toEqual([]);
  });

  it('keeps the last notices when the API cannot be reached', async () => {
    let up = true;
    await answering(() =>
      up ? { status: 200, body: { items: [notice('n1')] } } : { status: 503, body: { code: 'x/y', message: 'down' } },
    );
    const store = useNoticesStore();
    await store.load();
    up = false;
    await store.refresh();
    expect(store.items.map((n) => n.id)).toEqual(['n1']);
  });
});
