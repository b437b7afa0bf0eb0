import { randomUUID } from 'node:crypto';
import { postings } from '@mtredi/billing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/db/seed-demo.js';
import { Tenancy } from '../src/db/tenancy.js';
import { CreditService } from '../src/modules/billing/credit.service.js';
import { bearer, sessionCookie } from './support/http.js';
import { createTestPlatform, eventually, type TestPlatform } from './support/platform.js';

const GEORGIAN = 'თქვენი კოდია 4821';

/**
 * The requests smsoffice.ge's public client libraries make (see georgia.md §1), replayed against our
 * compatible endpoints: the envelope, the error codes and the side effects must match.
 */
describe('smsoffice.ge-compatible API', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let key: string;
  const http = () => request(app.getHttpServer());
  const balance = async () => Number((await http().get(`/api/getBalance?key=${key}`).expect(200)).text);
  /** Form-encoded POST to a path ending in `send/`, as the C#, TypeScript and Python clients do. */
  const post = (fields: Record<string, string>) =>
    http().post('/api/v2/send/').type('form').send(new URLSearchParams(fields).toString()).expect(200);
  const get = (query: Record<string, string>) =>
    http()
      .get(`/api/v2/send/?${new URLSearchParams(query).toString()}`)
      .expect(200);

  beforeAll(async () => {
    platform = await createTestPlatform();
    app = await platform.startHttp('all');
    key = platform.apiKey;
    const em = app.get(Tenancy).system();
    await em.transactional((tx) =>
      new CreditService().post(tx, postings.topUp(platform.organizationId, randomUUID(), 40, 'MT-TEST-0001')),
    );
  });
  afterAll(() => platform?.destroy());

  it('GET with query parameters and a percent-encoded Georgian text, as the PHP clients send it', async () => {
    const before = await balance();
    const url =
      `/api/v2/send/?key=${key}&destination=995599123450&sender=${DEMO.sender}` +
      `&content=${encodeURIComponent(GEORGIAN)}&urgent=true&reference=otp-1`;
    const res = await http().get(url).expect(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.body).toMatchObject({
      Success: true,
      ErrorCode: 0,
      Output: { Messages: [{ Destination: '995599123450', Parts: 1 }], Refused: [] },
    });
    expect(await balance()).toBe(before - 1);

    const id = res.body.Output.Messages[0].MessageId;
    const message = await http().get(`/v1/messages/${id}`).set(bearer(key)).expect(200);
    expect(message.body).toMatchObject({ to: '+995599123450', text: GEORGIAN, reference: 'otp-1', sender: 'Mtredi' });
  });

  it('form-encoded POST to send/ with comma-separated destinations sends one message per number', async () => {
    const res = await post({
      key,
      destination: '995599123451,995599123452,995599123451',
      sender: DEMO.sender,
      content: 'Your order has shipped',
      reference: 'order-77',
    });
    expect(res.body.Success).toBe(true);
    expect(res.body.ErrorCode).toBe(0);
    expect(res.body.Output.Messages.map((m: { Destination: string }) => m.Destination).sort()).toEqual([
      '995599123451',
      '995599123452',
    ]);
    // The path without the trailing slash and a plain GET work the same way.
    const plain = await http()
      .get('/api/v2/send')
      .query({ key, destination: '995599123453', sender: DEMO.sender, content: 'hi' })
      .expect(200);
    expect(plain.body).toMatchObject({ Success: true, ErrorCode: 0 });
    await http().get('/api/v2/send/extra').query({ key }).expect(404);
  });

  it('getMessageStatus answers Pending, then Delivered, by destination and reference', async () => {
    const status = () =>
      http()
        .get('/api/v2/getMessageStatus/')
        .query({ key, destination: '995599123451', reference: 'order-77' })
        .expect(200);
    const first = await status();
    expect(first.body.Success).toBe(true);
    expect(['Pending', 'Delivered']).toContain(first.body.Output.Status);
    const delivered = await eventually(async () => {
      const res = await status();
      return res.body.Output.Status === 'Delivered' ? res.body : undefined;
    });
    expect(delivered).toMatchObject({
      Success: true,
      ErrorCode: 0,
      Output: { Status: 'Delivered', State: 'delivered', Destination: '995599123451', Reference: 'order-77' },
    });

    const unknown = await http()
      .get('/api/v2/getMessageStatus/')
      .query({ key, destination: '995599123451', reference: 'no-such-ref' })
      .expect(200);
    expect(unknown.body).toMatchObject({ Success: false, ErrorCode: 404 });
  });

  it('getBalance answers the bare integer as text, the same number the JSON API shows', async () => {
    const res = await http().get('/api/getBalance').query({ key }).expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/^\d+$/);
    const json = await http().get('/v1/balance').set(bearer(key)).expect(200);
    expect(Number(res.text)).toBe(json.body.available);
    // A trailing slash, and the /v2/ spelling one client uses, answer the same.
    expect((await http().get('/api/v2/getBalance/').query({ key }).expect(200)).text).toBe(res.text);

    const wrong = await http().get('/api/getBalance').query({ key: 'not-a-key' }).expect(200);
    expect(wrong.body).toMatchObject({ Success: false, ErrorCode: 80 });
    const missing = await http().get('/api/getBalance').expect(200);
    expect(missing.body).toMatchObject({ Success: false, ErrorCode: 500 });
  });

  it('missing and empty parameters get smsoffice’s codes, and nothing is charged', async () => {
    const before = await balance();
    const full = { key, destination: '995599123454', sender: DEMO.sender, content: 'hello' };
    const without = (name: keyof typeof full) => Object.fromEntries(Object.entries(full).filter(([k]) => k !== name));
    const cases: [Record<string, string>, number][] = [
      [without('key'), 500],
      [{ ...full, key: 'mtr_AAAAAAAA_notARealKeyButLongEnoughToLookLikeOne' }, 80],
      [without('destination'), 600],
      [{ ...full, destination: ' ' }, 70],
      [without('sender'), 700],
      [without('content'), 800],
      [{ ...full, content: '' }, 60],
      [{ ...full, sender: 'MuchTooLongSender' }, 110],
      [{ ...full, sender: 'Unknown' }, 150],
      [{ ...full, destination: '12025550123' }, 10],
      [{ ...full, destination: '995123,99559912' }, 76],
      [{ ...full, scheduledAt: String(Math.floor(Date.now() / 1000) + 3600) }, 900],
    ];
    for (const [fields, code] of cases) {
      for (const res of [await post(fields), await get(fields)]) {
        expect(res.body, JSON.stringify(fields)).toMatchObject({ Success: false, ErrorCode: code });
        expect(typeof res.body.Message).toBe('string');
      }
    }
    expect(await balance()).toBe(before);
  });

  it('sends to the valid numbers of a mixed list and lists each refused one with its code', async () => {
    const res = await post({
      key,
      destination: '995599123455,12025550123,995000',
      sender: DEMO.sender,
      content: 'mixed',
    });
    expect(res.body).toMatchObject({
      Success: true,
      ErrorCode: 0,
      Output: {
        Messages: [{ Destination: '995599123455' }],
        Refused: [
          { Destination: '12025550123', ErrorCode: 10 },
          { Destination: '995000', ErrorCode: 76 },
        ],
      },
    });
  });

  it('stop-listed numbers give 75 (77 mixed with invalid ones); urgent=true reaches them', async () => {
    await http().post('/v1/stop-list').set(bearer(key)).send({ phone: '995599123456' }).expect(204);
    await http().post('/v1/stop-list').set(bearer(key)).send({ phone: '995599123457' }).expect(204);
    const base = { key, sender: DEMO.sender, content: 'promo' };
    const stopped = await post({ ...base, destination: '995599123456,995599123457' });
    expect(stopped.body).toMatchObject({ Success: false, ErrorCode: 75 });
    const mixed = await post({ ...base, destination: '995599123456,995123' });
    expect(mixed.body).toMatchObject({ Success: false, ErrorCode: 77 });
    const urgent = await post({ ...base, content: 'your code is 1234', destination: '995599123456', urgent: 'true' });
    expect(urgent.body).toMatchObject({ Success: true, ErrorCode: 0 });
  });

  it('refuses with 20 a send the balance cannot cover, before sending to anyone', async () => {
    const left = await balance();
    const numbers = Array.from({ length: left + 1 }, (_, i) => `99559920${String(i).padStart(4, '0')}`);
    const res = await post({ key, destination: numbers.join(','), sender: DEMO.sender, content: 'too many' });
    expect(res.body).toMatchObject({ Success: false, ErrorCode: 20 });
    expect(await balance()).toBe(left);
  });

  it('an organization that staff have not verified yet gets 120', async () => {
    const registered = await http().post('/v1/auth/register').send({
      companyName: 'Pending Ltd',
      contactName: 'Pending',
      email: 'owner@pending.ge',
      phone: '599000333',
      password: 'pending password 1',
    });
    const owner = sessionCookie(registered.headers['set-cookie']);
    const pendingKey = (await http().post('/v1/api-keys').set('Cookie', owner).send({ name: 'k' }).expect(201)).body
      .key;
    const res = await post({ key: pendingKey, destination: '995599123458', sender: 'Pending', content: 'hi' });
    expect(res.body).toMatchObject({ Success: false, ErrorCode: 120 });
    // Its own balance, not the demo organization's.
    expect((await http().get('/api/getBalance').query({ key: pendingKey }).expect(200)).text).toBe('10');
  });
});

describe('smsoffice.ge-compatible API: the per-key rate limit', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    platform = await createTestPlatform({ env: { MTREDI_RATE_LIMIT_PER_SECOND: '3' } });
    app = await platform.startHttp('api');
  });
  afterAll(() => platform?.destroy());

  it('applies to the key given as a parameter, answered as smsoffice’s temporary error (−100)', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        request(app.getHttpServer()).get('/api/getBalance').query({ key: platform.apiKey }),
      ),
    );
    const limited = answers.filter((res) => res.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]?.body).toMatchObject({ Success: false, ErrorCode: -100 });
    expect(Number(limited[0]?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(answers.filter((res) => res.status === 200).every((res) => /^\d+$/.test(res.text))).toBe(true);
  });
});
