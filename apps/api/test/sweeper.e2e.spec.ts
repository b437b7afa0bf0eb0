import { getQueueToken } from '@nestjs/bull';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bull';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES_QUEUE } from '../src/jobs/message-jobs.js';
import { QueueSweeper } from '../src/modules/messaging/queue-sweeper.service.js';
import { createTestPlatform, deleteRedisKeys, eventually, type TestPlatform } from './support/platform.js';

describe('the sweeper', () => {
  let platform: TestPlatform;
  let api: NestFastifyApplication;

  beforeAll(async () => {
    // Sweep quickly and treat any queued message as possibly lost.
    platform = await createTestPlatform({ env: { MTREDI_SWEEP_INTERVAL_MS: '200', MTREDI_SWEEP_AFTER_MS: '0' } });
    api = await platform.startHttp('api');
  });
  afterAll(() => platform?.destroy());

  it('re-queues an accepted message whose queue job was lost, and it is delivered once', async () => {
    const auth = { Authorization: `Bearer ${platform.apiKey}` };
    const sent = await request(api.getHttpServer())
      .post('/v1/messages')
      .set(auth)
      .send({ to: '599123456', sender: 'Mtredi', text: 'survives a Redis flush' })
      .expect(201);

    // The send is answered at its commit and queued right after: wait for its job, so that it is what is lost.
    const queue = api.get<Queue>(getQueueToken(MESSAGES_QUEUE), { strict: false });
    await eventually(async () => ((await queue.getWaitingCount()) > 0 ? true : undefined));
    // No worker runs yet; now Redis loses everything of this installation, the job included.
    expect(await deleteRedisKeys(platform.config)).toBeGreaterThan(0);

    const worker = await platform.startWorker();
    const delivered = await eventually(async () => {
      const res = await request(api.getHttpServer()).get(`/v1/messages/${sent.body.id}`).set(auth).expect(200);
      return res.body.status === 'delivered' ? res.body : undefined;
    });
    expect(delivered.history.filter((h: { status: string }) => h.status === 'in_transit')).toHaveLength(1);
    // Nothing left for the sweeper to do.
    expect(await worker.get(QueueSweeper).sweep()).toBe(0);
  });
});
