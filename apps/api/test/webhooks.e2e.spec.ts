import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/db/seed-demo.js';
import { WebhookSweeper } from '../src/modules/webhooks/webhook-sweeper.js';
import { bearer, login, sessionCookie } from './support/http.js';
import { createTestPlatform, deleteRedisKeys, eventually, type TestPlatform } from './support/platform.js';

// Retries 300 ms, 600 ms, 1.2 s… and a 3 s window, so backoff and giving up happen within a test.
process.env.MTREDI_WEBHOOK_RETRY_BASE_MS = '300';
process.env.MTREDI_WEBHOOK_RETRY_WINDOW_MS = '3000';
process.env.MTREDI_WEBHOOK_TIMEOUT_MS = '2000';

interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/**
 * A customer's endpoint on loopback. Each path behaves its own way: `/fail-twice/…` answers 500 to its first
 * two requests, `/down` always 500, `/smsoffice` the text OK, `/not-ok` 200 with other text, anything else 204.
 */
class Receiver {
  readonly requests: Received[] = [];
  private readonly server: Server;
  private readonly failures = new Map<string, number>();

  constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        this.requests.push({
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        });
        if (url.pathname.startsWith('/fail-twice')) {
          const seen = (this.failures.get(url.pathname) ?? 0) + 1;
          this.failures.set(url.pathname, seen);
          if (seen <= 2) return res.writeHead(500).end('not yet');
        }
        if (url.pathname === '/down') return res.writeHead(500).end('down for maintenance');
        if (url.pathname === '/smsoffice') return res.writeHead(200, { 'Content-Type': 'text/plain' }).end('OK');
        if (url.pathname === '/not-ok') return res.writeHead(200).end('fine');
        res.writeHead(204).end();
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  at(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** What a customer's endpoint does with the Mtredi-Signature header, written from the documentation. */
function verify(secret: string, header: string | undefined, rawBody: string): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((kv) => kv.split('=') as [string, string]));
  if (!parts.t || !parts.v1) return false;
  if (Math.abs(Date.now() / 1000 - Number(parts.t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest('hex');
  return expected.length === parts.v1.length && timingSafeEqual(Buffer.from(expected), Buffer.from(parts.v1));
}

describe('webhooks: signed status events with retries', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let receiver: Receiver;
  let base: string;
  const http = () => request(app.getHttpServer());
  const auth = () => bearer(platform.apiKey);

  const createHook = async (body: Record<string, unknown>) =>
    (await http().post('/v1/webhooks').set(auth()).send(body).expect(201)).body as { id: string; secret: string };
  const send = async (to: string, reference?: string) =>
    (
      await http()
        .post('/v1/messages')
        .set(auth())
        .send({ to, sender: DEMO.sender, text: 'webhook test', ...(reference ? { reference } : {}) })
        .expect(201)
    ).body.id as string;
  const deliveries = async (hookId: string) =>
    (await http().get(`/v1/webhooks/${hookId}/deliveries`).set(auth()).expect(200)).body.items as Record<
      string,
      unknown
    >[];

  beforeAll(async () => {
    receiver = new Receiver();
    base = await receiver.start();
    platform = await createTestPlatform();
    app = await platform.startHttp('all');
  });
  afterAll(async () => {
    await platform?.destroy();
    await receiver?.stop();
  });

  it('creates a webhook, shows its secret once, and refuses a URL that is not http(s)', async () => {
    const created = await createHook({ url: `${base}/first`, description: 'orders' });
    expect(created.secret).toMatch(/^whsec_[\w-]{40,}$/);
    expect(created).toMatchObject({ url: `${base}/first`, format: 'mtredi', events: null, enabled: true });
    const list = await http().get('/v1/webhooks').set(auth()).expect(200);
    expect(list.body.items.map((h: { id: string }) => h.id)).toContain(created.id);
    expect(JSON.stringify(list.body)).not.toContain(created.secret);

    const bad = await http()
      .post('/v1/webhooks')
      .set(auth())
      .send({ url: 'ftp://127.0.0.1/x', events: ['delivered', 'delivered'] })
      .expect(400);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['events', 'url']);
    await http().delete(`/v1/webhooks/${created.id}`).set(auth()).expect(204);
  });

  it('signs the test event so that the receiver can verify it with the secret', async () => {
    const hook = await createHook({ url: `${base}/signed` });
    const res = await http().post(`/v1/webhooks/${hook.id}/test`).set(auth()).expect(200);
    expect(res.body).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 204, test: true });

    const [received] = receiver.at('/signed');
    expect(received?.method).toBe('POST');
    expect(received?.headers['content-type']).toBe('application/json');
    expect(verify(hook.secret, received?.headers['mtredi-signature'] as string, received?.body ?? '')).toBe(true);
    expect(verify(`${hook.secret}x`, received?.headers['mtredi-signature'] as string, received?.body ?? '')).toBe(
      false,
    );
    expect(verify(hook.secret, received?.headers['mtredi-signature'] as string, `${received?.body} `)).toBe(false);
    const event = JSON.parse(received?.body ?? '{}');
    expect(event).toMatchObject({ version: 1, type: 'message.status', test: true, data: { status: 'delivered' } });
    expect(received?.headers['mtredi-event-id']).toBe(event.id);

    // After a rotation only the new secret verifies.
    const rotated = await http().post(`/v1/webhooks/${hook.id}/rotate-secret`).set(auth()).expect(200);
    expect(rotated.body.secret).not.toBe(hook.secret);
    await http().post(`/v1/webhooks/${hook.id}/test`).set(auth()).expect(200);
    const second = receiver.at('/signed')[1];
    expect(verify(rotated.body.secret, second?.headers['mtredi-signature'] as string, second?.body ?? '')).toBe(true);
    expect(verify(hook.secret, second?.headers['mtredi-signature'] as string, second?.body ?? '')).toBe(false);
    await http().delete(`/v1/webhooks/${hook.id}`).set(auth()).expect(204);
  });

