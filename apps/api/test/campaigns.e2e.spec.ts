import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BoundSql } from '../src/db/bound-sql.js';
import { DEMO } from '../src/db/seed-demo.js';
import { Tenancy } from '../src/db/tenancy.js';
import { LedgerPosting } from '../src/modules/billing/ledger-posting.entity.js';
import { Campaign } from '../src/modules/campaigns/campaign.entity.js';
import { CampaignFanout } from '../src/modules/campaigns/campaign-fanout.service.js';
import { Message } from '../src/modules/messaging/message.entity.js';
import { login } from './support/http.js';
import { createTestPlatform, eventually, grantCredit, type TestPlatform } from './support/platform.js';

describe('campaigns: estimate, start, statistics, pause, resume, cancel', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let owner: string;
  let groupId: string;
  const http = () => request(app.getHttpServer());
  const balance = async () =>
    (await http().get('/v1/balance').set('Cookie', owner)).body as { available: number; reserved: number };
  const campaign = async (id: string) =>
    (await http().get(`/v1/campaigns/${id}`).set('Cookie', owner).expect(200)).body;

  beforeAll(async () => {
    // A slow channel (5 messages/s) so a campaign is still sending when it is paused or cancelled.
    platform = await createTestPlatform({
      simulator: { maxMessagesPerSecond: 5, scenario: { receipt: { delay: { kind: 'fixed', ms: 20 } } } },
    });
    app = await platform.startHttp('all');
    owner = await login(app, DEMO.email, DEMO.password);
    await grantCredit(app, platform.organizationId, 500);
    groupId = (await http().post('/v1/groups').set('Cookie', owner).send({ name: 'კლიენტები' })).body.id;
    const people = [
      ['599100001', 'ნინო'],
      ['599100002', 'გიორგი'],
      ['599100003', null],
      ['599100004', 'ანა'],
    ] as const;
    for (const [phone, firstName] of people) {
      await http()
        .post('/v1/contacts')
        .set('Cookie', owner)
        .send({ phone, firstName, groupIds: [groupId] })
        .expect(201);
    }
    await http().post('/v1/stop-list').set('Cookie', owner).send({ phone: '599100004' }).expect(204);
  });
  afterAll(() => platform?.destroy());

  it('estimates recipients after duplicates, the stop list and missing fields, with cost and the credit check', async () => {
    const created = await http()
      .post('/v1/campaigns')
      .set('Cookie', owner)
      .send({
        name: 'მისალმება',
        sender: DEMO.sender,
        text: 'გამარჯობა {first_name}!',
        recipients: { groupIds: [groupId], numbers: ['599 10 00 01', '555 200 300', 'not a number'] },
        options: { missing: 'skip', optOut: true },
      })
      .expect(201);
    expect(created.body.status).toBe('draft');
    const estimate = await http().post(`/v1/campaigns/${created.body.id}/estimate`).set('Cookie', owner).expect(200);
    expect(estimate.body).toMatchObject({
      recipients: 5, // 4 contacts + 555 200 300 (599 10 00 01 repeats a contact)
      duplicates: 1,
      skippedInvalid: 1,
      skippedStopped: 1,
      skippedMissing: 2, // the contact without a name, and the pasted number (no fields)
      messages: 2,
      enoughCredit: true,
    });
    expect(estimate.body.cost).toBe(estimate.body.parts);

    const before = await balance();
    await http().post(`/v1/campaigns/${created.body.id}/start`).set('Cookie', owner).send({}).expect(200);
    const done = await eventually(async () => {
      const c = await campaign(created.body.id);
      return c.status === 'completed' && c.stats.delivered === 2 ? c : undefined;
    }, 20_000);
    expect(done.totals).toMatchObject({ messages: 2, parts: estimate.body.parts });
    expect(done.stats).toMatchObject({ accepted: 2, sent: 2, delivered: 2, deliveryRate: 1 });
    expect(done.stats.timeToDeliverP50Ms).toBeGreaterThan(0);
    expect((await balance()).available).toBe(before.available - estimate.body.parts);

    const messages = await http().get('/v1/messages?limit=10').set('Cookie', owner).expect(200);
    const texts = messages.body.items.map((m: { text: string }) => m.text);
    expect(texts).toContain('გამარჯობა ნინო!\nგამოწერის გაუქმება: STOP');
    expect(texts).toContain('გამარჯობა გიორგი!\nგამოწერის გაუქმება: STOP');

    const today = new Date(Date.now() + 4 * 3600_000).toISOString().slice(0, 10);
    const daily = await http().get(`/v1/statistics/daily?from=${today}&to=${today}`).set('Cookie', owner).expect(200);
    expect(daily.body.items[0]).toMatchObject({ day: today, delivered: 2 });
  });

  it('reads large groups slice by slice: overlapping groups and chosen contacts count once each', async () => {
    const db = new BoundSql(app.get(Tenancy).system());
    const ids = Array.from({ length: 2_305 }, () => randomUUID());
    const now = new Date();
    await db.run(
      db.insert(
        'contacts',
        [
          { name: 'id', pgType: 'uuid' },
          { name: 'organization_id', pgType: 'uuid' },
          { name: 'phone', pgType: 'text' },
          { name: 'fields', pgType: 'jsonb' },
          { name: 'created_at', pgType: 'timestamptz' },
          { name: 'updated_at', pgType: 'timestamptz' },
        ],
        ids.map((id, i) => {
          // Every contact but the last has a city: the template skips that one.
          const fields = i < ids.length - 1 ? JSON.stringify({ ქალაქი: 'თბილისი' }) : null;
          return [id, platform.organizationId, `+995593${String(i).padStart(6, '0')}`, fields, now, now];
        }),
      ),
    );
    const group = async (name: string, members: string[]) => {
      const id = (await http().post('/v1/groups').set('Cookie', owner).send({ name }).expect(201)).body.id as string;
      await db.run(
        db.insert(
          'group_members',
          ['group_id', 'contact_id', 'organization_id'].map((column) => ({ name: column, pgType: 'uuid' as const })),
          members.map((contactId) => [id, contactId, platform.organizationId]),
        ),
      );
      return id;
    };
    // 0–1,499 and 1,000–2,299 overlap by 500; ten chosen contacts are in a group too, five in none.
    const groupIds = [await group('A', ids.slice(0, 1_500)), await group('B', ids.slice(1_000, 2_300))];
    const contactIds = [...ids.slice(0, 10), ...ids.slice(2_300)];
    const created = await http()
      .post('/v1/campaigns')
      .set('Cookie', owner)
      .send({
        name: 'დიდი ჯგუფი',
        sender: DEMO.sender,
        text: 'გამარჯობა, {ქალაქი}!',
        recipients: { groupIds, contactIds },
        options: { missing: 'skip' },
      })
      .expect(201);
    const estimate = await http().post(`/v1/campaigns/${created.body.id}/estimate`).set('Cookie', owner).expect(200);
    expect(estimate.body).toMatchObject({ recipients: 2_305, duplicates: 0, skippedMissing: 1, messages: 2_304 });
  });

  it('pauses, resumes, and cancels with the unsent credit returned', async () => {
    const numbers = Array.from({ length: 40 }, (_, i) => `5992000${String(i).padStart(2, '0')}`);
    const created = await http()
      .post('/v1/campaigns')
      .set('Cookie', owner)
      .send({ name: 'slow', sender: DEMO.sender, text: 'ok', recipients: { numbers } })
      .expect(201);
    const id = created.body.id;
    const before = await balance();
    await http().post(`/v1/campaigns/${id}/start`).set('Cookie', owner).send({}).expect(200);
    await eventually(async () => ((await campaign(id)).stats.sent >= 3 ? true : undefined));
    await http().post(`/v1/campaigns/${id}/pause`).set('Cookie', owner).expect(200);
    await new Promise((r) => setTimeout(r, 1500));
    const paused = (await campaign(id)).stats.sent;
    await new Promise((r) => setTimeout(r, 1500));
    expect((await campaign(id)).stats.sent).toBeLessThanOrEqual(paused + 2); // in-flight ones may finish
    expect(paused).toBeLessThan(40);

    await http().post(`/v1/campaigns/${id}/resume`).set('Cookie', owner).expect(200);
    await eventually(async () => ((await campaign(id)).stats.sent > paused + 2 ? true : undefined));
    const cancelled = await http().post(`/v1/campaigns/${id}/cancel`).set('Cookie', owner).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    const final = await eventually(async () => {
      const c = await campaign(id);
      return c.stats.sent + c.stats.failed === 40 ? c : undefined;
    });
    expect(final.stats.failed).toBeGreaterThan(0);
    await eventually(async () => ((await balance()).reserved === 0 ? true : undefined));
    expect((await balance()).available).toBe(before.available - final.stats.sent);
    await http().post(`/v1/campaigns/${id}/resume`).set('Cookie', owner).expect(409);
  });

  it('refuses to start without enough credit', async () => {
    const numbers = Array.from({ length: 600 }, (_, i) => `599300${String(i).padStart(3, '0')}`);
    const created = await http()
      .post('/v1/campaigns')
      .set('Cookie', owner)
      .send({ name: 'big', sender: DEMO.sender, text: 'x', recipients: { numbers } })
      .expect(201);
    const res = await http().post(`/v1/campaigns/${created.body.id}/start`).set('Cookie', owner).send({}).expect(402);
    expect(res.body.code).toBe('billing/insufficient_credit');
  });

  it('keeps the template a campaign was written from, answers it, and forgets it when the template is deleted', async () => {
    const template = (
      await http()
        .post('/v1/templates')
        .set('Cookie', owner)
        .send({ name: 'შეთავაზება', body: 'გამარჯობა {first_name}, -10%!' })
        .expect(201)
    ).body;
    const created = await http()
      .post('/v1/campaigns')
      .set('Cookie', owner)
      .send({
        name: 'from a template',
        sender: DEMO.sender,
        text: template.body,
        templateId: template.id,
        recipients: { numbers: ['599400001'] },
      })
      .expect(201);
    expect(created.body).toMatchObject({ templateId: template.id, template: { id: template.id, name: 'შეთავაზება' } });
    const listed = (await http().get('/v1/campaigns').set('Cookie', owner).expect(200)).body.items.find(
      (c: { id: string }) => c.id === created.body.id,
    );
    expect(listed.template).toEqual({ id: template.id, name: 'შეთავაზება' });

    // Without a template, and a template of nobody's: refused, naming the field.
    const plain = await http()
      .post('/v1/campaigns')
      .set('Cookie', owner)
      .send({ name: 'plain', sender: DEMO.sender, text: 'hi', recipients: { numbers: ['599400002'] } })
      .expect(201);
    expect(plain.body).toMatchObject({ templateId: null, template: null });
    const missing = '5f0c7a43-9a3e-4c55-9d0b-0e3d8d1f2a11';
    const refused = await http()
      .patch(`/v1/campaigns/${plain.body.id}`)
      .set('Cookie', owner)
      .send({ templateId: missing })
      .expect(422);
    expect(refused.body).toMatchObject({
      code: 'templates/not_found',
      details: [{ path: 'templateId', message: `Template ${missing} was not found` }],
    });
    const linked = await http()
      .patch(`/v1/campaigns/${plain.body.id}`)
      .set('Cookie', owner)
      .send({ templateId: template.id })
      .expect(200);
    expect(linked.body.template).toEqual({ id: template.id, name: 'შეთავაზება' });

    await http().delete(`/v1/templates/${template.id}`).set('Cookie', owner).expect(204);
    expect(await campaign(created.body.id)).toMatchObject({ templateId: null, template: null, text: template.body });
  });
});

