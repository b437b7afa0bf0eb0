import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Campaign } from '../api/campaigns.js';
import { createApiClient, setApiClient } from '../api/index.js';
import { startScriptedApi } from '../testing/scriptedApi.js';
import {
  isLive,
  progressPercent,
  splitNumbers,
  tbilisiIso,
  tbilisiNow,
  unsettled,
  useCampaignsStore,
} from './campaigns.js';

const stats = (over: Partial<Campaign['stats']> = {}): Campaign['stats'] => ({
  accepted: 0,
  sent: 0,
  delivered: 0,
  undelivered: 0,
  expired: 0,
  rejected: 0,
  failed: 0,
  inTransit: 0,
  deliveryRate: null,
  timeToDeliverP50Ms: null,
  timeToDeliverP95Ms: null,
  ...over,
});

function campaign(status: Campaign['status'], over: Partial<Campaign> = {}): Campaign {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'ნოემბერი',
    status,
    sender: 'Mtredi',
    text: 'გამარჯობა {first_name}',
    templateId: null,
    template: null,
    recipients: { groupIds: [], contactIds: [], numbers: ['599123456'] },
    options: { transliterate: 'none', replaceLookalikes: false, missing: 'fallback', fallback: '', optOut: false },
    totals: null,
    planned: null,
    failure: null,
    scheduledAt: null,
    createdAt: '2026-11-22T10:00:00.000Z',
    startedAt: null,
    finishedAt: null,
    stats: stats(),
    ...over,
  };
}

const totals = (messages: number) => ({
  recipients: messages,
  messages,
  parts: messages,
  duplicates: 0,
  skippedStopped: 0,
  skippedInvalid: 0,
  skippedMissing: 0,
  skippedUnauthorized: 0,
  skippedUndeliverable: 0,
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('campaign helpers', () => {
  it('writes a time on the Tbilisi clock with its +04:00 offset, whatever the browser zone', () => {
    expect(tbilisiIso('2026-12-01', '10:00')).toBe('2026-12-01T10:00:00+04:00');
    expect(Date.parse(tbilisiIso('2026-12-01', '10:00'))).toBe(Date.parse('2026-12-01T06:00:00Z'));
    expect(tbilisiNow(new Date('2026-11-22T21:30:00Z'))).toEqual({ date: '2026-11-23', time: '01:30' });
  });

  it('splits pasted numbers on lines, commas and semicolons', () => {
    expect(splitNumbers('599 12 34 56\n 555112233 ,577445566;\n\n')).toEqual([
      '599 12 34 56',
      '555112233',
      '577445566',
    ]);
  });

  it('counts progress against the planned messages and stays live until every receipt is in', () => {
    expect(progressPercent(campaign('running'))).toBeNull();
    expect(progressPercent(campaign('running', { totals: totals(8), stats: stats({ sent: 2 }) }))).toBe(25);
    // While the fan-out stores messages as they are sent: against the estimate taken at start.
    expect(progressPercent(campaign('running', { planned: 10, stats: stats({ sent: 4 }) }))).toBe(40);
    expect(progressPercent(campaign('running', { totals: totals(8), planned: 10, stats: stats({ sent: 4 }) }))).toBe(
      50,
    );
    expect(progressPercent(campaign('completed', { totals: totals(0) }))).toBe(100);

    expect(isLive(campaign('scheduled'))).toBe(true);
    expect(isLive(campaign('paused'))).toBe(false);
    const waiting = stats({ accepted: 4, sent: 4, delivered: 3, inTransit: 1 });
    expect(unsettled(waiting)).toBe(1);
    expect(isLive(campaign('completed', { stats: waiting }))).toBe(true);
    expect(isLive(campaign('completed', { stats: { ...waiting, delivered: 3, failed: 1 } }))).toBe(false);
  });
});

describe('campaigns store', () => {
  it('polls the open campaign while it runs and stops once it is done and settled', async () => {
    let calls = 0;
    const api = await startScriptedApi(() => {
      calls += 1;
      if (calls < 3)
        return { status: 200, body: campaign('running', { totals: totals(2), stats: stats({ accepted: 2 }) }) };
      return {
        status: 200,
        body: campaign('completed', { totals: totals(2), stats: stats({ accepted: 2, sent: 2, delivered: 2 }) }),
      };
    });
    close = api.close;
    setApiClient(createApiClient({ baseUrl: api.baseUrl }));
    setActivePinia(createPinia());
    const store = useCampaignsStore();
    void store.watch('00000000-0000-4000-8000-000000000001', 5);
    await vi.waitFor(() => expect(store.polling).toBe(false), { timeout: 2000, interval: 5 });
    expect(store.current?.status).toBe('completed');
    expect(calls).toBe(3);
    await new Promise((done) => setTimeout(done, 40));
    expect(calls).toBe(3);
  });

  it('starts at the chosen time and sends the actions to their routes', async () => {
    const api = await startScriptedApi((request) => ({
      status: 200,
      body: campaign(request.url.endsWith('/start') ? 'scheduled' : 'cancelled'),
    }));
    close = api.close;
    setApiClient(createApiClient({ baseUrl: api.baseUrl }));
    setActivePinia(createPinia());
    const store = useCampaignsStore();
    const id = '00000000-0000-4000-8000-000000000001';
    await store.act(id, 'start', '2026-12-01T10:00:00+04:00');
    await store.act(id, 'cancel');
    expect(api.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['POST', `/v1/campaigns/${id}/start`, { at: '2026-12-01T10:00:00+04:00' }],
      ['POST', `/v1/campaigns/${id}/cancel`, undefined],
    ]);
    expect(store.current?.status).toBe('cancelled');
  });
});
