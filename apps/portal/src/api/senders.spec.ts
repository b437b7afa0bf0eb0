import { afterEach, describe, expect, it } from 'vitest';
import { type Handler, startScriptedApi } from '../testing/scriptedApi.js';
import { ApiError, createApiClient } from './client.js';
import { attachmentName, XLSX_TYPE } from './senders.js';

const WORKBOOK = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x10]);
const SENDER_ID = '0b7f3c1e-8d7a-4c2b-9a51-2f0e6d1c3b4a';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function clientAnswering(handle: Handler) {
  const api = await startScriptedApi(handle);
  close = api.close;
  return { client: createApiClient({ baseUrl: api.baseUrl }), requests: api.requests };
}

describe('sender endpoints', () => {
  it('downloads an operator batch as a file, with the count and the name the API gave it', async () => {
    const { client, requests } = await clientAnswering(() => ({
      status: 200,
      raw: WORKBOOK,
      headers: {
        'content-type': XLSX_TYPE,
        'content-disposition': 'attachment; filename="sender-names-magti.xlsx"',
        'x-batch-count': '3',
      },
    }));
    const batch = await client.exportSenderBatch('magti');
    expect(batch.count).toBe(3);
    expect(batch.filename).toBe('sender-names-magti.xlsx');
    expect(Buffer.from(await batch.blob.arrayBuffer())).toEqual(WORKBOOK);
    expect(requests).toEqual([{ method: 'POST', url: '/v1/admin/senders/batches', body: { operator: 'magti' } }]);
  });

  it("uploads the operator's answer as the raw workbook and reads the result per decision", async () => {
    const { client, requests } = await clientAnswering(() => ({
      status: 201,
      body: {
        items: [
          { senderId: SENDER_ID, ok: true, state: 'active' },
          { senderId: '', ok: false, error: 'row 3: column A is not a request id' },
        ],
      },
    }));
    const results = await client.importSenderDecisions('silknet', new Blob([WORKBOOK]));
    expect(results.items.map((r) => r.ok)).toEqual([true, false]);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: '/v1/admin/senders/decisions/import?operator=silknet',
      contentType: XLSX_TYPE,
    });
    expect(requests[0]?.body).toEqual(WORKBOOK);
  });

  it('filters the staff queue by state and operator', async () => {
    const { client, requests } = await clientAnswering(() => ({ status: 200, body: { items: [] } }));
    await client.listSenderQueue({ state: 'submitted', operator: 'cellfie' });
    await client.listSenderQueue({ state: 'requested' });
    expect(requests.map((r) => r.url)).toEqual([
      '/v1/admin/senders?state=submitted&operator=cellfie',
      '/v1/admin/senders?state=requested',
    ]);
  });

  it('keeps the reason per broken rule of a refused name for the form', async () => {
    const { client } = await clientAnswering(() => ({
      status: 422,
      body: {
        code: 'senders/invalid_name',
        message: 'refused',
        details: [
          { path: 'name', message: 'Character 2 "ტ" is a Georgian letter' },
          { path: 'name', message: 'Character 3 "!" is not allowed' },
        ],
      },
    }));
    const error = await client.requestSender('Mტ!').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).details.map((d) => d.message)).toHaveLength(2);
    expect((error as ApiError).code).toBe('senders/invalid_name');
  });

  it('sends no body for actions that answer nothing and fails a file download like any call', async () => {
    const { client, requests } = await clientAnswering((request) =>
      request.url.endsWith('/batches')
        ? { status: 403, body: { code: 'auth/forbidden', message: 'staff only' } }
        : { status: 201 },
    );
    await client.revokeSender(SENDER_ID, 'magti', 'brand dispute');
    expect(requests[0]).toEqual({
      method: 'POST',
      url: `/v1/admin/senders/${SENDER_ID}/revoke`,
      body: { operator: 'magti', reason: 'brand dispute' },
    });
    const error = await client.exportSenderBatch('magti').catch((e: unknown) => e);
    expect((error as ApiError).code).toBe('auth/forbidden');
  });
});

describe('attachmentName', () => {
  it('reads the file name of a Content-Disposition header', () => {
    expect(attachmentName('attachment; filename="a b.xlsx"', 'x')).toBe('a b.xlsx');
    expect(attachmentName('attachment; filename=plain.xlsx', 'x')).toBe('plain.xlsx');
    expect(attachmentName(null, 'fallback.xlsx')).toBe('fallback.xlsx');
  });
});
