import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/db/seed-demo.js';
import { bearer, login, sessionCookie } from './support/http.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';

const REGISTRATION = {
  companyName: 'Tbilisi Dental Clinic',
  website: 'tdc.ge',
  contactName: 'ნინო ბერიძე',
  email: 'Nino@TDC.ge',
  phone: '0322 12 34 56',
  password: 'a long secret phrase',
};

describe('registration, verification by staff, top-ups', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let customer: string;
  let staff: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    platform = await createTestPlatform();
    app = await platform.startHttp('all');
    staff = await login(app, DEMO.staffEmail, DEMO.staffPassword);
  });
  afterAll(() => platform?.destroy());

  it('registers a pending organization with its owner logged in and 10 trial credits', async () => {
    const res = await http().post('/v1/auth/register').send(REGISTRATION).expect(201);
    expect(res.body).toMatchObject({
      email: 'nino@tdc.ge',
      name: 'ნინო ბერიძე',
      role: 'owner',
      organization: { name: 'Tbilisi Dental Clinic', status: 'pending' },
    });
    customer = sessionCookie(res.headers['set-cookie']);
    const balance = await http().get('/v1/balance').set('Cookie', customer).expect(200);
    expect(balance.body).toEqual({ available: 10, reserved: 0 });
    const ledger = await http().get('/v1/ledger').set('Cookie', customer).expect(200);
    expect(ledger.body.items).toEqual([expect.objectContaining({ kind: 'trial', amount: 10, availableChange: 10 })]);
  });

  it('refuses a second registration with the same e-mail, and explains bad fields', async () => {
    const again = await http().post('/v1/auth/register').send(REGISTRATION).expect(409);
    expect(again.body.code).toBe('accounts/email_taken');
    const bad = await http()
      .post('/v1/auth/register')
      .send({ ...REGISTRATION, email: 'x', phone: '123', password: 'short' })
      .expect(400);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'password', 'phone']);
  });

  it('a pending organization cannot send yet, and is told why', async () => {
    const res = await http()
      .post('/v1/messages')
      .set('Cookie', customer)
      .send({ to: '599123456', sender: 'TDC', text: 'hi' })
      .expect(403);
    expect(res.body.code).toBe('accounts/organization_pending');
  });

  it('customers cannot reach the staff area', async () => {
    const res = await http().get('/v1/admin/organizations').set('Cookie', customer).expect(403);
    expect(res.body.code).toBe('auth/forbidden');
  });

  it('staff see it waiting and activate it; the action is audited', async () => {
    const pending = await http().get('/v1/admin/organizations?status=pending').set('Cookie', staff).expect(200);
    const waiting = pending.body.items.find((o: { name: string }) => o.name === 'Tbilisi Dental Clinic');
    expect(waiting).toMatchObject({ status: 'pending', ownerEmail: 'nino@tdc.ge', contactPhone: '+995322123456' });
    const activated = await http()
      .post(`/v1/admin/organizations/${waiting.id}/activate`)
      .set('Cookie', staff)
      .expect(201);
    expect(activated.body).toMatchObject({ status: 'active', activatedAt: expect.any(String) });
    const me = await http().get('/v1/auth/me').set('Cookie', customer).expect(200);
    expect(me.body.organization.status).toBe('active');
  });

  it('a requested package is credited only when staff confirm the payment, once', async () => {
    const packages = await http().get('/v1/packages').set('Cookie', customer).expect(200);
    expect(packages.body.items.map((p: { pricePerPartTetri: number }) => p.pricePerPartTetri)).toEqual(
      [...packages.body.items.map((p: { pricePerPartTetri: number }) => p.pricePerPartTetri)].sort((a, b) => b - a),
    );
    const start = packages.body.items[0];
    const requested = await http()
      .post('/v1/top-ups')
      .set('Cookie', customer)
      .send({ packageId: start.id })
      .expect(201);
    expect(requested.body).toMatchObject({
      status: 'requested',
      parts: start.parts,
      reference: expect.stringMatching(/^MT-/),
    });
    expect((await http().get('/v1/balance').set('Cookie', customer)).body.available).toBe(10);

    const queue = await http().get('/v1/admin/top-ups').set('Cookie', staff).expect(200);
    expect(queue.body.items.map((t: { id: string }) => t.id)).toContain(requested.body.id);
    for (let i = 0; i < 2; i++) {
      const confirmed = await http()
        .post(`/v1/admin/top-ups/${requested.body.id}/confirm`)
        .set('Cookie', staff)
        .expect(201);
      expect(confirmed.body.status).toBe('confirmed');
    }
    expect((await http().get('/v1/balance').set('Cookie', customer)).body).toEqual({
      available: 10 + start.parts,
      reserved: 0,
    });
    const topUps = await http().get('/v1/top-ups').set('Cookie', customer).expect(200);
    expect(topUps.body.items[0]).toMatchObject({ status: 'confirmed', confirmedAt: expect.any(String) });
  });

  it('refuses a price table where a bigger package is not cheaper per SMS', async () => {
    const res = await http()
      .put('/v1/admin/packages')
      .set('Cookie', staff)
      .send({
        items: [
          { name: 'Small', parts: 100, priceTetri: 500 },
          { name: 'Big', parts: 1000, priceTetri: 6000 },
        ],
      })
      .expect(422);
    expect(res.body.code).toBe('billing/invalid_price_table');
    expect(res.body.message).toContain('"Big"');
  });

  it('owners add and remove members; members cannot', async () => {
    const added = await http()
      .post('/v1/organization/members')
      .set('Cookie', customer)
      .send({ email: 'giorgi@tdc.ge', name: 'გიორგი', password: 'first password 123' })
      .expect(201);
    const member = await login(app, 'giorgi@tdc.ge', 'first password 123');
    await http()
      .post('/v1/organization/members')
      .set('Cookie', member)
      .send({ email: 'x@tdc.ge', name: 'X', password: 'first password 123' })
      .expect(403);
    const list = await http().get('/v1/organization/members').set('Cookie', customer).expect(200);
    expect(list.body.items.map((m: { email: string }) => m.email)).toEqual(['nino@tdc.ge', 'giorgi@tdc.ge']);
    await http().delete(`/v1/organization/members/${added.body.id}`).set('Cookie', customer).expect(204);
    await http().get('/v1/auth/me').set('Cookie', member).expect(401);
  });

  it('API keys: shown once, used, listed with last use, revoked', async () => {
    const created = await http().post('/v1/api-keys').set('Cookie', customer).send({ name: 'Shop' }).expect(201);
    expect(created.body.key).toMatch(/^mtr_/);
    await http().get('/v1/balance').set(bearer(created.body.key)).expect(200);
    const list = await http().get('/v1/api-keys').set('Cookie', customer).expect(200);
    const listed = list.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(listed).toMatchObject({ name: 'Shop', lastUsedAt: expect.any(String), revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    await http().delete(`/v1/api-keys/${created.body.id}`).set('Cookie', customer).expect(204);
    const refused = await http().get('/v1/balance').set(bearer(created.body.key)).expect(401);
    expect(refused.body.code).toBe('auth/invalid_api_key');
  });

  it('the ledger exports as a real Excel file with Georgian intact', async () => {
    const res = await http()
      .get('/v1/ledger/export.xlsx')
      .set('Cookie', customer)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const sheet = workbook.getWorksheet('Ledger');
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      'Date',
      'Kind',
      'Parts',
      'Available change',
      'From',
      'To',
      'Description',
    ]);
    const kinds = sheet?.getColumn(2).values.slice(2);
    expect(kinds).toEqual(['top_up', 'trial']);
  });

  it('log out everywhere ends every session of the user', async () => {
    const second = await login(app, 'nino@tdc.ge', REGISTRATION.password);
    await http().post('/v1/auth/logout-all').set('Cookie', customer).expect(204);
    await http().get('/v1/auth/me').set('Cookie', second).expect(401);
    await http().get('/v1/auth/me').set('Cookie', customer).expect(401);
  });

  it('throttles password guessing per account, with Retry-After', async () => {
    for (let i = 0; i < 5; i++) {
      await http().post('/v1/auth/login').send({ email: 'nino@tdc.ge', password: 'wrong' }).expect(401);
    }
    const blocked = await http()
      .post('/v1/auth/login')
      .send({ email: 'nino@tdc.ge', password: REGISTRATION.password })
      .expect(429);
    expect(blocked.body.code).toBe('auth/too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account is not affected.
    await login(app, DEMO.email, DEMO.password);
  });
});
