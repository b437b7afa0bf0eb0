import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tenancy } from '../src/db/tenancy.js';
import { Message } from '../src/modules/messaging/message.entity.js';
import { insertNewMessages } from '../src/modules/messaging/new-messages.js';
import { StatusEvents } from '../src/modules/messaging/status-events.js';
import { ReceiptsService } from '../src/modules/receipts/receipts.service.js';
import { createTestPlatform, eventually, type TestPlatform } from './support/platform.js';

/**
 * An operator often reports delivery before the worker has stored the accept the receipt answers. Such a
 * receipt waits in memory and is applied as soon as this process stores that accept, matched by the ids
 * the channel gave, without looking them up again.
 */
describe('a receipt that comes before its accept is stored', () => {
  let platform: TestPlatform;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    platform = await createTestPlatform();
    worker = await platform.startWorker();
  });
  afterAll(() => platform?.destroy());

  it('is applied when the accept is published, matched in memory by the id the channel gave', async () => {
    const em = worker.get(Tenancy).system();
    const id = randomUUID();
    const channelId = randomUUID();
    const at = new Date();
    await insertNewMessages(em, [
      {
        id,
        organizationId: platform.organizationId,
        to: '599123456',
        sender: 'Mtredi',
        text: 'გამარჯობა',
        reference: null,
        encoding: 'ucs2',
        parts: 1,
        operator: 'magti',
        campaignId: null,
        at,
      },
    ]);
    await em.nativeUpdate(Message, { id }, { status: 'in_transit', channelId, sentAt: at });

    const receipts = worker.get(ReceiptsService);
    receipts.add(channelId, { channelMessageId: 'SMSC-77', state: 'delivered', at: new Date() });
    await receipts.flush(); // no channel id is stored for it: the receipt waits

    // No channel_message_ids row is ever written here: only the published accept can match the receipt.
    await worker.get(StatusEvents).publish([
      {
        messageId: id,
        organizationId: platform.organizationId,
        reference: null,
        to: '599123456',
        status: 'in_transit',
        errorCode: null,
        at,
        channelId,
        channelMessageIds: ['SMSC-77'],
      },
    ]);
    const delivered = await eventually(async () => {
      const m = await worker.get(Tenancy).system().findOne(Message, { id }, { refresh: true });
      return m?.status === 'delivered' ? m : undefined;
    }, 5_000);
    expect(delivered.doneAt).toBeInstanceOf(Date);
  });
});
