import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/db/seed-demo.js';
import { Tenancy } from '../src/db/tenancy.js';
import { CreditService } from '../src/modules/billing/credit.service.js';
import { LedgerPosting } from '../src/modules/billing/ledger-posting.entity.js';
import { ChannelMessageId } from '../src/modules/receipts/channel-message-id.entity.js';
import { tbilisiDay } from '../src/modules/statistics/statistics.service.js';
import { createTestPlatform, eventually, grantCredit, type TestPlatform } from './support/platform.js';
import { SimulatorProcess, useAggregatorChannel } from './support/simulator.js';

/**
 * The driver waits this long (its default, a minute) before it calls a submit the aggregator still does
 * not know "not received"; the test waits that out.
 */
const GRACE_MS = 60_000;

/**
 * The reserve aggregator loses a submit: the request went out, the aggregator went away before answering
 * (and never stored it), and the look-up by reference failed too, so the driver accepted it under a
 * placeholder and followed it up. Once the aggregator answers again and still does not know it, the driver
 * reports `aggregator/not_received` and the platform sends the message again, through the simulator's
 * aggregator API in its own process.
 */
describe('a submit the reserve aggregator never received is sent again', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let sim: SimulatorProcess;
  const auth = () => ({ Authorization: `Bearer ${platform.apiKey}` });
  const em = () => app.get(Tenancy).system();
  const view = async (id: string) =>
    (await request(app.getHttpServer()).get(`/v1/messages/${id}`).set(auth()).expect(200)).body as {
      status: string;
      history: { status: string; errorCode: string | null }[];
    };

  beforeAll(async () => {
    sim = await SimulatorProcess.start({ aggregatorPort: 0 });
    platform = await createTestPlatform({ env: { MTREDI_DRIVERS: '@mtredi/driver-aggregator' } });
    await useAggregatorChannel(platform.config, sim.aggregatorUrl as string, {
      timeouts: { connectMs: 1000, requestMs: 10_000 },
      pollIntervalSeconds: 0.2,
      healthProbeSeconds: 0.2,
    });
    app = await platform.startHttp('all');
    await grantCredit(app, platform.organizationId, 100);
  }, 60_000);
  afterAll(async () => {
    await platform?.destroy();
    await sim?.stop();
  });

  it('after the grace period, once, and charged once', async () => {
    const balances = () => new CreditService().balances(em(), platform.organizationId);
    const start = await balances();
    const to = '+995599300001';
    // The aggregator holds the answer to this number's submit and would refuse it: it never stores it.
    await sim.setScenario({
      submitLatency: { kind: 'fixed', ms: 30_000 },
      rules: [{ match: { prefix: to.slice(1) }, submit: { outcome: 'unavailable' } }],
    });
    const sent = await request(app.getHttpServer())
      .post('/v1/messages')
      .set(auth())
      .send({ to, sender: DEMO.sender, text: 'Lost by the reserve' })
      .expect(201);
    const id = sent.body.id as string;
    await eventually(async () => ((await sim.stats()).submitted > 0 ? true : undefined));

    // It goes away with the request unanswered; the look-up cannot reach it either: a placeholder.
    const port = Number(new URL(sim.aggregatorUrl as string).port);
    await sim.stop();
    const placeholder = await eventually(async () => {
      const rows = await em().find(ChannelMessageId, { messageId: id });
      return rows[0]?.channelMessageId.startsWith('unconfirmed:') ? rows[0] : undefined;
    });
    expect(placeholder.channelMessageId).toBe(`unconfirmed:${id}`);
    expect((await view(id)).status).toBe('in_transit');

    // Back, with no memory of the submit, and delivering what it gets.
    sim = await SimulatorProcess.start({ aggregatorPort: port });
    const delivered = await eventually(async () => {
      const v = await view(id);
      return v.status === 'delivered' ? v : undefined;
    }, GRACE_MS + 30_000);
    // The channel declares no unconfirmed window, so the reconciler only flagged the outcome unknown meanwhile;
    // the resend came from the driver's "not received", which itself changed no status.
    expect(delivered.history.map((h) => [h.status, h.errorCode])).toEqual([
      ['queued', null],
      ['in_transit', null],
      ['in_transit', 'channel/outcome_unknown'],
      ['queued', 'channel/unconfirmed_resent'],
      ['in_transit', null],
      ['delivered', null],
    ]);
    // Sent again once: the aggregator took exactly one submit, and the placeholder is gone.
    expect((await sim.stats()).accepted).toBe(1);
    const ids = await em().find(ChannelMessageId, { messageId: id });
    expect(ids.map((r) => r.channelMessageId)).not.toContain(`unconfirmed:${id}`);
    expect(ids).toHaveLength(1);

    // Charged once: consumed at the first accept, the second accept's consume is the same posting.
    const postings = await em().find(LedgerPosting, { memo: { $like: `%${id}%` } }, { orderBy: { id: 'asc' } });
    expect(postings.map((p) => p.idempotencyKey.split(':')[0])).toEqual(['reserve', 'consume']);
    const end = await balances();
    expect(end.consumed - start.consumed).toBe(1);
    expect(end.available - start.available).toBe(-1);
    expect(end.reserved).toBe(start.reserved);

    // Counted as sent once on the reserve channel.
    const today = tbilisiDay(new Date());
    const channels = await request(app.getHttpServer())
      .get(`/v1/statistics/channels?from=${today}&to=${today}`)
      .set(auth())
      .expect(200);
    expect(channels.body.items).toEqual([expect.objectContaining({ sent: 1, delivered: 1, inTransit: 0 })]);
  }, 150_000);
});
