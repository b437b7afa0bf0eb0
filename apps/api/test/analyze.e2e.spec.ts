import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, type TestPlatform } from './support/platform.js';

describe('the encoding engine behind the API', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  const auth = () => ({ Authorization: `Bearer ${platform.apiKey}` });

  beforeAll(async () => {
    platform = await createTestPlatform();
    app = await platform.startHttp('api');
  });
  afterAll(() => platform?.destroy());

  it('POST /v1/messages/analyze: 71 Georgian letters are two UCS-2 parts, and transliteration saves one', async () => {
    const text = 'ა'.repeat(71);
    const res = await request(app.getHttpServer()).post('/v1/messages/analyze').set(auth()).send({ text }).expect(200);
    expect(res.body).toMatchObject({
      encoding: 'ucs2',
      characters: 71,
      units: 71,
      parts: 2,
      unitsPerPart: 67,
      cost: 2,
    });
    expect(res.body.ucs2Forcers[0]).toEqual({ char: 'ა', index: 0 });
    expect(res.body.savings.transliteration.parts).toBe(1);

    const latin = await request(app.getHttpServer())
      .post('/v1/messages/analyze')
      .set(auth())
      .send({ text: 'გამარჯობა', transliterate: 'national' })
      .expect(200);
    expect(latin.body).toMatchObject({ text: 'gamarjoba', encoding: 'gsm7', parts: 1 });
  });

  it('analyze reports look-alike replacements that keep a text in GSM-7', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/messages/analyze')
      .set(auth())
      .send({ text: '“Sale” — today…', replaceLookalikes: true })
      .expect(200);
    expect(res.body.encoding).toBe('gsm7');
    expect(res.body.replacements.map((r: { from: string }) => r.from)).toEqual(['“', '”', '—', '…']);
  });

  it('a send with transliteration stores and sends the Latin text, priced as GSM-7', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/messages')
      .set(auth())
      .send({ to: '599123456', sender: 'Mtredi', text: 'გამარჯობა', transliterate: 'national' })
      .expect(201);
    expect(res.body).toMatchObject({ text: 'gamarjoba', encoding: 'gsm7', parts: 1 });
  });

  it('a lone surrogate is a 400 that names the text field', async () => {
    const res = await request(app.getHttpServer())
      .post('/v1/messages/analyze')
      .set(auth())
      .send({ text: 'abc\uD800def' })
      .expect(400);
    expect(res.body.details).toEqual([{ path: 'text', message: expect.stringContaining('3') }]);
  });
});
