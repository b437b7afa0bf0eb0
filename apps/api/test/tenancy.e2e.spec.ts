import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/db/seed-demo.js';
import { bearer, login, sessionCookie } from './support/http.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';

/** Routes that need no login, or act only on the caller itself; everything else must refuse other tenants' data. */
const PUBLIC = new Set(['POST /v1/auth/login', 'POST /v1/auth/register', 'POST /v1/auth/logout', 'GET /health']);

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Walks every route of the OpenAPI document as a user of organization A against the data of organization B
 * (the demo organization). Routes come from the document, so a route added later is walked too.
 */
describe('tenancy: no route shows or changes another organization’s data', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;
  let attacker: string;
  let attackerKey: string;
  const victim: {
    ids: string[];
    secrets: string[];
    messageId: string;
    apiKeyId: string;
    memberId: string;
    topUpId: string;
  } = {
    ids: [],
    secrets: [],
    messageId: '',
    apiKeyId: '',
    memberId: '',
    topUpId: '',
  };
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    platform = await createTestPlatform();
    app = await platform.startHttp('api');
    // B: the demo organization, with one of everything.
    const owner = await login(app, DEMO.email, DEMO.password);
    const message = await http()
      .post('/v1/messages')
      .set(bearer(platform.apiKey))
      .send({ to: '599123456', sender: DEMO.sender, text: 'საიდუმლო B' });
    const key = await http().post('/v1/api-keys').set('Cookie', owner).send({ name: 'B key' });
    const member = await http()
      .post('/v1/organization/members')
      .set('Cookie', owner)
      .send({ email: 'member@b.ge', name: 'B member', password: 'member password 1' });
    const packages = await http().get('/v1/packages').set('Cookie', owner);
    const topUp = await http().post('/v1/top-ups').set('Cookie', owner).send({ packageId: packages.body.items[0].id });
    const senders = await http().get('/v1/senders').set('Cookie', owner);
    const me = await http().get('/v1/auth/me').set('Cookie', owner);
    Object.assign(victim, {
      messageId: message.body.id,
      apiKeyId: key.body.id,
      memberId: member.body.id,
      topUpId: topUp.body.id,
    });
    victim.ids = [
      message.body.id,
      key.body.id,
      member.body.id,
      topUp.body.id,
      senders.body.items[0].id,
      me.body.id,
      me.body.organization.id,
    ];
    victim.secrets = ['საიდუმლო B', key.body.key, 'member@b.ge', topUp.body.reference];
    expect(victim.ids.every(Boolean)).toBe(true);

    // A: a second organization, activated, with its own key.
    const registered = await http().post('/v1/auth/register').send({
      companyName: 'Attacker Ltd',
      contactName: 'Attacker',
      email: 'owner@a.ge',
      phone: '599000111',
      password: 'attacker password',
    });
    attacker = sessionCookie(registered.headers['set-cookie']);
    const staff = await login(app, DEMO.staffEmail, DEMO.staffPassword);
    await http()
      .post(`/v1/admin/organizations/${registered.body.organization.id}/activate`)
      .set('Cookie', staff)
      .expect(201);
    attackerKey = (await http().post('/v1/api-keys').set('Cookie', attacker).send({ name: 'A key' })).body.key;
  });
  afterAll(() => platform?.destroy());

  it('every route refuses B’s ids and lists nothing of B, by session and by API key', async () => {
    const doc = (await http().get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Partial<Record<Method, unknown>>>;
    };
    let walked = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const method of Object.keys(operations) as Method[]) {
        const route = `${method.toUpperCase()} ${path}`;
        if (PUBLIC.has(route) || route.includes('/auth/logout-all')) continue;
        for (const credentials of [{ Cookie: attacker }, bearer(attackerKey)]) {
          if (path.includes('{id}')) {
            for (const id of victim.ids) {
              const res = await http()[method](path.replace('{id}', id)).set(credentials).send({});
              expect([400, 403, 404], `${route} with B's id ${id} answered ${res.status}`).toContain(res.status);
              walked++;
            }
          } else {
            const res = await http()[method](path).set(credentials).send({});
            const body = JSON.stringify(res.body ?? '') + (res.text ?? '');
            for (const secret of [...victim.ids, ...victim.secrets]) {
              expect(body.includes(secret), `${route} revealed B's ${secret}`).toBe(false);
            }
            walked++;
          }
        }
      }
    }
    expect(walked).toBeGreaterThan(60);
  });

  it('B’s data is untouched after the walk', async () => {
    const owner = await login(app, DEMO.email, DEMO.password);
    await http().get(`/v1/messages/${victim.messageId}`).set('Cookie', owner).expect(200);
    const keys = await http().get('/v1/api-keys').set('Cookie', owner).expect(200);
    expect(keys.body.items.find((k: { id: string }) => k.id === victim.apiKeyId).revokedAt).toBeNull();
    const members = await http().get('/v1/organization/members').set('Cookie', owner).expect(200);
    expect(members.body.items.map((m: { id: string }) => m.id)).toContain(victim.memberId);
    const topUps = await http().get('/v1/top-ups').set('Cookie', owner).expect(200);
    expect(topUps.body.items[0]).toMatchObject({ id: victim.topUpId, status: 'requested' });
  });
});
