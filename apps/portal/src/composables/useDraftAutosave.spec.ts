import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick, reactive } from 'vue';
import { createApiClient, setApiClient } from '../api/index.js';
import { useDraftsStore } from '../stores/drafts.js';
import { type RecordedRequest, startScriptedApi } from '../testing/scriptedApi.js';
import { useDraftAutosave, uuid } from './useDraftAutosave.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function setUp() {
  const api = await startScriptedApi((request: RecordedRequest) => {
    if (request.method === 'PUT') {
      const id = request.url.split('/').at(-1);
      return {
        status: 200,
        body: {
          id,
          content: request.body,
          createdAt: '2026-11-22T10:00:00.000Z',
          updatedAt: '2026-11-22T10:00:01.000Z',
        },
      };
    }
    return { status: 204 };
  });
  close = api.close;
  setApiClient(createApiClient({ baseUrl: api.baseUrl }));
  setActivePinia(createPinia());
  const form = reactive({ text: '', to: '' });
  const draft = useDraftAutosave(() => ({ text: form.text, ...(form.to ? { recipients: form.to } : {}) }), 20);
  const puts = () => api.requests.filter((r) => r.method === 'PUT');
  return { form, draft, puts, requests: api.requests };
}

describe('draft autosave', () => {
  it('makes RFC 4122 version 4 ids without crypto.randomUUID', () => {
    const id = uuid((bytes) => bytes.fill(0xff));
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('saves once per pause in typing, always under the same id', async () => {
    const { form, draft, puts } = await setUp();
    form.text = 'გ';
    await nextTick();
    form.text = 'გამ';
    await nextTick();
    form.text = 'გამარჯობა';
    await vi.waitFor(() => expect(puts()).toHaveLength(1), { timeout: 1000, interval: 5 });
    expect(puts()[0]?.body).toEqual({ text: 'გამარჯობა' });
    form.to = '599123456';
    await vi.waitFor(() => expect(puts()).toHaveLength(2), { timeout: 1000, interval: 5 });
    expect(puts()[1]?.url).toBe(puts()[0]?.url);
    expect(puts()[1]?.body).toEqual({ text: 'გამარჯობა', recipients: '599123456' });
    expect(draft.savedAt.value).toBe('2026-11-22T10:00:01.000Z');
    expect(useDraftsStore().items).toHaveLength(1);
  });

  it('saves nothing for an empty form or for an opened draft left unchanged', async () => {
    const { form, draft, puts } = await setUp();
    form.text = ' ';
    await nextTick();
    await new Promise((done) => setTimeout(done, 60));
    expect(puts()).toHaveLength(0);

    const opened = {
      id: '11111111-1111-4111-8111-111111111111',
      content: { version: 1 as const, text: 'ძველი', recipients: '599' },
      createdAt: '2026-11-21T10:00:00.000Z',
      updatedAt: '2026-11-21T10:00:00.000Z',
    };
    draft.adopt(opened);
    form.text = 'ძველი';
    form.to = '599';
    await nextTick();
    await new Promise((done) => setTimeout(done, 60));
    expect(puts()).toHaveLength(0);
    form.text = 'ახალი';
    await vi.waitFor(() => expect(puts()).toHaveLength(1), { timeout: 1000, interval: 5 });
    expect(puts()[0]?.url).toBe(`/v1/drafts/${opened.id}`);
  });

  it('deletes the draft once the message is sent, and saves a waiting change when the page is left', async () => {
    const { form, draft, puts, requests } = await setUp();
    form.text = 'ტექსტი';
    await vi.waitFor(() => expect(puts()).toHaveLength(1), { timeout: 1000, interval: 5 });
    const url = puts()[0]?.url;
    await draft.discard();
    expect(requests.at(-1)).toMatchObject({ method: 'DELETE', url });
    expect(draft.draftId.value).toBeNull();

    form.text = 'ახალი ტექსტი';
    await nextTick();
    draft.flush();
    await vi.waitFor(() => expect(puts()).toHaveLength(2), { timeout: 1000, interval: 5 });
    expect(puts()[1]?.url).not.toBe(url);
  });
});
