import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenancy } from '../src/db/tenancy.js';
import { CreditService } from '../src/modules/billing/credit.service.js';
import { createTestPlatform, eventually, type TestPlatform } from './support/platform.js';

/** Numbers whose fate the simulated operator decides (operator-sim rules, matched on the E.164 digits). */
const UNDELIVERABLE = '599000001';
const INVALID_AT_OPERATOR = '599111001';

describe('delivery outcomes and what they cost', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  const auth = () => ({ Authorization: `Bearer ${platform.apiKey}` });

  const send = async (to: string, text: string) =>
    (
      await request(app.getHttpServer())
        .post('/v1/messages')
        .set(auth())
        .send({ to, sender: 'Mtredi', text })
        .expect(201)
    ).body as { id: string; parts: number };
  const finalStatusOf = (id: string, status: string) =>
    eventually(async () => {
      const res = await request(app.getHttpServer()).get(`/v1/messages/${id}`).set(auth()).expect(200);
      return res.body.status === status ? res.body : undefined;
    });

  beforeAll(async () => {
    platform = await createTestPlatform({
      simulator: {
        scenario: {
          rules: [
            { match: { prefix: '995599000' }, receipt: { state: 'undelivered', errorCode: '001' } },
            { match: { prefix: '995599111' }, submit: { outcome: 'reject', status: 'ESME_RINVDSTADR' } },
          ],
        },
      },
    });
    app = await platform.startHttp('all');
  });
  afterAll(() => platform?.destroy());

  it('an operator receipt of undelivered is stored with its error code, and the credit stays consumed', async () => {
    const sent = await send(UNDELIVERABLE, 'will not arrive');
    const message = await finalStatusOf(sent.id, 'undelivered');
    expect(message.history.at(-1)).toMatchObject({ status: 'undelivered', errorCode: '001' });
  });

  it('a submit the operator rejects becomes rejected and its reserved credit is returned', async () => {
    const sent = await send(INVALID_AT_OPERATOR, 'x'.repeat(200)); // 2 parts
    expect(sent.parts).toBe(2);
    const message = await finalStatusOf(sent.id, 'rejected');
    expect(message.history.map((h: { status: string }) => h.status)).toEqual(['queued', 'rejected']);
    expect(message.history.at(-1).errorCode).toBe('ESME_RINVDSTADR');

    const em = app.get(Tenancy).system();
    const balances = await new CreditService().balances(em, platform.organizationId);
    // 10 trial credits: 1 consumed by the undelivered message, the rejected 2 returned.
    expect(balances).toMatchObject({ available: 9, reserved: 0, consumed: 1, promotions: -10 });
    expect(Object.values(balances).reduce((a, b) => a + b, 0)).toBe(0);
  });
});
