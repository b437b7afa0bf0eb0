import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/db/seed-demo.js';
import { Tenancy } from '../src/db/tenancy.js';
import { CreditService } from '../src/modules/billing/credit.service.js';
import { LedgerPosting } from '../src/modules/billing/ledger-posting.entity.js';
import { ChannelMessageId } from '../src/modules/receipts/channel-message-id.entity.js';
import { UnmatchedReceipt } from '../src/modules/receipts/unmatched-receipt.entity.js';
import { tbilisiDay } from '../src/modules/statistics/statistics.service.js';
import { login } from './support/http.js';
import { createTestPlatform, eventually, grantCredit, type TestPlatform } from './support/platform.js';
import { SimulatorProcess, useSmppChannel } from './support/simulator.js';

/** The channel's window for parts accepted under unconfirmed ids: short, so a test waits seconds. */
const WINDOW_SECONDS = 8;
const FAST_RECEIPTS = { receipt: { state: 'delivered', delay: { kind: 'fixed', ms: 100 } } };

interface Figures {
  accepted: number;
  sent: number;
  delivered: number;
  rejected: number;
  inTransit: number;
}

interface StatusEventBody {
  data: { messageId: string; status: string; errorCode: string | null; at: string };
}

/** The customer's webhook endpoint on loopback: keeps every status event it is sent. */
async function startReceiver(): Promise<{ url: string; events: StatusEventBody[]; server: Server }> {
  const events: StatusEventBody[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      events.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as StatusEventBody);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, events, server };
}

/**
 * Unknown outcomes and late receipts, end to end: the platform (API + worker) with an SMPP channel bound
 * to the operator simulator, a real SMSC in its own process.
 */