describe('campaign fan-out: paced to dispatch, resumable, every recipient exactly once', () => {
  /** Small, so a 3,000-recipient campaign (three chunks of 1,000) is paced several times. */
  const WINDOW = 300;
  const SIZE = 3000;
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  /** The queue workers run apart from the API, so that a test can restart them. */
  let worker: INestApplicationContext;
  let owner: string;
  const http = () => request(app.getHttpServer());
  const db = () => app.get(Tenancy).system();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const balance = async () =>
    (await http().get('/v1/balance').set('Cookie', owner)).body as { available: number; reserved: number };
  const campaign = async (id: string) =>
    (await http().get(`/v1/campaigns/${id}`).set('Cookie', owner).expect(200)).body;
  const numbers = (series: number, n = SIZE) =>
    Array.from({ length: n }, (_, i) => `599${series}${String(i).padStart(5, '0')}`);
  const stored = (id: string) => db().count(Message, { campaignId: id });

  async function create(name: string, recipients: string[]): Promise<string> {
    const res = await http()
      .post('/v1/campaigns')
      .set('Cookie', owner)
      .send({ name, sender: DEMO.sender, text: 'ok', recipients: { numbers: recipients } })
      .expect(201);
    return res.body.id;
  }

  /** Waits for the campaign to complete with every message delivered and its reserved credit settled. */
  async function completed(id: string, messages: number) {
    const done = await eventually(async () => {
      const c = await campaign(id);
      return c.status === 'completed' && c.stats.delivered === messages ? c : undefined;
    }, 60_000);
    await eventually(async () => ((await balance()).reserved === 0 ? true : undefined));
    return done;
  }

  /** Each expected number stored once, and reserved for exactly once: one part per message. */
  async function expectExactlyOnce(id: string, expected: string[]) {
    const rows = await db().find(Message, { campaignId: id }, { fields: ['to'] });
    expect(rows).toHaveLength(expected.length);
    expect(new Set(rows.map((r) => r.to))).toEqual(new Set(expected.map((n) => `+995${n}`)));
    const reserves = await db().find(LedgerPosting, {
      kind: 'reserve',
      idempotencyKey: { $like: `reserve:campaign:${id}:%` },
    });
    expect(reserves.reduce((sum, p) => sum + p.amount, 0)).toBe(expected.length);
  }

  beforeAll(async () => {
    platform = await createTestPlatform({
      env: {
        MTREDI_CAMPAIGN_PACING_WINDOW: String(WINDOW),
        // A worker is stopped mid-campaign below: the submit jobs it held are gone with it, and the sweeper
        // (the safety net for that) hands their messages to the next worker. Short here, so a test waits
        // seconds for it, not the production minute.
        MTREDI_SWEEP_INTERVAL_MS: '1000',
        MTREDI_SWEEP_AFTER_MS: '5000',
        MTREDI_CLAIM_TTL_MS: '15000',
      },
      simulator: { maxMessagesPerSecond: 600, scenario: { receipt: { delay: { kind: 'fixed', ms: 10 } } } },
    });
    app = await platform.startHttp('api');
    worker = await platform.startWorker();
    owner = await login(app, DEMO.email, DEMO.password);
    await grantCredit(app, platform.organizationId, 4 * SIZE);
  });
  afterAll(() => platform?.destroy());

  it('stores a campaign larger than the pacing window as dispatch takes it, and completes it exactly once', async () => {
    const recipients = numbers(5);
    const id = await create('paced', recipients);
    const before = await balance();
    await http().post(`/v1/campaigns/${id}/start`).set('Cookie', owner).send({}).expect(200);
    const running = await campaign(id);
    expect(running.planned).toBe(SIZE); // the estimate, before the fan-out has planned everything

    let maxQueued = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        maxQueued = Math.max(maxQueued, await db().count(Message, { campaignId: id, status: 'queued' }));
        await sleep(20);
      }
    })();
    const done = await completed(id, SIZE);
    sampling = false;
    await sampler;
    // Never more than the window plus the chunk stored when the window had room (without pacing: ~all).
    expect(maxQueued).toBeGreaterThan(0);
    expect(maxQueued).toBeLessThanOrEqual(WINDOW + 1000);
    expect(done.totals).toMatchObject({ recipients: SIZE, messages: SIZE, parts: SIZE, duplicates: 0 });
    expect(done.planned).toBe(SIZE);
    await expectExactlyOnce(id, recipients);
    expect((await balance()).available).toBe(before.available - SIZE);
    expect((await db().findOne(Campaign, { id }))?.fanoutCursor).toBeNull();
  }, 90_000);

  it('runs the fan-outs of many campaigns side by side: none waits for another to finish sending', async () => {
    // More campaigns than the chunk queue has slots: fan-outs that waited in those slots for their chunks
    // to drain would leave none for the chunks.
    await grantCredit(app, platform.organizationId, 6 * 1500);
    const lists = [0, 1, 2, 3, 4, 9].map((series) => numbers(series, 1500));
    const ids = await Promise.all(lists.map((recipients, i) => create(`side by side ${i}`, recipients)));
    await Promise.all(
      ids.map((id) => http().post(`/v1/campaigns/${id}/start`).set('Cookie', owner).send({}).expect(200)),
    );
    // Every campaign is under way before any has finished: each got its own fan-out at once.
    await eventually(async () => {
      const counts = await Promise.all(ids.map(stored));
      return counts.every((n) => n > 0) ? counts : undefined;
    }, 20_000);
    for (const [i, id] of ids.entries()) {
      await completed(id, 1500);
      await expectExactlyOnce(id, lists[i] as string[]);
    }
  }, 120_000);

  it('pauses during the fan-out, keeps its place, and resumes to complete exactly once', async () => {
    const recipients = numbers(6);
    const id = await create('paused mid fan-out', recipients);
    const before = await balance();
    await http().post(`/v1/campaigns/${id}/start`).set('Cookie', owner).send({}).expect(200);
    await eventually(async () => ((await stored(id)) >= 1000 ? true : undefined));
    await http().post(`/v1/campaigns/${id}/pause`).set('Cookie', owner).expect(200);
    await sleep(500);
    const whenPaused = await stored(id);
    await sleep(1000);
    // The fan-out ended: nothing more stored, the rest waits at the cursor.
    expect(await stored(id)).toBe(whenPaused);
    expect(whenPaused).toBeLessThan(SIZE);
    const paused = await db().findOne(Campaign, { id });
    expect(paused?.totals).toBeNull();
    expect(paused?.fanoutCursor?.chunk).toBe(whenPaused / 1000);
    expect(paused?.fanoutCursor?.totals.messages).toBe(whenPaused);

    await http().post(`/v1/campaigns/${id}/resume`).set('Cookie', owner).expect(200);
    const done = await completed(id, SIZE);
    expect(done.totals).toMatchObject({ recipients: SIZE, messages: SIZE, parts: SIZE, duplicates: 0 });
    await expectExactlyOnce(id, recipients);
    expect((await balance()).available).toBe(before.available - SIZE);
  }, 90_000);

  it('stores nothing twice when fan-out runs compete or one restarts without its cursor', async () => {
    // A repeated number on each side of the first chunk's end: the resumed plan has not seen the first one.
    const distinct = numbers(7, SIZE - 1);
    const recipients = [...distinct.slice(0, 1500), distinct[7] as string, ...distinct.slice(1500)];
    const id = await create('competing runs', recipients);
    const before = await balance();
    const fanout = worker.get(CampaignFanout);
    await http().post(`/v1/campaigns/${id}/start`).set('Cookie', owner).send({}).expect(200);
    await eventually(async () => ((await stored(id)) >= 1000 ? true : undefined));
    await http().post(`/v1/campaigns/${id}/pause`).set('Cookie', owner).expect(200);
    await sleep(300);
    const whenPaused = await stored(id);
    await fanout.run(id); // a paused campaign is not fanned out
    expect(await stored(id)).toBe(whenPaused);

    // The resumed job and two more runs (as Bull re-running a stalled job would) start from the same cursor.
    await http().post(`/v1/campaigns/${id}/resume`).set('Cookie', owner).expect(200);
    await sleep(1200); // when the resumed job starts (it waits out the dispatcher's memory of the pause)
    await Promise.all([fanout.run(id), fanout.run(id)]);
    const done = await completed(id, distinct.length);
    expect(done.totals).toMatchObject({ recipients: distinct.length, messages: distinct.length, duplicates: 1 });
    await expectExactlyOnce(id, distinct);
    expect((await balance()).available).toBe(before.available - distinct.length);

    // A run that lost its cursor (as a fan-out of the release before cursors leaves a campaign) plans from the
    // start: every row is already there, nothing is stored or reserved again, and the totals come out the same.
    await db().nativeUpdate(Campaign, { id }, { status: 'running', totals: null, fanoutCursor: null });
    await fanout.run(id);
    expect((await db().findOne(Campaign, { id }))?.totals).toEqual(done.totals);
    await expectExactlyOnce(id, distinct);
    await fanout.run(id); // done: nothing to do
    await expectExactlyOnce(id, distinct);
    expect((await balance()).available).toBe(before.available - distinct.length);
  }, 90_000);

  it('continues from the cursor on the next worker when the worker stops during the fan-out', async () => {
    const recipients = numbers(8);
    const id = await create('worker restart', recipients);
    const before = await balance();
    await http().post(`/v1/campaigns/${id}/start`).set('Cookie', owner).send({}).expect(200);
    await eventually(async () => ((await stored(id)) >= 1000 ? true : undefined));
    const stopping = Date.now();
    await worker.close();
    // The paced run ends at its next pause point instead of holding the shutdown for the whole campaign.
    expect(Date.now() - stopping).toBeLessThan(5_000);
    const whenStopped = await stored(id);
    expect(whenStopped).toBeLessThan(SIZE);
    const left = await db().findOne(Campaign, { id });
    expect(left).toMatchObject({ status: 'running', totals: null });
    expect(left?.fanoutCursor?.totals.messages).toBe(whenStopped);

    // The next worker finds the running campaign without a fan-out job and continues it.
    worker = await platform.startWorker();
    const done = await completed(id, SIZE);
    expect(done.totals).toMatchObject({ recipients: SIZE, messages: SIZE, parts: SIZE, duplicates: 0 });
    await expectExactlyOnce(id, recipients);
    expect((await balance()).available).toBe(before.available - SIZE);
  }, 90_000);
});
