import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/db/seed-demo.js';
import { login } from './support/http.js';
import { createTestPlatform, eventually, type TestPlatform } from './support/platform.js';

describe('GET /health and the OpenAPI document', () => {
  let platform: TestPlatform;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    platform = await createTestPlatform();
    app = await platform.startHttp('all');
  });
  afterAll(() => platform?.destroy());

  it('reports database, Redis and the simulator channel up', async () => {
    const body = await eventually(async () => {
      const res = await request(app.getHttpServer()).get('/health').expect(200);
      return res.body.channels[0]?.health === 'up' ? res.body : undefined;
    });
    expect(body).toMatchObject({
      status: 'ok',
      database: { status: 'up' },
      redis: { status: 'up' },
      channels: [{ name: 'Local simulator', driver: 'simulator', health: 'up' }],
    });
  });

  it('a channel staff add while the platform runs starts without a restart, and stops when disabled', async () => {
    const staff = await login(app, DEMO.staffEmail, DEMO.staffPassword);
    const created = await request(app.getHttpServer())
      .post('/v1/admin/channels')
      .set('Cookie', staff)
      .send({ name: 'Second simulator', driver: 'simulator', config: {} })
      .expect(201);
    const health = (name: string) =>
      eventually(async () => {
        const res = await request(app.getHttpServer()).get('/health');
        return res.body.channels.find(
          (c: { id: string; health: string }) => c.id === created.body.id && c.health === name,
        );
      }, 15_000);
    await health('up');
    await request(app.getHttpServer())
      .patch(`/v1/admin/channels/${created.body.id}`)
      .set('Cookie', staff)
      .send({ enabled: false })
      .expect(200);
    await health('disabled');
  });

  it('serves the OpenAPI document with the message endpoints', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/v1/messages', '/v1/messages/{id}', '/health']),
    );
    const body = res.body.paths['/v1/messages'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['to', 'sender', 'text']));
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await request(app.getHttpServer())
      .get('/v1/nothing-here')
      .set({ Authorization: `Bearer ${platform.apiKey}` });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('http/not_found');
  });
});
