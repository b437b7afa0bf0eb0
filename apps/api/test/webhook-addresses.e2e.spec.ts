import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenancy } from '../src/db/tenancy.js';
import { Webhook } from '../src/modules/webhooks/webhook.entity.js';
import { bearer } from './support/http.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';

/** A receiver on loopback that counts what reaches it. */
async function startReceiver(): Promise<{ url: string; hits: string[]; server: Server }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, server };
}

describe('webhook addresses: private networks refused unless the platform allows them', () => {
  let strict: TestPlatform;
  let open: TestPlatform;
  let strictApp: NestFastifyApplication;
  let openApp: NestFastifyApplication;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    strict = await createTestPlatform({ env: { MTREDI_WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'false' } });
    strictApp = await strict.startHttp('all');
    open = await createTestPlatform();
    openApp = await open.startHttp('all');
  });
  afterAll(async () => {
    await strict?.destroy();
    await open?.destroy();
    receiver?.server.closeAllConnections();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  it('refuses loopback, private, link-local and mapped addresses at registration, naming the address', async () => {
    const cases: [string, RegExp][] = [
      [`${receiver.url}/hook`, /127\.0\.0\.1 is a loopback address/],
      ['http://10.1.2.3/hook', /10\.1\.2\.3 is a private address/],
      ['http://192.168.0.10/hook', /is a private address/],
      ['http://169.254.169.254/latest/meta-data', /169\.254\.169\.254 is a linkLocal address/],
      ['http://100.64.0.1/hook', /carrierGradeNat/],
      ['http://[::1]:8080/hook', /::1 is a loopback address/],
      ['http://[fd00::1]/hook', /uniqueLocal/],
      ['http://[::ffff:127.0.0.1]/hook', /loopback/],
      ['http://0.0.0.0/hook', /unspecified/],
      // A name is resolved and every address it has is checked.
      ['http://localhost:9/hook', /localhost resolves to (127\.0\.0\.1|::1)/],
    ];
    for (const [url, message] of cases) {
      const res = await request(strictApp.getHttpServer())
        .post('/v1/webhooks')
        .set(bearer(strict.apiKey))
        .send({ url })
        .expect(422);
      expect(res.body.code, url).toBe('webhooks/address_not_allowed');
      expect(res.body.message, url).toMatch(message);
      expect(res.body.details).toEqual([{ path: 'url', message: res.body.message }]);
    }
    const list = await request(strictApp.getHttpServer()).get('/v1/webhooks').set(bearer(strict.apiKey)).expect(200);
    expect(list.body.items).toEqual([]);
  });

  it('accepts a public address, and refuses a change of the URL to a private one', async () => {
    // Registration does not connect, so a public address is accepted without any traffic leaving loopback.
    const created = await request(strictApp.getHttpServer())
      .post('/v1/webhooks')
      .set(bearer(strict.apiKey))
      .send({ url: 'https://93.184.215.14/hook' })
      .expect(201);
    const changed = await request(strictApp.getHttpServer())
      .patch(`/v1/webhooks/${created.body.id}`)
      .set(bearer(strict.apiKey))
      .send({ url: `${receiver.url}/hook` })
      .expect(422);
    expect(changed.body.code).toBe('webhooks/address_not_allowed');
    const hook = await request(strictApp.getHttpServer()).get('/v1/webhooks').set(bearer(strict.apiKey)).expect(200);
    expect(hook.body.items[0].url).toBe('https://93.184.215.14/hook');
    await request(strictApp.getHttpServer())
      .delete(`/v1/webhooks/${created.body.id}`)
      .set(bearer(strict.apiKey))
      .expect(204);
  });

  it('checks again at delivery: a URL that now leads to loopback is not posted to, and the log says why', async () => {
    const created = await request(strictApp.getHttpServer())
      .post('/v1/webhooks')
      .set(bearer(strict.apiKey))
      .send({ url: 'https://93.184.215.14/hook' })
      .expect(201);
    // As if the host's DNS had changed after registration: the stored URL now leads to this machine.
    await strictApp
      .get(Tenancy)
      .system()
      .nativeUpdate(Webhook, { id: created.body.id }, { url: `${receiver.url}/rebound` });
    const test = await request(strictApp.getHttpServer())
      .post(`/v1/webhooks/${created.body.id}/test`)
      .set(bearer(strict.apiKey))
      .expect(200);
    expect(test.body).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null });
    expect(test.body.lastError).toBe(
      'Webhooks may only reach public internet addresses; 127.0.0.1 is a loopback address',
    );
    expect(receiver.hits).toEqual([]);
  });

  it('with the allow flag, registers a loopback receiver and delivers to it', async () => {
    const created = await request(openApp.getHttpServer())
      .post('/v1/webhooks')
      .set(bearer(open.apiKey))
      .send({ url: `${receiver.url}/allowed` })
      .expect(201);
    const test = await request(openApp.getHttpServer())
      .post(`/v1/webhooks/${created.body.id}/test`)
      .set(bearer(open.apiKey))
      .expect(200);
    expect(test.body).toMatchObject({ status: 'delivered', lastStatusCode: 204, lastError: null });
    expect(receiver.hits).toEqual(['/allowed']);
  });
});
