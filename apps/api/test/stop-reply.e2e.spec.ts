import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/db/seed-demo.js';
import { bearer } from './support/http.js';
import { createTestPlatform, eventually, type TestPlatform } from './support/platform.js';

describe('a STOP reply opts the number out', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    // The simulated operator makes 599 777 xxx answer every message with a Georgian "STOP".
    platform = await createTestPlatform({
      simulator: {
        scenario: {
          rules: [{ match: { prefix: '995599777' }, reply: { text: 'სტოპ', delay: { kind: 'fixed', ms: 50 } } }],
        },
      },
    });
    app = await platform.startHttp('all');
  });
  afterAll(() => platform?.destroy());

  it('puts the number on the stop list of the organization that wrote to it; the next send is refused', async () => {
    const send = (text: string) =>
      request(app.getHttpServer())
        .post('/v1/messages')
        .set(bearer(platform.apiKey))
        .send({ to: '599777001', sender: DEMO.sender, text });
    await send('აქცია! -20%').expect(201);
    const entry = await eventually(async () => {
      const list = await request(app.getHttpServer()).get('/v1/stop-list').set(bearer(platform.apiKey)).expect(200);
      return list.body.items.find((i: { phone: string }) => i.phone === '+995599777001');
    });
    expect(entry).toMatchObject({ source: 'reply', reason: expect.stringContaining('სტოპ') });
    const refused = await send('another offer').expect(422);
    expect(refused.body.code).toBe('contacts/stopped');
  });
});
