import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { SimulatorDriver } from '@mtredi/driver-simulator';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormOptions } from '../src/db/orm-config.js';
import { DEMO } from '../src/db/seed-demo.js';
import { Tenancy } from '../src/db/tenancy.js';
import { Channel } from '../src/modules/channels/channel.entity.js';
import { ChannelRuntime } from '../src/modules/channels/channel-runtime.service.js';
import { Message } from '../src/modules/messaging/message.entity.js';
import { Route } from '../src/modules/routing/route.entity.js';
import { bearer, login } from './support/http.js';
import { createTestPlatform, eventually, grantCredit, type TestPlatform } from './support/platform.js';

/** The April 2020 reserve channel: Georgian 320, Latin 480, repeats within 3 h dropped, may deliver as the provider. */
const RESERVE = {
  maxChars: { gsm7: 480, ucs2: 320 },
  duplicateWindowSeconds: 3 * 3600,
  senderPolicy: 'may_override',
  scenario: { receipt: { delay: { kind: 'fixed', ms: 50 } } },
};

describe('routing by operator, failover to the reserve channel and back', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let directId: string;
  let reserveId: string;
  const http = () => request(app.getHttpServer());
  const send = (text: string, to = '599123456') =>
    http().post('/v1/messages').set(bearer(platform.apiKey)).send({ to, sender: DEMO.sender, text });
  const direct = () => app.get(ChannelRuntime).get(directId)?.driver as SimulatorDriver;
  const channelOf = async (id: string) => (await app.get(Tenancy).system().findOneOrFail(Message, { id })).channelId;

  beforeAll(async () => {
    platform = await createTestPlatform({ env: { MTREDI_SWEEP_INTERVAL_MS: '60000' } });
    // A second channel, the reserve, behind the seeded simulator ("direct") on every operator's route.
    const orm = await MikroORM.init(ormOptions(platform.config));
    const em = orm.em.fork();
    directId = (await em.findOneOrFail(Channel, { driver: 'simulator' })).id;
    reserveId = randomUUID();
    em.create(Channel, {
      id: reserveId,
      name: 'Reserve aggregator',
      driver: 'simulator',
      config: { version: 1, settings: RESERVE },
      allowProviderSender: true,
      priority: 200,
      createdAt: new Date(),
    });
    for (const operator of ['magti', 'silknet', 'cellfie'] as const)
      em.create(Route, { operator, channelId: reserveId, priority: 1 });
    await em.flush();
    await orm.close(true);
    app = await platform.startHttp('all');
    // Enough credit for the drill.
    await grantCredit(app, platform.organizationId, 1000);
  });
  afterAll(() => platform?.destroy());

  it('uses the direct channel while it is up', async () => {
    const sent = await send('first').expect(201);
    await eventually(async () => ((await channelOf(sent.body.id)) === directId ? true : undefined));
  });

  it('direct down mid-send: traffic moves to the reserve within seconds and nothing is lost', async () => {
    const before = await Promise.all(Array.from({ length: 10 }, (_, i) => send(`before ${i}`).expect(201)));
    direct().simulator.setScenario({ version: 1, outages: [{ startAfterMs: 0 }] });
    const during = await Promise.all(Array.from({ length: 20 }, (_, i) => send(`during ${i}`).expect(201)));
    const started = Date.now();
    const ids = [...before, ...during].map((r) => r.body.id as string);
    const final = await eventually(async () => {
      const rows = await app
        .get(Tenancy)
        .system()
        .find(Message, { id: { $in: ids } });
      return rows.every((m) => m.status === 'delivered') ? rows : undefined;
    }, 30_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(final).toHaveLength(30);
    expect(final.filter((m) => during.some((d) => d.body.id === m.id)).every((m) => m.channelId === reserveId)).toBe(
      true,
    );
  });

  it('a 400-character Georgian text is never routed to the 320-limit reserve: it waits for the direct channel', async () => {
    const long = await send('ა'.repeat(400)).expect(201);
    await new Promise((r) => setTimeout(r, 1500));
    const waiting = await app.get(Tenancy).system().findOneOrFail(Message, { id: long.body.id });
    expect(waiting.status).toBe('queued');
    direct().simulator.setScenario({ version: 1 });
    await eventually(async () => {
      const m = await app.get(Tenancy).system().findOneOrFail(Message, { id: long.body.id }, { refresh: true });
      return m.status === 'delivered' && m.channelId === directId ? m : undefined;
    }, 20_000);
  });

  it('direct back: new traffic returns to it', async () => {
    const sent = await send('after recovery').expect(201);
    await eventually(async () => ((await channelOf(sent.body.id)) === directId ? true : undefined), 15_000);
  });

  it('a repeat inside the reserve window is never handed to the reserve; with only the reserve it is refused before charging', async () => {
    direct().simulator.setScenario({ version: 1, outages: [{ startAfterMs: 0 }] });
    const first = await send('same text, same number').expect(201);
    await eventually(async () => ((await channelOf(first.body.id)) === reserveId ? true : undefined), 15_000);
    const repeat = await send('same text, same number').expect(201);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await app.get(Tenancy).system().findOneOrFail(Message, { id: repeat.body.id })).status).toBe('queued');
    direct().simulator.setScenario({ version: 1 });
    await eventually(async () => ((await channelOf(repeat.body.id)) === directId ? true : undefined), 15_000);

    // Staff take the direct channel off Magti's route: now the reserve alone would drop the repeat.
    const staff = await login(app, DEMO.staffEmail, DEMO.staffPassword);
    await http()
      .put('/v1/admin/routes/magti')
      .set('Cookie', staff)
      .send({ channelIds: [reserveId] })
      .expect(200);
    const { available } = (await http().get('/v1/balance').set(bearer(platform.apiKey))).body;
    await new Promise((r) => setTimeout(r, 5_100)); // the route cache of this process
    const refused = await send('same text, same number').expect(422);
    expect(refused.body.code).toBe('routing/duplicate_window');
    expect(refused.body.message).toContain('Reserve aggregator');
    expect((await http().get('/v1/balance').set(bearer(platform.apiKey))).body.available).toBe(available);
  });
});
