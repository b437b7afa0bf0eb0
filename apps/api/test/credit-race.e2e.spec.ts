import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenancy } from '../src/db/tenancy.js';
import { CreditService } from '../src/modules/billing/credit.service.js';
import { LedgerPosting } from '../src/modules/billing/ledger-posting.entity.js';
import { Message } from '../src/modules/messaging/message.entity.js';
import { bearer } from './support/http.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';

describe('50 concurrent sends compete for the last 10 credits', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    platform = await createTestPlatform();
    // No worker: credit stays reserved, so the race is only between the sends themselves.
    app = await platform.startHttp('api');
  });
  afterAll(() => platform?.destroy());

  it('accepts exactly 10, refuses the rest with billing/insufficient_credit, and the ledger balances', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(app.getHttpServer())
          .post('/v1/messages')
          .set(bearer(platform.apiKey))
          .send({ to: '599123456', sender: 'Mtredi', text: `race ${i}` }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 402)).toHaveLength(40);
    for (const refused of responses.filter((r) => r.status === 402)) {
      expect(refused.body.code).toBe('billing/insufficient_credit');
    }

    const em = app.get(Tenancy).system();
    const balances = await new CreditService().balances(em, platform.organizationId);
    expect(balances).toMatchObject({ available: 0, reserved: 10, promotions: -10 });
    expect(Object.values(balances).reduce((a, b) => a + b, 0)).toBe(0);
    expect(await em.count(Message, { organization: platform.organizationId })).toBe(10);
    expect(await em.count(LedgerPosting, { organizationId: platform.organizationId, kind: 'reserve' })).toBe(10);
  });
});