  it('posts every status change of a real message, signed, and logs each delivery', async () => {
    const hook = await createHook({ url: `${base}/all` });
    const messageId = await send('599123401', 'order-7');

    const received = await eventually(async () => {
      const events = receiver.at('/all').map((r) => ({ r, event: JSON.parse(r.body) }));
      return events.some((e) => e.event.data.status === 'delivered') ? events : undefined;
    });
    expect(received.map((e) => e.event.data.status).sort()).toEqual(['delivered', 'in_transit', 'queued']);
    for (const { r, event } of received) {
      expect(verify(hook.secret, r.headers['mtredi-signature'] as string, r.body)).toBe(true);
      expect(event).toMatchObject({
        version: 1,
        type: 'message.status',
        test: false,
        data: { messageId, reference: 'order-7', to: '+995599123401', errorCode: null },
      });
    }
    expect(new Set(received.map((e) => e.event.id)).size).toBe(3);

    const log = await eventually(async () => {
      const items = await deliveries(hook.id);
      return items.length === 3 && items.every((d) => d.status === 'delivered') ? items : undefined;
    });
    for (const d of log) {
      expect(d).toMatchObject({ messageId, attempts: 1, lastStatusCode: 204, nextAttemptAt: null, test: false });
      expect(Date.parse(d.deliveredAt as string)).toBeGreaterThan(0);
    }
    await http().delete(`/v1/webhooks/${hook.id}`).set(auth()).expect(204);
  });

