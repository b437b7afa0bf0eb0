import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/db/seed-demo.js';
import { bearer } from './support/http.js';
import { createTestPlatform, eventually, grantCredit, type TestPlatform } from './support/platform.js';

describe('the integrator API: batches, idempotency, references, filters, rate limits', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  const http = () => request(app.getHttpServer());
  const auth = () => bearer(platform.apiKey);

  beforeAll(async () => {
    platform = await createTestPlatform({ env: { MTREDI_RATE_LIMIT_PER_SECOND: '40' } });
    app = await platform.startHttp('all');
    await grantCredit(app, platform.organizationId, 100);
  });
  afterAll(() => platform?.destroy());

  it('a batch answers per recipient: accepted ones with ids, refused ones with a code', async () => {
    const res = await http()
      .post('/v1/messages/batch')
      .set(auth())
      .send({
        messages: [
          { to: '599123456', sender: DEMO.sender, text: 'გამარჯობა', reference: 'b-1' },
          { to: '12', sender: DEMO.sender, text: 'x' },
          { to: '555000111', sender: 'Nobody', text: 'x' },
          { to: '577000111', sender: DEMO.sender, text: 'x'.repeat(200), reference: 'b-4' },
        ],
      })
      .expect(200);
    expect(res.body).toMatchObject({ accepted: 2, refused: 2 });
    expect(res.body.results.map((r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code))).toEqual([
      'ok',
      'validation/invalid_request',
      'senders/unknown',
      'ok',
    ]);
    expect(res.body.results[3].parts).toBe(2);
    const byRef = await eventually(async () => {
      const m = await http().get('/v1/messages/by-reference/b-1').set(auth()).expect(200);
      return m.body.status === 'delivered' ? m.body : undefined;
    });
    expect(byRef).toMatchObject({ to: '+995599123456', text: 'გამარჯობა', reference: 'b-1' });
  });

  it('replays a creating request with the same Idempotency-Key instead of sending twice', async () => {
    const body = { to: '599123456', sender: DEMO.sender, text: 'only once' };
    const first = await http()
      .post('/v1/messages')
      .set(auth())
      .set('Idempotency-Key', 'order-77')
      .send(body)
      .expect(201);
    const again = await http()
      .post('/v1/messages')
      .set(auth())
      .set('Idempotency-Key', 'order-77')
      .send(body)
      .expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await http()
      .post('/v1/messages')
      .set(auth())
      .set('Idempotency-Key', 'order-77')
      .send({ ...body, text: 'different' })
      .expect(422);
    expect(other.body.code).toBe('idempotency/key_reused');
    const list = await http().get('/v1/messages?limit=50').set(auth()).expect(200);
    expect(list.body.items.filter((m: { text: string }) => m.text === 'only once')).toHaveLength(1);
  });

  it('filters messages by number, status, sender and reference', async () => {
    await new Promise((r) => setTimeout(r, 1100)); // a fresh rate-limit second
    const byNumber = await http().get('/v1/messages?to=577000111').set(auth()).expect(200);
    expect(byNumber.body.items.map((m: { reference: string }) => m.reference)).toEqual(['b-4']);
    const byReference = await http().get('/v1/messages?reference=b-1').set(auth()).expect(200);
    expect(byReference.body.items).toHaveLength(1);
    const delivered = await http().get('/v1/messages?status=delivered').set(auth()).expect(200);
    expect(delivered.body.items.every((m: { status: string }) => m.status === 'delivered')).toBe(true);
  });

  it('exports a message search to Excel with the Georgian text intact', async () => {
    const res = await http()
      .get('/v1/messages/export.xlsx?reference=b-1')
      .set(auth())
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const sheet = workbook.getWorksheet('Messages');
    expect(sheet?.rowCount).toBe(2);
    expect(sheet?.getRow(2).getCell(4).value).toBe('გამარჯობა');
    expect(sheet?.getRow(2).getCell(2).value).toBe('+995599123456');
  });

  it('analyze with a destination names the channel and its conditions', async () => {
    const res = await http()
      .post('/v1/messages/analyze')
      .set(auth())
      .send({ text: 'გამარჯობა', to: '599123456' })
      .expect(200);
    expect(res.body.route).toMatchObject({
      operator: 'magti',
      channel: 'Local simulator',
      constraints: { receiptMode: 'realtime' },
    });
  });

  it('limits requests per key per second, with Retry-After', async () => {
    // Start just after a second begins; the burst may still straddle two one-second windows.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 20));
    const answers = await Promise.all(Array.from({ length: 100 }, () => http().get('/v1/balance').set(auth())));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(80);
    expect(limited[0]?.body.code).toBe('rate_limit/exceeded');
    expect(Number(limited[0]?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});
