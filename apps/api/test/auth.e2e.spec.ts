import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/db/seed-demo.js';
import { createTestPlatform, type TestPlatform } from './support/platform.js';

describe('portal sessions', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    platform = await createTestPlatform();
    app = await platform.startHttp('api');
  });
  afterAll(() => platform?.destroy());

  it('logs in with the demo user, keeps an httpOnly session, and logs out', async () => {
    const login = await request(app.getHttpServer())
      .post('/v1/auth/login')
      .send({ email: ' Demo@Mtredi.ge ', password: DEMO.password })
      .expect(200);
    expect(login.body).toMatchObject({ email: DEMO.email, role: 'owner', organization: { name: DEMO.organization } });
    const cookie = login.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/mtredi_session=[^;]+/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const session = cookie.split(';')[0] ?? '';
    const me = await request(app.getHttpServer()).get('/v1/auth/me').set('Cookie', session).expect(200);
    expect(me.body.email).toBe(DEMO.email);
    const senders = await request(app.getHttpServer()).get('/v1/senders').set('Cookie', session).expect(200);
    expect(senders.body.items).toEqual([expect.objectContaining({ name: DEMO.sender, status: 'active' })]);

    await request(app.getHttpServer()).post('/v1/auth/logout').set('Cookie', session).expect(204);
    await request(app.getHttpServer()).get('/v1/auth/me').set('Cookie', session).expect(401);
  });

  it('refuses a wrong password and an unknown e-mail alike', async () => {
    const wrong = await request(app.getHttpServer())
      .post('/v1/auth/login')
      .send({ email: DEMO.email, password: 'nope' })
      .expect(401);
    const unknown = await request(app.getHttpServer())
      .post('/v1/auth/login')
      .send({ email: 'nobody@example.ge', password: 'nope' })
      .expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('auth/invalid_credentials');
  });

  it('an API key cannot ask who the portal user is', async () => {
    const res = await request(app.getHttpServer())
      .get('/v1/auth/me')
      .set({ Authorization: `Bearer ${platform.apiKey}` })
      .expect(403);
    expect(res.body.code).toBe('auth/user_required');
  });
});