  it('retries with backoff: a receiver that fails twice gets the same event three times, then it is delivered', async () => {
    const hook = await createHook({ url: `${base}/fail-twice`, events: ['delivered'] });
    const messageId = await send('599123402');

    const delivery = await eventually(async () => {
      const [d] = await deliveries(hook.id);
      return d?.status === 'delivered' ? d : undefined;
    });
    expect(delivery).toMatchObject({ messageId, event: 'delivered', attempts: 3, lastStatusCode: 204 });
    const attempts = receiver.at('/fail-twice');
    expect(attempts).toHaveLength(3);
    expect(attempts.map((r) => r.headers['mtredi-delivery-attempt'])).toEqual(['1', '2', '3']);
    expect(new Set(attempts.map((r) => JSON.parse(r.body).id)).size).toBe(1);
    // Exponential: 300 ms before the second attempt, 600 ms before the third.
    const [first, second, third] = attempts.map((r) => r.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(280);
    expect(third - second).toBeGreaterThanOrEqual(580);
    await http().delete(`/v1/webhooks/${hook.id}`).set(auth()).expect(204);
  });

  it('shows a failing delivery with its last answer and next retry, then gives up after the retry window', async () => {
    const hook = await createHook({ url: `${base}/down`, events: ['delivered'] });
    await send('599123403');

    const retrying = await eventually(async () => {
      const [d] = await deliveries(hook.id);
      return d && (d.attempts as number) >= 1 && d.status === 'pending' ? d : undefined;
    });
    expect(retrying).toMatchObject({ lastStatusCode: 500, lastError: 'HTTP 500: "down for maintenance"' });
    expect(Date.parse(retrying.nextAttemptAt as string)).toBeGreaterThan(Date.parse(retrying.lastAttemptAt as string));

    const failed = await eventually(async () => {
      const [d] = await deliveries(hook.id);
      return d?.status === 'failed' ? d : undefined;
    });
    // Attempts at 0, 0.3, 0.9 and 2.1 s; the next (4.5 s) would be past the 3 s window.
    expect(failed).toMatchObject({ attempts: 4, nextAttemptAt: null, deliveredAt: null, lastStatusCode: 500 });
    expect(receiver.at('/down')).toHaveLength(4);
    await http().delete(`/v1/webhooks/${hook.id}`).set(auth()).expect(204);
  });

  it('calls an smsoffice-format URL with GET parameters for final statuses only, and needs the answer OK', async () => {
    const ok = await createHook({ url: `${base}/smsoffice?secret=s3cret`, format: 'smsoffice' });
    const notOk = await createHook({ url: `${base}/not-ok`, format: 'smsoffice' });
    expect(
      (await http().get('/v1/webhooks').set(auth())).body.items.find((h: { id: string }) => h.id === ok.id),
    ).toMatchObject({ events: ['delivered', 'undelivered', 'expired', 'rejected', 'failed'] });
    await send('599123404', 'sms-ref-1');
    await send('599123405'); // no reference: nothing an smsoffice receiver could match, so not sent

    const callback = await eventually(async () => receiver.at('/smsoffice')[0]);
    expect(callback.method).toBe('GET');
    expect(Object.fromEntries(callback.query)).toMatchObject({
      secret: 's3cret',
      reference: 'sms-ref-1',
      status: 'Delivered',
      reason: '',
      destination: '995599123404',
      operator: '28202',
    });
    expect(callback.query.get('timestamp')).toMatch(/^\d{14}$/);
    const [delivered] = await eventually(async () => {
      const items = await deliveries(ok.id);
      return items[0]?.status === 'delivered' ? items : undefined;
    });
    expect(delivered).toMatchObject({ format: 'smsoffice', attempts: 1, lastStatusCode: 200 });

    const refused = await eventually(async () => {
      const [d] = await deliveries(notOk.id);
      return d && (d.attempts as number) >= 1 ? d : undefined;
    });
    expect(refused.status).not.toBe('delivered');
    expect(refused.lastError).toBe('answered "fine" instead of OK');
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.at('/smsoffice')).toHaveLength(1);
    await http().delete(`/v1/webhooks/${ok.id}`).set(auth()).expect(204);
    await http().delete(`/v1/webhooks/${notOk.id}`).set(auth()).expect(204);
  });

  it('a disabled webhook gets nothing; a deleted one has no log', async () => {
    const hook = await createHook({ url: `${base}/paused` });
    await http().patch(`/v1/webhooks/${hook.id}`).set(auth()).send({ enabled: false }).expect(200);
    const watcher = await createHook({ url: `${base}/watcher`, events: ['delivered'] });
    await send('599123406');
    await eventually(async () => (receiver.at('/watcher').length > 0 ? true : undefined));
    expect(receiver.at('/paused')).toHaveLength(0);
    expect(await deliveries(hook.id)).toEqual([]);

    await http().delete(`/v1/webhooks/${hook.id}`).set(auth()).expect(204);
    await http().get(`/v1/webhooks/${hook.id}/deliveries`).set(auth()).expect(404);
    await http().delete(`/v1/webhooks/${watcher.id}`).set(auth()).expect(204);
  });

