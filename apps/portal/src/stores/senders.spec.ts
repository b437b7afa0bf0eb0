import type { AuthorizationState, SenderName } from '@mtredi/api-contract';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, setApiClient } from '../api/index.js';
import { type Handler, startScriptedApi } from '../testing/scriptedApi.js';
import { activeOperators, isUsable, useSenderQueueStore, useSendersStore } from './senders.js';

const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

function sender(
  n: number,
  name: string,
  status: SenderName['status'],
  states: [AuthorizationState, AuthorizationState, AuthorizationState],
): SenderName {
  const at = '2026-11-22T10:00:00.000Z';
  const [magti, silknet, cellfie] = states;
  return {
    id: ID(n),
    name,
    status,
    operators: {
      magti: { state: magti, reason: null, updatedAt: at },
      silknet: { state: silknet, reason: null, updatedAt: at },
      cellfie: { state: cellfie, reason: null, updatedAt: at },
    },
    matches: true,
    matchExplanation: 'the company name',
    overrideReason: null,
    createdAt: at,
  };
}

const organization = { id: 'o1', name: 'Mtredi Demo', website: 'mtredi.ge' };

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

describe('sender names', () => {
  const all = sender(1, 'Mtredi', 'active', ['active', 'active', 'active']);
  const magtiOnly = sender(2, 'MtrediDemo', 'partly_active', ['active', 'submitted', 'rejected']);
  const waiting = sender(3, 'MTR', 'pending', ['requested', 'requested', 'requested']);

  it('offers for sending every name at least one operator authorized, and says which', async () => {
    await answering(() => ({ status: 200, body: { items: [all, magtiOnly, waiting] } }));
    const store = useSendersStore();
    await store.load();
    expect(store.usable.map((s) => s.name)).toEqual(['Mtredi', 'MtrediDemo']);
    expect(activeOperators(magtiOnly)).toEqual(['magti']);
    expect(activeOperators(all)).toEqual(['magti', 'silknet', 'cellfie']);
    expect(isUsable({ status: 'revoked' })).toBe(false);
  });

  it('puts a requested name in name order and forgets a deleted one', async () => {
    const requests = await answering((request) => {
      if (request.method === 'POST') return { status: 201, body: waiting };
      if (request.method === 'DELETE') return { status: 204 };
      return { status: 200, body: { items: [all, magtiOnly] } };
    });
    const store = useSendersStore();
    await store.load();
    await store.request('MTR');
    expect(store.items.map((s) => s.name)).toEqual(['MTR', 'Mtredi', 'MtrediDemo']);
    await store.remove(ID(1));
    expect(store.items.map((s) => s.name)).toEqual(['MTR', 'MtrediDemo']);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /v1/senders',
      'POST /v1/senders',
      `DELETE /v1/senders/${ID(1)}`,
    ]);
  });
});

describe('sender queue', () => {
  it('after a batch is exported, shows the names now with that operator, ready for its answer', async () => {
    const requests = await answering((request) => {
      if (request.url === '/v1/admin/senders/batches') {
        return { status: 200, raw: Buffer.from('xlsx'), headers: { 'x-batch-count': '1' } };
      }
      return {
        status: 200,
        body: {
          items: [{ ...sender(2, 'MtrediDemo', 'pending', ['submitted', 'requested', 'requested']), organization }],
        },
      };
    });
    const store = useSenderQueueStore();
    const batch = await store.exportBatch('magti');
    expect(batch.count).toBe(1);
    expect(store.state).toBe('submitted');
    expect(store.operator).toBe('magti');
    expect(requests.at(-1)?.url).toBe('/v1/admin/senders?state=submitted&operator=magti');
    expect(store.items[0]?.organization.name).toBe('Mtredi Demo');
  });

  it('stays on the requested names when the batch was empty', async () => {
    await answering((request) =>
      request.url.endsWith('/batches')
        ? { status: 200, raw: Buffer.alloc(0), headers: { 'x-batch-count': '0' } }
        : { status: 200, body: { items: [] } },
    );
    const store = useSenderQueueStore();
    await store.exportBatch('cellfie');
    expect(store.state).toBe('requested');
  });

  it("records ticked rows as one operator's decisions and returns each row's outcome", async () => {
    const requests = await answering((request) =>
      request.method === 'POST'
        ? {
            status: 201,
            body: {
              items: [
                { senderId: ID(1), ok: true, state: 'rejected' },
                { senderId: ID(2), ok: false, error: 'Cannot reject a sender name that is active at Silknet' },
              ],
            },
          }
        : { status: 200, body: { items: [] } },
    );
    const store = useSenderQueueStore();
    const results = await store.decide('silknet', [ID(1), ID(2)], 'reject', 'not the company');
    expect(results.filter((r) => !r.ok)).toHaveLength(1);
    expect(requests[0]?.body).toEqual({
      operator: 'silknet',
      decisions: [
        { senderId: ID(1), decision: 'reject', reason: 'not the company' },
        { senderId: ID(2), decision: 'reject', reason: 'not the company' },
      ],
    });
    // The list is asked for again, so decided rows leave it.
    expect(requests[1]?.url).toBe('/v1/admin/senders?state=requested');
  });
});
