import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/db/seed-demo.js';
import { login, sessionCookie } from './support/http.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';

const MAGTI_NUMBER = '599123456';
const SILKNET_NUMBER = '555123456';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function binary(res: request.Test) {
  return res.buffer(true).parse((response, done) => {
    const chunks: Buffer[] = [];
    response.on('data', (c: Buffer) => chunks.push(c));
    response.on('end', () => done(null, Buffer.concat(chunks)));
  });
}

describe('sender names and their authorization by each operator', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let customer: string;
  let staff: string;
  let tdcId: string;
  const http = () => request(app.getHttpServer());
  const send = (sender: string, to: string) =>
    http().post('/v1/messages').set('Cookie', customer).send({ to, sender, text: 'გამარჯობა' });

  beforeAll(async () => {
    platform = await createTestPlatform();
    app = await platform.startHttp('all');
    staff = await login(app, DEMO.staffEmail, DEMO.staffPassword);
    const registered = await http().post('/v1/auth/register').send({
      companyName: 'Tbilisi Dental Clinic',
      website: 'tdc.ge',
      contactName: 'Nino Beridze',
      email: 'nino@tdc.ge',
      phone: '599111222',
      password: 'a long secret phrase',
    });
    customer = sessionCookie(registered.headers['set-cookie']);
    await http()
      .post(`/v1/admin/organizations/${registered.body.organization.id}/activate`)
      .set('Cookie', staff)
      .expect(201);
  });
  afterAll(() => platform?.destroy());

  it('refuses bad names with the rule and the character, and generic words', async () => {
    const bad = await http().post('/v1/senders').set('Cookie', customer).send({ name: 'TDC#1' }).expect(422);
    expect(bad.body.code).toBe('senders/invalid_name');
    expect(bad.body.message).toContain('#');
    const long = await http().post('/v1/senders').set('Cookie', customer).send({ name: 'TbilisiDental' }).expect(422);
    expect(long.body.code).toBe('senders/invalid_name');
    const generic = await http().post('/v1/senders').set('Cookie', customer).send({ name: 'Fasdakleba' }).expect(422);
    expect(generic.body.code).toBe('senders/generic_name');
  });

  it('accepts a matching name as requested for every operator; a non-matching one waits for staff', async () => {
    const tdc = await http().post('/v1/senders').set('Cookie', customer).send({ name: 'TDC' }).expect(201);
    tdcId = tdc.body.id;
    expect(tdc.body).toMatchObject({ name: 'TDC', status: 'pending', matches: true });
    expect(Object.values(tdc.body.operators).map((o) => (o as { state: string }).state)).toEqual([
      'requested',
      'requested',
      'requested',
    ]);
    const acme = await http().post('/v1/senders').set('Cookie', customer).send({ name: 'Acme' }).expect(201);
    expect(acme.body.matches).toBe(false);
    const refused = await send('TDC', MAGTI_NUMBER).expect(422);
    expect(refused.body.code).toBe('senders/not_authorized');
    expect(refused.body.message).toMatch(/TDC.*Magti.*requested/);
  });

  it('staff export the Magti batch (non-matching names held back) and record Magti’s approval', async () => {
    const batch = await binary(
      http().post('/v1/admin/senders/batches').set('Cookie', staff).send({ operator: 'magti' }),
    ).expect(200);
    expect(batch.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(batch.body as never);
    const names = workbook.worksheets[0]?.getColumn(2).values.slice(2);
    expect(names).toContain('TDC');
    expect(names).not.toContain('Acme');

    const decided = await http()
      .post('/v1/admin/senders/decisions')
      .set('Cookie', staff)
      .send({ operator: 'magti', decisions: [{ senderId: tdcId, decision: 'approve' }] })
      .expect(201);
    expect(decided.body.items).toEqual([{ senderId: tdcId, ok: true, state: 'active' }]);

    await send('TDC', MAGTI_NUMBER).expect(201);
    const silknet = await send('TDC', SILKNET_NUMBER).expect(422);
    expect(silknet.body.message).toMatch(/Silknet/);
    const list = await http().get('/v1/senders').set('Cookie', customer).expect(200);
    expect(list.body.items.find((s: { id: string }) => s.id === tdcId)).toMatchObject({
      status: 'partly_active',
      operators: { magti: { state: 'active' }, silknet: { state: 'requested' }, cellfie: { state: 'requested' } },
    });
  });

  it('an illegal transition is refused per decision, with a reason', async () => {
    const res = await http()
      .post('/v1/admin/senders/decisions')
      .set('Cookie', staff)
      .send({ operator: 'cellfie', decisions: [{ senderId: tdcId, decision: 'approve' }] })
      .expect(201);
    expect(res.body.items[0]).toMatchObject({ senderId: tdcId, ok: false });
    expect(res.body.items[0].error).toMatch(/requested/);
  });

  it('imports Silknet’s answer from the returned workbook', async () => {
    const batch = await binary(
      http().post('/v1/admin/senders/batches').set('Cookie', staff).send({ operator: 'silknet' }),
    ).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(batch.body as never);
    const sheet = workbook.worksheets[0];
    sheet?.eachRow((row, n) => {
      if (n > 1) row.getCell(5).value = 'დიახ';
    });
    const answer = Buffer.from(await workbook.xlsx.writeBuffer());
    const imported = await http()
      .post('/v1/admin/senders/decisions/import?operator=silknet')
      .set('Cookie', staff)
      .set('Content-Type', XLSX)
      .send(answer)
      .expect(201);
    expect(imported.body.items).toEqual([{ senderId: tdcId, ok: true, state: 'active' }]);
    await send('TDC', SILKNET_NUMBER).expect(201);
  });

  it('re-authorization demanded: every active name waits again, customers see the notice, sends are refused until approved', async () => {
    const demanded = await http()
      .post('/v1/admin/senders/reauthorization')
      .set('Cookie', staff)
      .send({
        reason: 'state of emergency',
        noticeKa: 'მობილური ოპერატორები ითხოვენ ყველა სახელის ხელახლა ავტორიზაციას',
        noticeEn: 'The operators demand that every sender name be authorized again',
      })
      .expect(201);
    expect(demanded.body.authorizations).toBeGreaterThanOrEqual(3); // TDC ×2 and the demo name ×3
    const notices = await http().get('/v1/notices').set('Cookie', customer).expect(200);
    expect(notices.body.items[0]).toMatchObject({
      kind: 'reauthorization',
      textKa: expect.stringContaining('ავტორიზაციას'),
    });
    const refused = await send('TDC', MAGTI_NUMBER).expect(422);
    expect(refused.body.message).toMatch(/submitted/);

    await http()
      .post('/v1/admin/senders/decisions')
      .set('Cookie', staff)
      .send({ operator: 'magti', decisions: [{ senderId: tdcId, decision: 'approve' }] })
      .expect(201);
    await send('TDC', MAGTI_NUMBER).expect(201);

    const history = await http().get(`/v1/senders/${tdcId}/history`).set('Cookie', customer).expect(200);
    const magti = history.body.items.filter((h: { operator: string }) => h.operator === 'magti');
    expect(magti.map((h: { to: string }) => h.to)).toEqual(['requested', 'submitted', 'active', 'submitted', 'active']);
    expect(magti[3]).toMatchObject({
      event: 'demand_reauthorization',
      reason: 'state of emergency',
      actor: { kind: 'staff' },
    });
  });

  it('staff accept a non-matching name with a reason, then it can be submitted', async () => {
    const queue = await http()
      .get('/v1/admin/senders?state=requested&operator=cellfie')
      .set('Cookie', staff)
      .expect(200);
    const acme = queue.body.items.find((s: { name: string }) => s.name === 'Acme');
    expect(acme).toMatchObject({ matches: false, organization: { name: 'Tbilisi Dental Clinic' } });
    await http()
      .post(`/v1/admin/senders/${acme.id}/override`)
      .set('Cookie', staff)
      .send({ reason: 'registered trademark of the clinic' })
      .expect(201);
    const batch = await binary(
      http().post('/v1/admin/senders/batches').set('Cookie', staff).send({ operator: 'cellfie' }),
    ).expect(200);
    expect(batch.headers['x-batch-count']).toBe('2');
  });

  it('a deleted name disappears and cannot be used', async () => {
    await http().delete(`/v1/senders/${tdcId}`).set('Cookie', customer).expect(204);
    const list = await http().get('/v1/senders').set('Cookie', customer).expect(200);
    expect(list.body.items.map((s: { name: string }) => s.name)).toEqual(['Acme']);
    const res = await send('TDC', MAGTI_NUMBER).expect(422);
    expect(res.body.code).toBe('senders/unknown');
  });

  it('ported numbers override the prefix table', async () => {
    const staffView = await http().get('/v1/admin/operators/prefixes').set('Cookie', staff).expect(200);
    expect(staffView.body.items.find((o: { operator: string }) => o.operator === 'magti').prefixes).toContain('995599');
    await http()
      .put('/v1/admin/ported-numbers')
      .set('Cookie', staff)
      .send({ items: [{ number: '599 00 00 01', operator: 'cellfie' }] })
      .expect(200);
    const demo = await login(app, DEMO.email, DEMO.password);
    // The demo name was sent back to every operator by the re-authorization; Cellfie's refusal names Cellfie.
    const res = await http()
      .post('/v1/messages')
      .set('Cookie', demo)
      .send({ to: '599000001', sender: DEMO.sender, text: 'x' })
      .expect(422);
    expect(res.body.message).toMatch(/Cellfie/);
  });
  it('a rejected name can be asked for again: it goes back to that operator only', async () => {
    const name = (await http().post('/v1/senders').set('Cookie', customer).send({ name: 'TDClinic' }).expect(201)).body;
    await binary(http().post('/v1/admin/senders/batches').set('Cookie', staff).send({ operator: 'cellfie' })).expect(
      200,
    );
    await http()
      .post('/v1/admin/senders/decisions')
      .set('Cookie', staff)
      .send({ operator: 'cellfie', decisions: [{ senderId: name.id, decision: 'reject', reason: 'unclear owner' }] })
      .expect(201);
    const again = await http().post('/v1/senders').set('Cookie', customer).send({ name: 'TDClinic' }).expect(201);
    expect(again.body.operators.cellfie).toMatchObject({ state: 'requested' });
    await http().post('/v1/senders').set('Cookie', customer).send({ name: 'TDClinic' }).expect(409);
    await http().delete(`/v1/senders/${name.id}`).set('Cookie', customer).expect(204);
  });
});
