import type { SimulatorDriver } from '@mtredi/driver-simulator';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/db/seed-demo.js';
import { Tenancy } from '../src/db/tenancy.js';
import { Channel } from '../src/modules/channels/channel.entity.js';
import { ChannelRuntime } from '../src/modules/channels/channel-runtime.service.js';
import { Message } from '../src/modules/messaging/message.entity.js';
import { StatisticsService, tbilisiDay } from '../src/modules/statistics/statistics.service.js';
import { bearer, login } from './support/http.js';
import { createTestPlatform, eventually, type TestPlatform } from './support/platform.js';

/** Reads an .xlsx answer back: the first sheet's rows as arrays of cell values. */
async function sheetOf(body: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0]?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('statistics: per channel, and the daily table as an Excel file', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let channel: { id: string; name: string };
  const today = tbilisiDay(new Date());
  const http = () => request(app.getHttpServer());
  const auth = () => bearer(platform.apiKey);

  beforeAll(async () => {
    platform = await createTestPlatform();
    app = await platform.startHttp('all');
    const [seeded] = await app.get(Tenancy).system().find(Channel, {});
    channel = { id: seeded?.id ?? '', name: seeded?.name ?? '' };
    for (const to of ['599500001', '599500002', '599500003']) {
      await http().post('/v1/messages').set(auth()).send({ to, sender: DEMO.sender, text: 'სტატისტიკა' }).expect(201);
    }
    await eventually(async () => {
      const res = await http().get(`/v1/statistics/daily?from=${today}&to=${today}`).set(auth()).expect(200);
      return res.body.items[0].delivered === 3 ? true : undefined;
    }, 20_000);
  });
  afterAll(() => platform?.destroy());

  it('counts each channel, all together and per day, and filters the daily table by channel', async () => {
    const channels = await http().get(`/v1/statistics/channels?from=${today}&to=${today}`).set(auth()).expect(200);
    expect(channels.body.items).toEqual([
      expect.objectContaining({
        channelId: channel.id,
        name: channel.name,
        accepted: 0, // accepted before any channel was chosen: counted per day, not per channel
        sent: 3,
        delivered: 3,
        deliveryRate: 1,
      }),
    ]);
    expect(channels.body.items[0].timeToDeliverP50Ms).toBeGreaterThan(0);

    const ofChannel = await http()
      .get(`/v1/statistics/daily?from=${today}&to=${today}&channelId=${channel.id}`)
      .set(auth())
      .expect(200);
    expect(ofChannel.body.items).toEqual([expect.objectContaining({ day: today, sent: 3, delivered: 3 })]);
    const other = '0b6f3e9a-2a6e-4d7f-8a55-3c1f0e6b9d21';
    const ofOther = await http()
      .get(`/v1/statistics/daily?from=${today}&to=${today}&channelId=${other}`)
      .set(auth())
      .expect(200);
    expect(ofOther.body.items).toEqual([expect.objectContaining({ day: today, sent: 0, delivered: 0 })]);

    const bad = await http()
      .get(`/v1/statistics/daily?from=${today}&to=${today}&channelId=sms`)
      .set(auth())
      .expect(400);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(['channelId']);
  });

  it('gives staff every organization per channel, and refuses that view to customers', async () => {
    const staff = await login(app, DEMO.staffEmail, DEMO.staffPassword);
    const all = await http().get(`/v1/admin/statistics/channels?from=${today}&to=${today}`).set('Cookie', staff);
    expect(all.status).toBe(200);
    expect(all.body.items).toEqual([expect.objectContaining({ channelId: channel.id, sent: 3, delivered: 3 })]);
    await http().get(`/v1/admin/statistics/channels?from=${today}&to=${today}`).set(auth()).expect(403);
  });

  it('exports the daily rows with the same filters as an .xlsx whose Georgian headers read back', async () => {
    const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const res = await http()
      .get(`/v1/statistics/daily/export.xlsx?from=${yesterday}&to=${today}`)
      .set(auth())
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="mtredi-statistics-${yesterday}-${today}.xlsx"`,
    );
    const rows = await sheetOf(res.body as Buffer);
    expect(rows[0]?.slice(0, 4)).toEqual(['დღე', 'მიღებული', 'გაგზავნილი', 'მიწოდებული']);
    expect(rows).toHaveLength(3);
    expect((rows[1]?.[0] as Date | undefined)?.toISOString().slice(0, 10)).toBe(yesterday);
    expect(rows[1]?.slice(1, 4)).toEqual([0, 0, 0]);
    expect((rows[2]?.[0] as Date | undefined)?.toISOString().slice(0, 10)).toBe(today);
    // accepted, sent, delivered … delivery rate (a fraction shown as a percentage)
    expect(rows[2]?.slice(1, 4)).toEqual([3, 3, 3]);
    expect(rows[2]?.[9]).toBe(1);
    // No delivery yesterday: no rate rather than 0 %.
    expect(rows[1]?.[9] ?? null).toBeNull();

    const english = await http()
      .get(`/v1/statistics/daily/export.xlsx?from=${today}&to=${today}&channelId=${channel.id}&language=en`)
      .set(auth())
      .buffer(true)
      .parse(binary)
      .expect(200);
    const en = await sheetOf(english.body as Buffer);
    expect(en[0]?.slice(0, 4)).toEqual(['Day', 'Accepted', 'Sent', 'Delivered']);
    expect(en[1]?.slice(1, 4)).toEqual([0, 3, 3]);

    const refused = await http()
      .get(`/v1/statistics/daily/export.xlsx?from=${today}&to=yesterday`)
      .set(auth())
      .expect(400);
    expect(refused.body.details.map((d: { path: string }) => d.path)).toEqual(['to']);
  });
  it('counts a delivered message on the channel its receipt came from, without looking the channel up', async () => {
    const em = app.get(Tenancy).system();
    const statistics = app.get(StatisticsService);
    const ofChannel = async () =>
      (await http().get(`/v1/statistics/channels?from=${today}&to=${today}`).set(auth()).expect(200)).body.items[0];
    const before = await ofChannel();
    const lookups = statistics.channelsLookedUp;
    const driver = app.get(ChannelRuntime).get(channel.id)?.driver as SimulatorDriver | undefined;
    if (!driver) throw new Error('the simulator channel is not running');
    const { simulator } = driver;
    simulator.setScenario({ version: 1, receipt: { state: 'delivered', delay: { kind: 'fixed', ms: 1500 } } });
    const sent = await http()
      .post('/v1/messages')
      .set(auth())
      .send({ to: '599500004', sender: DEMO.sender, text: 'არხი' })
      .expect(201);
    const id = sent.body.id as string;
    await eventually(async () => {
      const m = await em.findOne(Message, { id }, { refresh: true });
      return m?.status === 'in_transit' ? m : undefined;
    });
    // Were the channel looked up from the message, the delivery would count on no channel: the receipt's
    // change has to carry it.
    await em.nativeUpdate(Message, { id }, { channelId: null });
    await eventually(async () => {
      const m = await em.findOne(Message, { id }, { refresh: true });
      return m?.status === 'delivered' ? m : undefined;
    });
    const after = await eventually(async () => {
      const item = await ofChannel();
      return item.delivered === before.delivered + 1 ? item : undefined;
    });
    expect(after).toMatchObject({ channelId: channel.id, sent: before.sent + 1, delivered: before.delivered + 1 });
    const day = await http()
      .get(`/v1/statistics/daily?from=${today}&to=${today}&channelId=${channel.id}`)
      .set(auth())
      .expect(200);
    expect(day.body.items[0]).toMatchObject({ sent: before.sent + 1, delivered: before.delivered + 1 });
    // Dispatch and receipts name their channel: no change of this message had its channel looked up.
    expect(statistics.channelsLookedUp).toBe(lookups);
    simulator.setScenario({ version: 1 });
  });
});
