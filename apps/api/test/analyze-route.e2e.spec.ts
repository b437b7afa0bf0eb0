import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { RouteAnswer } from '@mtredi/api-contract';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormOptions } from '../src/db/orm-config.js';
import { DEMO } from '../src/db/seed-demo.js';
import { Channel } from '../src/modules/channels/channel.entity.js';
import { Route } from '../src/modules/routing/route.entity.js';
import { bearer } from './support/http.js';
import { createTestPlatform, eventually, grantCredit, type TestPlatform } from './support/platform.js';

/** The April 2020 reserve channel: Georgian 320, Latin 480, repeats within 3 h dropped, may deliver as the provider. */
const RESERVE = {
  maxChars: { gsm7: 480, ucs2: 320 },
  duplicateWindowSeconds: 3 * 3600,
  senderPolicy: 'may_override',
  scenario: { receipt: { delay: { kind: 'fixed', ms: 50 } } },
};
const MAGTI = '599123456';
const SILKNET = '555123456';
const CELLFIE = '571123456';
const LONG_GEORGIAN = 'გამარჯობა '.repeat(40);

/**
 * Routes of this file: Silknet keeps the seeded simulator (its direct channel); Magti has the reserve alone;
 * Cellfie lists a direct channel that staff disabled (it fell), then the reserve.
 */
describe('POST /v1/messages/analyze with a destination: the route, its role and coded refusals', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  const ids: Record<'simulator' | 'reserve' | 'fallen', string> = { simulator: '', reserve: '', fallen: '' };
  const analyze = (to: string, text: string) =>
    request(app.getHttpServer()).post('/v1/messages/analyze').set(bearer(platform.apiKey)).send({ to, text });
  const routeOf = async (to: string, text: string): Promise<RouteAnswer> => {
    const res = await analyze(to, text).expect(200);
    // What a customer is shown never carries channel ids, drivers or settings.
    for (const id of Object.values(ids)) expect(JSON.stringify(res.body)).not.toContain(id);
    expect(JSON.stringify(res.body)).not.toMatch(/"(driver|config|settings|channelId)"/);
    return RouteAnswer.parse(res.body.route);
  };

  beforeAll(async () => {
    platform = await createTestPlatform({ env: { MTREDI_SWEEP_INTERVAL_MS: '60000' } });
    const orm = await MikroORM.init(ormOptions(platform.config));
    const em = orm.em.fork();
    ids.simulator = (await em.findOneOrFail(Channel, { driver: 'simulator' })).id;
    ids.reserve = randomUUID();
    ids.fallen = randomUUID();
    em.create(Channel, {
      id: ids.reserve,
      name: 'Reserve aggregator',
      driver: 'simulator',
      config: { version: 1, settings: RESERVE },
      allowProviderSender: true,
      priority: 200,
      createdAt: new Date(),
    });
    em.create(Channel, {
      id: ids.fallen,
      name: 'Cellfie direct',
      driver: 'simulator',
      config: { version: 1, settings: {} },
      enabled: false,
      createdAt: new Date(),
    });
    await em.nativeDelete(Route, { operator: { $in: ['magti', 'cellfie'] } });
    em.create(Route, { operator: 'magti', channelId: ids.reserve, priority: 0 });
    em.create(Route, { operator: 'cellfie', channelId: ids.fallen, priority: 0 });
    em.create(Route, { operator: 'cellfie', channelId: ids.reserve, priority: 1 });
    await em.flush();
    await orm.close(true);
    app = await platform.startHttp('all');
    await grantCredit(app, platform.organizationId, 100);
  });
  afterAll(() => platform?.destroy());

  it('the direct channel takes it: role direct, nothing refused, nothing to warn about', async () => {
    expect(await routeOf(SILKNET, LONG_GEORGIAN)).toEqual({
      operator: 'silknet',
      plan: 'route',
      channel: 'Local simulator',
      role: 'direct',
      constraints: {
        maxChars: { gsm7: 1000, ucs2: 1000 },
        duplicateWindowSeconds: 0,
        senderMayBeReplaced: false,
        receiptMode: 'realtime',
      },
      refusals: [],
      warnings: [],
    });
  });

  it('a 400-character Georgian text and only the 320-limit reserve: impossible, routing/too_long with the limit', async () => {
    expect(LONG_GEORGIAN).toHaveLength(400);
    expect(await routeOf(MAGTI, LONG_GEORGIAN)).toEqual({
      operator: 'magti',
      plan: 'impossible',
      channel: null,
      role: null,
      refusals: [
        {
          code: 'routing/too_long',
          channel: 'Reserve aggregator',
          message: 'Reserve aggregator carries at most 320 characters in this encoding',
          limit: 320,
          characters: 400,
          encoding: 'ucs2',
        },
      ],
      warnings: ['Reserve aggregator carries at most 320 characters in this encoding'],
    });
  });

  it('the direct channel staff disabled is still the direct: the reserve carrying its traffic is a reserve', async () => {
    const route = await routeOf(CELLFIE, 'გამარჯობა');
    expect(route).toMatchObject({ operator: 'cellfie', plan: 'route', channel: 'Reserve aggregator', role: 'reserve' });
    expect(route.constraints).toEqual({
      maxChars: { gsm7: 480, ucs2: 320 },
      duplicateWindowSeconds: 10_800,
      senderMayBeReplaced: true,
      receiptMode: 'realtime',
    });
  });

  it('a repeat inside the reserve window: impossible, routing/duplicate_window with the window; the send agrees', async () => {
    const text = `same text, same number ${randomUUID()}`;
    expect((await routeOf(MAGTI, text)).plan).toBe('route');
    await request(app.getHttpServer())
      .post('/v1/messages')
      .set(bearer(platform.apiKey))
      .send({ to: MAGTI, sender: DEMO.sender, text })
      .expect(201);
    // Dispatch records the text on the reserve when it hands the message over.
    const route = await eventually(async () => {
      const answer = await routeOf(MAGTI, text);
      return answer.plan === 'impossible' ? answer : undefined;
    });
    expect(route.refusals).toEqual([
      {
        code: 'routing/duplicate_window',
        channel: 'Reserve aggregator',
        message: 'Reserve aggregator drops the same text to the same number within 3 h',
        windowSeconds: 10_800,
      },
    ]);
    // Another number, or the direct route of another operator, is not affected.
    expect((await routeOf('599654321', text)).plan).toBe('route');
    const repeat = await request(app.getHttpServer())
      .post('/v1/messages')
      .set(bearer(platform.apiKey))
      .send({ to: MAGTI, sender: DEMO.sender, text })
      .expect(422);
    expect(repeat.body.code).toBe('routing/duplicate_window');
  });

  it('the OpenAPI document describes the route answer, with a refused route as its example', async () => {
    const doc = await request(app.getHttpServer()).get('/api/docs/openapi.json').expect(200);
    const ok = doc.body.paths['/v1/messages/analyze'].post.responses['200'].content['application/json'].schema;
    expect(ok.properties.route.anyOf[0].required).toEqual(expect.arrayContaining(['plan', 'role', 'refusals']));
    expect(RouteAnswer.parse(ok.example.route).refusals[0]).toMatchObject({ code: 'routing/too_long', limit: 320 });
  });
});
