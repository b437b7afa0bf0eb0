import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, eventually, type TestPlatform } from './support/platform.js';

const GEORGIAN = 'გამარჯობა, ეს სატესტო შეტყობინებაა';

describe('POST /v1/messages → worker → simulator → receipt', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  const auth = () => ({ Authorization: `Bearer ${platform.apiKey}` });

  beforeAll(async () => {
    platform = await createTestPlatform();
    app = await platform.startHttp('all');
  });
  afterAll(() => platform?.destroy());

  it('accepts a Georgian text, stores it queued, and the receipt makes it delivered', async () => {
    const sent = await request(app.getHttpServer())
      .post('/v1/messages')
      .set(auth())
      .send({ to: '599 12 34 56', sender: 'Mtredi', text: GEORGIAN, reference: 'order-1' })
      .expect(201);
    expect(sent.body).toMatchObject({
      to: '+995599123456',
      sender: 'Mtredi',
      text: GEORGIAN,
      status: 'queued',
      encoding: 'ucs2',
      parts: 1,
      reference: 'order-1',
    });

    const delivered = await eventually(async () => {
      const res = await request(app.getHttpServer()).get(`/v1/messages/${sent.body.id}`).set(auth()).expect(200);
      return res.body.status === 'delivered' ? res.body : undefined;
    });
    expect(delivered.text).toBe(GEORGIAN);
    expect(delivered.history.map((h: { status: string }) => h.status)).toEqual(['queued', 'in_transit', 'delivered']);
    const times = delivered.history.map((h: { at: string }) => Date.parse(h.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('counts a long Latin text as several GSM-7 parts', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/messages')
      .set(auth())
      .send({ to: '+995 555 00 11 22', sender: 'Mtredi', text: 'x'.repeat(161) })
      .expect(201);
    expect(res.body).toMatchObject({ encoding: 'gsm7', parts: 2, to: '+995555001122' });
  });

  it('lists the organization’s messages newest first', async () => {
    const res = await request(app.getHttpServer()).get('/v1/messages?limit=10').set(auth()).expect(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(2);
    const created = res.body.items.map((m: { createdAt: string }) => Date.parse(m.createdAt));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });

  it('refuses bad input with 400 and names each bad field', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/messages')
      .set(auth())
      .send({ to: '12345', sender: '', text: '   ' })
      .expect(400);
    expect(res.body.code).toBe('validation/invalid_request');
    const paths = res.body.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['sender', 'text', 'to']);
    expect(res.body.details.find((d: { path: string }) => d.path === 'to').message).toContain('12345');
  });

  it('refuses a landline number', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/messages')
      .set(auth())
      .send({ to: '0322 12 34 56', sender: 'Mtredi', text: 'hi' })
      .expect(400);
    expect(res.body.details[0]).toMatchObject({ path: 'to' });
    expect(res.body.details[0].message).toContain('mobile');
  });

  it('refuses malformed JSON with a clear code', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/messages')
      .set({ ...auth(), 'Content-Type': 'application/json' })
      .send('{"to": ')
      .expect(400);
    expect(res.body.code).toBe('validation/malformed_request');
  });

  it('refuses a sender name the organization does not have', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/messages')
      .set(auth())
      .send({ to: '599123456', sender: 'Fasdakleba', text: 'hi' })
      .expect(422);
    expect(res.body.code).toBe('senders/unknown');
  });

  it('answers 401 for a wrong or missing API key', async () => {
    const wrong = await request(app.getHttpServer())
      .post('/v1/messages')
      .set({ Authorization: 'Bearer mtr_AAAAAAAA_notARealKeyButLongEnoughToLookLikeOne' })
      .send({ to: '599123456', sender: 'Mtredi', text: 'hi' })
      .expect(401);
    expect(wrong.body.code).toBe('auth/invalid_api_key');
    const missing = await request(app.getHttpServer()).get('/v1/messages').expect(401);
    expect(missing.body.code).toBe('auth/unauthenticated');
  });

  it('answers 404 for another id, and 400 for a malformed id', async () => {
    await request(app.getHttpServer()).get('/v1/messages/00000000-0000-4000-8000-000000000000').set(auth()).expect(404);
    await request(app.getHttpServer()).get('/v1/messages/not-a-uuid').set(auth()).expect(400);
  });

  it('stops accepting when the trial credit is spent, and loses nothing already accepted', async () => {
    // 10 trial credits: 1 (Georgian) + 2 (161 Latin) used above; 7 single parts remain.
    for (let i = 0; i < 7; i++) {
      await request(app.getHttpServer())
        .post('/v1/messages')
        .set(auth())
        .send({ to: '599123456', sender: 'Mtredi', text: `ok ${i}` })
        .expect(201);
    }
    const refused = await request(app.getHttpServer())
      .post('/v1/messages')
      .set(auth())
      .send({ to: '599123456', sender: 'Mtredi', text: 'one too many' })
      .expect(402);
    expect(refused.body.code).toBe('billing/insufficient_credit');
    const list = await request(app.getHttpServer()).get('/v1/messages?limit=50').set(auth()).expect(200);
    expect(list.body.items).toHaveLength(9);
    expect(list.body.items.some((m: { text: string }) => m.text === 'one too many')).toBe(false);
  });
});