  it('another organization sees none of these webhooks or logs, and gets none of their events', async () => {
    const mine = await createHook({ url: `${base}/mine` });
    await http().post(`/v1/webhooks/${mine.id}/test`).set(auth()).expect(200);

    const registered = await http().post('/v1/auth/register').send({
      companyName: 'Other Ltd',
      contactName: 'Other',
      email: 'owner@other.ge',
      phone: '599000222',
      password: 'other password 1',
    });
    const other = sessionCookie(registered.headers['set-cookie']);
    const staff = await login(app, DEMO.staffEmail, DEMO.staffPassword);
    await http().post(`/v1/admin/organizations/${registered.body.organization.id}/activate`).set('Cookie', staff);
    const otherKey = (await http().post('/v1/api-keys').set('Cookie', other).send({ name: 'k' }).expect(201)).body.key;

    for (const credentials of [{ Cookie: other }, bearer(otherKey)]) {
      const list = await http().get('/v1/webhooks').set(credentials).expect(200);
      expect(list.body.items).toEqual([]);
      await http().get(`/v1/webhooks/${mine.id}/deliveries`).set(credentials).expect(404);
      await http().post(`/v1/webhooks/${mine.id}/test`).set(credentials).expect(404);
      await http().patch(`/v1/webhooks/${mine.id}`).set(credentials).send({ enabled: false }).expect(404);
      await http().delete(`/v1/webhooks/${mine.id}`).set(credentials).expect(404);
      await http().post(`/v1/webhooks/${mine.id}/rotate-secret`).set(credentials).expect(404);
    }
    const theirs = (
      await http()
        .post('/v1/webhooks')
        .set(bearer(otherKey))
        .send({ url: `${base}/theirs` })
        .expect(201)
    ).body;
    await http().get(`/v1/webhooks/${theirs.id}/deliveries`).set(auth()).expect(404);

    await send('599123407');
    await eventually(async () =>
      receiver.at('/mine').some((r) => JSON.parse(r.body).data.status === 'delivered') ? true : undefined,
    );
    expect(receiver.at('/theirs')).toHaveLength(0);
    const mineLog = await deliveries(mine.id);
    expect(mineLog.length).toBeGreaterThanOrEqual(2);
    const theirLog = await http().get(`/v1/webhooks/${theirs.id}/deliveries`).set(bearer(otherKey)).expect(200);
    expect(theirLog.body.items).toEqual([]);
  });
});

describe('webhooks: a restart loses no delivery', () => {
  let platform: TestPlatform;
  let receiver: Receiver;
  let base: string;

  beforeAll(async () => {
    receiver = new Receiver();
    base = await receiver.start();
    platform = await createTestPlatform({ env: { MTREDI_SWEEP_INTERVAL_MS: '200', MTREDI_SWEEP_AFTER_MS: '0' } });
  });
  afterAll(async () => {
    await platform?.destroy();
    await receiver?.stop();
  });

  it('deliveries stored while no worker ran, and lost by Redis, are sent once a worker starts', async () => {
    const api = await platform.startHttp('api');
    const http = () => request(api.getHttpServer());
    const hook = (
      await http()
        .post('/v1/webhooks')
        .set(bearer(platform.apiKey))
        .send({ url: `${base}/restart` })
        .expect(201)
    ).body;
    await http()
      .post('/v1/messages')
      .set(bearer(platform.apiKey))
      .send({ to: '599123408', sender: DEMO.sender, text: 'after a restart' })
      .expect(201);
    // The send is answered at its commit; its `queued` event is recorded right after.
    const pending = await eventually(async () => {
      const items = (await http().get(`/v1/webhooks/${hook.id}/deliveries`).set(bearer(platform.apiKey))).body.items;
      return items.length > 0 ? items : undefined;
    });
    expect(pending).toMatchObject([{ event: 'queued', status: 'pending', attempts: 0 }]);

    // Redis loses the queued jobs of this installation; only the stored deliveries remain.
    expect(await deleteRedisKeys(platform.config)).toBeGreaterThan(0);
    const worker = await platform.startWorker();

    await eventually(async () => {
      const statuses = receiver.at('/restart').map((r) => JSON.parse(r.body).data.status);
      return statuses.includes('queued') && statuses.includes('delivered') ? true : undefined;
    });
    const log = await eventually(async () => {
      const items = (await http().get(`/v1/webhooks/${hook.id}/deliveries`).set(bearer(platform.apiKey))).body
        .items as { status: string }[];
      return items.length === 3 && items.every((d) => d.status === 'delivered') ? items : undefined;
    });
    expect(log).toHaveLength(3);
    expect(receiver.at('/restart').filter((r) => JSON.parse(r.body).data.status === 'queued')).toHaveLength(1);
    expect(await worker.get(WebhookSweeper).sweep()).toBe(0);
  });
});