describe('reconciling receipts and unconfirmed submits', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let sim: SimulatorProcess;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let n = 0;
  const today = tbilisiDay(new Date());
  const auth = () => ({ Authorization: `Bearer ${platform.apiKey}` });
  const em = () => app.get(Tenancy).system();

  const send = async (text: string) => {
    const to = `+995599${String(200_000 + ++n)}`;
    const res = await request(app.getHttpServer())
      .post('/v1/messages')
      .set(auth())
      .send({ to, sender: 'Mtredi', text })
      .expect(201);
    return { id: res.body.id as string, to };
  };
  const view = async (id: string) =>
    (await request(app.getHttpServer()).get(`/v1/messages/${id}`).set(auth()).expect(200)).body as {
      status: string;
      errorCode: string | null;
      history: { status: string; errorCode: string | null }[];
    };
  const statusOf = (id: string, status: string, timeoutMs = 30_000) =>
    eventually(async () => {
      const v = await view(id);
      return v.status === status ? v : undefined;
    }, timeoutMs);
  /** Counters of the day: for the organization, and per channel (the platform has one). */
  const counters = async () => {
    const server = request(app.getHttpServer());
    const day = await server.get(`/v1/statistics/daily?from=${today}&to=${today}`).set(auth()).expect(200);
    const channels = await server.get(`/v1/statistics/channels?from=${today}&to=${today}`).set(auth()).expect(200);
    const pick = ({ accepted, sent, delivered, rejected, inTransit }: Figures) => ({
      accepted,
      sent,
      delivered,
      rejected,
      inTransit,
    });
    return { day: pick(day.body.items[0]), channel: pick(channels.body.items[0] ?? {}) };
  };
  /** What the webhook receiver was told about a message, in the order of the changes. */
  const webhookEvents = (messageId: string) =>
    receiver.events
      .filter((e) => e.data.messageId === messageId)
      .sort((a, b) => a.data.at.localeCompare(b.data.at))
      .map((e) => [e.data.status, e.data.errorCode]);
  const idsOf = (messageId: string) => em().find(ChannelMessageId, { messageId });
  const postingsOf = async (messageId: string) =>
    (await em().find(LedgerPosting, { memo: { $like: `%${messageId}%` } }, { orderBy: { id: 'asc' } })).map(
      (p) => p.idempotencyKey.split(':')[0],
    );

  beforeAll(async () => {
    sim = await SimulatorProcess.start();
    await sim.setScenario(FAST_RECEIPTS);
    platform = await createTestPlatform({ env: { MTREDI_DRIVERS: '@mtredi/driver-smpp' } });
    await useSmppChannel(platform.config, sim.smppPort, {
      responseTimeoutMs: 500,
      unconfirmedWindowSeconds: WINDOW_SECONDS,
      reconnect: { initialMs: 100, maxMs: 300, bindRefusedMs: 300 },
    });
    app = await platform.startHttp('all');
    await grantCredit(app, platform.organizationId, 100);
    receiver = await startReceiver();
    await request(app.getHttpServer()).post('/v1/webhooks').set(auth()).send({ url: receiver.url }).expect(201);
  }, 60_000);
  afterAll(async () => {
    await platform?.destroy();
    await sim?.stop();
    receiver?.server.closeAllConnections();
    receiver?.server.close();
  });

  it('stores a receipt that comes before its accept is stored, and applies it once the accept is there, across a restart', async () => {
    await sim.setScenario({ receipt: { state: 'delivered', delay: { kind: 'never' } } });
    const m = await send('Late accept test');
    await statusOf(m.id, 'in_transit');
    const [row] = await idsOf(m.id);
    if (!row) throw new Error('no channel id');
    // The accept "not committed yet": its id row is not there when the operator's receipt arrives.
    await em().nativeDelete(ChannelMessageId, { channelId: row.channelId, channelMessageId: row.channelMessageId });
    await sim.triggerReceipt(row.channelMessageId, 'delivered');
    const stored = await eventually(async () => {
      const rows = await em().find(UnmatchedReceipt, { channelMessageId: row.channelMessageId });
      return rows[0];
    });
    // Kept in the database with what the receipt said, the handset and the text excerpt (driver-smpp).
    expect(stored).toMatchObject({ state: 'delivered', handset: m.to, textExcerpt: 'Late accept test' });
    expect((await view(m.id)).status).toBe('in_transit');
    // Staff see it under its channel.
    const staff = await login(app, DEMO.staffEmail, DEMO.staffPassword);
    const listed = await request(app.getHttpServer())
      .get(`/v1/admin/channels/${row.channelId}/unmatched-receipts?limit=10`)
      .set('Cookie', staff)
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ channelMessageId: row.channelMessageId, state: 'delivered', handset: m.to }),
    ]);
    await request(app.getHttpServer())
      .get(`/v1/admin/channels/${row.channelId}/unmatched-receipts?limit=0`)
      .set('Cookie', staff)
      .expect(400);

    // A restart loses nothing: a new process finds the receipt in the database.
    await app.close();
    app = await platform.startHttp('all');
    await em().insert(ChannelMessageId, { ...row });
    const delivered = await statusOf(m.id, 'delivered');
    expect(delivered.history.map((h) => h.status)).toEqual(['queued', 'in_transit', 'delivered']);
    expect(await em().count(UnmatchedReceipt, { channelMessageId: row.channelMessageId })).toBe(0);
  });

  it('matches the receipt of a part whose answer never came to it by handset and text, and records the real id', async () => {
    // The SMSC takes the submit and holds its answer; the link drops before the answer; the receipt
    // comes on the next bind under an id the platform never learned.
    await sim.setScenario({
      submitLatency: { kind: 'fixed', ms: 1500 },
      receipt: { state: 'delivered', delay: { kind: 'fixed', ms: 1200 } },
    });
    const before = (await sim.stats()).accepted;
    const m = await send('Unconfirmed but delivered');
    await eventually(async () => ((await sim.stats()).accepted > before ? true : undefined), 10_000);
    await sim.dropConnections();
    await sim.setScenario(FAST_RECEIPTS);
    const transit = await statusOf(m.id, 'in_transit');
    expect(transit.status).toBe('in_transit');
    const delivered = await statusOf(m.id, 'delivered', (WINDOW_SECONDS - 1) * 1000);
    expect(delivered.history.map((h) => h.status)).toEqual(['queued', 'in_transit', 'delivered']);
    const ids = await idsOf(m.id);
    expect(ids).toHaveLength(1);
    expect(ids[0]?.channelMessageId).not.toMatch(/^unconfirmed:/);
    // Never sent again: the operator took it once, and it is charged once.
    await new Promise((r) => setTimeout(r, (WINDOW_SECONDS + 3) * 1000));
    expect((await sim.stats()).accepted).toBe(before + 1);
    expect(await postingsOf(m.id)).toEqual(['reserve', 'consume']);
  }, 60_000);

  it('sends again, once, a message whose unconfirmed submit got no receipt within the window; charged once', async () => {
    const balances = () => new CreditService().balances(em(), platform.organizationId);
    const start = await balances();
    // The SMSC swallows the submit: no answer, never processed.
    await sim.setScenario({
      ...FAST_RECEIPTS,
      smpp: { accounts: [{ systemId: 'mtredi', password: 'test' }], swallowProbability: 1 },
    });
    const before = await sim.smscStats();
    const countedBefore = await counters();
    const m = await send('Never read by the SMSC');
    await eventually(async () =>
      (await sim.smscStats()).submitsSwallowed > before.submitsSwallowed ? true : undefined,
    );
    await statusOf(m.id, 'in_transit');
    expect((await idsOf(m.id)).map((r) => r.channelMessageId)).toEqual([`unconfirmed:${m.id}:1`]);
    await sim.setScenario(FAST_RECEIPTS);

    const delivered = await statusOf(m.id, 'delivered', (WINDOW_SECONDS + 15) * 1000);
    expect(delivered.history.map((h) => [h.status, h.errorCode])).toEqual([
      ['queued', null],
      ['in_transit', null],
      ['queued', 'channel/unconfirmed_resent'],
      ['in_transit', null],
      ['delivered', '000'],
    ]);
    expect((await idsOf(m.id)).map((r) => r.channelMessageId)).not.toContain(`unconfirmed:${m.id}:1`);
    // Consumed at the first accept only: the second accept's consume is the same posting.
    expect(await postingsOf(m.id)).toEqual(['reserve', 'consume']);
    const end = await balances();
    expect(end.consumed - start.consumed).toBe(1);
    expect(end.available - start.available).toBe(-1);
    expect(end.reserved).toBe(start.reserved);

    // Counted as accepted once and sent once: the resend withdrew the lost send before the second one.
    const counted = await counters();
    expect(counted.day).toEqual({
      accepted: countedBefore.day.accepted + 1,
      sent: countedBefore.day.sent + 1,
      delivered: countedBefore.day.delivered + 1,
      rejected: countedBefore.day.rejected,
      inTransit: countedBefore.day.inTransit,
    });
    expect(counted.channel).toMatchObject({
      sent: countedBefore.channel.sent + 1,
      delivered: countedBefore.channel.delivered + 1,
      inTransit: countedBefore.channel.inTransit,
    });
    // Webhook receivers are told the history as stored: why the message is queued again, then its send.
    await eventually(async () => (webhookEvents(m.id).length === 5 ? true : undefined));
    expect(webhookEvents(m.id)).toEqual([
      ['queued', null],
      ['in_transit', null],
      ['queued', 'channel/unconfirmed_resent'],
      ['in_transit', null],
      ['delivered', '000'],
    ]);
  }, 60_000);

  /** A rejection of a message already consumed posts a refund (consumed → available), not a release. */
  it('refunds the consumed credit of a message sent again whose second attempt is rejected', async () => {
    await sim.setScenario({
      ...FAST_RECEIPTS,
      smpp: { accounts: [{ systemId: 'mtredi', password: 'test' }], swallowProbability: 1 },
    });
    const countedBefore = await counters();
    const m = await send('Rejected the second time');
    await statusOf(m.id, 'in_transit');
    await sim.setScenario({
      ...FAST_RECEIPTS,
      rules: [{ match: { prefix: m.to.slice(1) }, submit: { outcome: 'reject', status: 'ESME_RINVDSTADR' } }],
    });
    const rejected = await statusOf(m.id, 'rejected', (WINDOW_SECONDS + 10) * 1000);
    expect(rejected.history.at(-1)?.errorCode).toBe('ESME_RINVDSTADR');
    expect(await postingsOf(m.id)).toEqual(['reserve', 'consume', 'refund']);
    // Its lost send is withdrawn: rejected, never sent, and not left in transit.
    const counted = await counters();
    expect(counted.day).toEqual({
      ...countedBefore.day,
      accepted: countedBefore.day.accepted + 1,
      rejected: countedBefore.day.rejected + 1,
    });
    expect(counted.channel).toMatchObject({
      sent: countedBefore.channel.sent,
      inTransit: countedBefore.channel.inTransit,
    });
  }, 60_000);
});
