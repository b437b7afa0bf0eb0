import { afterEach, describe, expect, it } from 'vitest';
import { type RecordedRequest, type ScriptedResponse, startScriptedApi } from '../testing/scriptedApi.js';
import { ApiError, createApiClient } from './client.js';
import { uploadContentType, XLSX_CONTENT_TYPE } from './contacts.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function clientAnswering(handle: (request: RecordedRequest) => ScriptedResponse) {
  const api = await startScriptedApi(handle);
  close = api.close;
  return { client: createApiClient({ baseUrl: api.baseUrl }), requests: api.requests, baseUrl: api.baseUrl };
}

const preview = {
  id: '00000000-0000-4000-8000-000000000001',
  fileName: 'კლიენტები.xlsx',
  kind: 'xlsx',
  headerRow: 1,
  headers: ['ტელეფონი'],
  mapping: { '0': 'phone' },
  rows: [['599123456']],
};

describe('contacts endpoints', () => {
  it('uploads the workbook as the raw body with its type and name, and parses the preview', async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 201, body: preview }));
    const bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
    const answer = await client.uploadImport(new Blob([bytes]), 'კლიენტები.xlsx');
    expect(answer.mapping).toEqual({ '0': 'phone' });
    expect(requests[0]?.url).toBe(`/v1/imports?fileName=${encodeURIComponent('კლიენტები.xlsx')}`);
    expect(requests[0]?.contentType).toBe(XLSX_CONTENT_TYPE);
    expect([...((requests[0]?.body ?? []) as Buffer)]).toEqual([...bytes]);
    expect(uploadContentType('list.CSV')).toBe('text/csv');
  });

  it("surfaces a file the API cannot read as its import/ code with the API's sentence", async () => {
    const { client } = await clientAnswering(() => ({
      status: 422,
      body: { code: 'import/password_protected', message: 'The workbook is encrypted with a password' },
    }));
    const error = await client.uploadImport(new Blob(['x']), 'a.xlsx').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('import/password_protected');
  });

  it('takes a number off the stop list with the reason in a JSON body, the number in the path', async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 204 }));
    await client.removeStop('+995599112233', 'new written consent');
    expect(requests[0]).toEqual({
      method: 'DELETE',
      url: '/v1/stop-list/%2B995599112233',
      body: { reason: 'new written consent' },
    });
  });

  it('saves drafts by PUT under the id the composer chose', async () => {
    const id = '00000000-0000-4000-8000-000000000002';
    const { client, requests } = await clientAnswering((r) => ({
      status: 200,
      body: { id, content: r.body, createdAt: '2026-11-22T10:00:00Z', updatedAt: '2026-11-22T10:00:00Z' },
    }));
    const draft = await client.saveDraft(id, { text: 'გამარჯობა', recipients: '599123456' });
    expect(draft.content.version).toBe(1);
    expect(requests[0]).toMatchObject({ method: 'PUT', url: `/v1/drafts/${id}` });
  });

  it('pages back through messages with the before cursor', async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 200, body: { items: [] } }));
    await client.listMessages(50, 'm-42');
    await client.listMessages();
    expect(requests.map((r) => r.url)).toEqual(['/v1/messages?limit=50&before=m-42', '/v1/messages?limit=50']);
  });
});
