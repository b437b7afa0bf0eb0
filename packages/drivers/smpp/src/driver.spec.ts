import { type OutboundMessage, RecordingContext } from '@mtredi/channel-sdk';
import { Status, type SubmitSmPdu, shortMessageDefaults } from '@mtredi/smpp';
import { afterEach, describe, expect, it } from 'vitest';
import type { SmppDriverConfigInput } from './config.js';
import { SmppDriver } from './driver.js';
import { smppDriver } from './manifest.js';
import { startScriptedSmsc } from './test/scripted-smsc.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let n = 0;
const msg = (to: string, text = 'hello', parts = 1): OutboundMessage => ({
  id: `m${++n}`,
  to,
  sender: 'Mtredi',
  text,
  encoding: 'gsm7',
  parts,
});

async function setup(onSubmit: Parameters<typeof startScriptedSmsc>[0], config: Partial<SmppDriverConfigInput> = {}) {
  const smsc = await startScriptedSmsc(onSubmit);
  cleanups.push(() => smsc.close());
  const driver = new SmppDriver({
    host: '127.0.0.1',
    port: smsc.port,
    systemId: 'mtredi',
    password: 'secret',
    throughput: 10_000,
    reconnect: { initialMs: 50, maxMs: 200 },
    ...config,
  });
  const ctx = new RecordingContext();
  cleanups.push(() => driver.stop());
  await driver.start(ctx);
  return { smsc, driver, ctx };
}

const until = async (condition: () => unknown, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('SmppDriver', () => {
  it('maps submit_sm_resp statuses to retry_later with a delay or rejected, per the table', async () => {
    const statusFor: Record<string, number> = {
      '995599000058': Status.ESME_RTHROTTLED,
      '995599000014': Status.ESME_RMSGQFUL,
      '995599000008': Status.ESME_RSYSERR,
      '995599000010': Status.ESME_RINVSRCADR,
      '995599000011': Status.ESME_RINVDSTADR,
      '995599000254': 0xfe,
    };
    const { driver, ctx } = await setup((pdu, s) =>
      s.respond(pdu, { command: 'submit_sm_resp', messageId: '', commandStatus: statusFor[pdu.destinationAddr] ?? 0 }),
    );
    const results = [];
    for (const to of Object.keys(statusFor)) results.push(await driver.submit(msg(`+${to}`)));
    expect(results).toEqual([
      { kind: 'retry_later', delayMs: 1000, reason: 'throttled by the SMSC (ESME_RTHROTTLED)', cause: 'throttled' },
      { kind: 'retry_later', delayMs: 60_000, reason: 'SMSC message queue full (ESME_RMSGQFUL)', cause: 'throttled' },
      { kind: 'retry_later', delayMs: 30_000, reason: 'SMSC system error (ESME_RSYSERR)', cause: 'unavailable' },
      { kind: 'rejected', code: 'ESME_RINVSRCADR', reason: 'SMSC refused the message: ESME_RINVSRCADR' },
      { kind: 'rejected', code: 'ESME_RINVDSTADR', reason: 'SMSC refused the message: ESME_RINVDSTADR' },
      { kind: 'rejected', code: 'ESME_RDELIVERYFAILURE', reason: 'SMSC refused the message: ESME_RDELIVERYFAILURE' },
    ]);
    expect(ctx.health.map((h) => h.health)).toEqual(['up', 'degraded']);
  });

  it('holds new submits back after ESME_RTHROTTLED for the configured delay', async () => {
    let throttle = true;
    const { driver, smsc } = await setup(
      (pdu, s) => {
        s.respond(pdu, {
          command: 'submit_sm_resp',
          messageId: 'X',
          commandStatus: throttle ? Status.ESME_RTHROTTLED : 0,
        });
        throttle = false;
      },
      { throttledRetryMs: 300 },
    );
    expect((await driver.submit(msg('+995599000001'))).kind).toBe('retry_later');
    const started = Date.now();
    expect((await driver.submit(msg('+995599000001'))).kind).toBe('accepted');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(smsc.submits).toHaveLength(2);
  });

  it('treats a submit_sm_resp timeout as an unknown outcome: accepted, never resent', async () => {
    const { driver, smsc } = await setup(() => {}, { responseTimeoutMs: 150 });
    const result = await driver.submit(msg('+995599000001'));
    expect(result).toEqual({ kind: 'accepted', channelMessageIds: [expect.stringMatching(/^unconfirmed:m\d+:1$/)] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smsc.submits).toHaveLength(1);
    expect(driver.counters.unknownOutcomes).toBe(1);
  });

  it('reports receipts under the placeholder id once a late submit_sm_resp tells the real id', async () => {
    const { driver, ctx } = await setup(
      (pdu, s) => {
        setTimeout(() => {
          s.respond(pdu, { command: 'submit_sm_resp', messageId: 'LATE1' });
          s.send(
            {
              command: 'deliver_sm',
              ...shortMessageDefaults(),
              esmClass: 0x04,
              shortMessage: Buffer.from('id:LATE1 stat:DELIVRD err:000'),
            },
            () => {},
          );
        }, 250);
      },
      { responseTimeoutMs: 150 },
    );
    const result = await driver.submit(msg('+995599000001'));
    if (result.kind !== 'accepted') throw new Error(result.kind);
    await until(() => ctx.receipts.length === 1);
    expect(ctx.receipts[0]).toMatchObject({ channelMessageId: result.channelMessageIds[0], state: 'delivered' });
  });

  it("reports a receipt's handset (source_addr) and text excerpt, so an unconfirmed part can be matched", async () => {
    const { driver, ctx } = await setup((pdu, s) => {
      s.respond(pdu, { command: 'submit_sm_resp', messageId: 'R1' });
      const receipt = (sourceAddrTon: number, sourceAddr: string, text: string) => ({
        command: 'deliver_sm' as const,
        ...shortMessageDefaults(),
        sourceAddrTon,
        sourceAddrNpi: 1,
        sourceAddr,
        destAddrTon: 5,
        destinationAddr: 'Mtredi',
        esmClass: 0x04,
        shortMessage: Buffer.from(text, 'latin1'),
      });
      s.send(receipt(1, pdu.destinationAddr, 'id:R1 stat:DELIVRD err:000 text:Your code is 4711   '), () => {});
      s.send(receipt(0, '599000001', 'id:R2 stat:UNDELIV err:001'), () => {});
    });
    await driver.submit(msg('+995599000001', 'Your code is 4711, valid 5 minutes'));
    await until(() => ctx.receipts.length === 2);
    expect(ctx.receipts[0]).toMatchObject({
      channelMessageId: 'R1',
      handset: '+995599000001',
      textExcerpt: 'Your code is 4711',
    });
    // National number as written (no international TON), and no text field: no excerpt at all.
    expect(ctx.receipts[1]).toMatchObject({ channelMessageId: 'R2', handset: '599000001' });
    expect(ctx.receipts[1]).not.toHaveProperty('textExcerpt');
  });

  it('matches a hex submit id with its decimal receipt id under hex_to_decimal', async () => {
    const { driver, ctx } = await setup(
      (pdu, s) => {
        s.respond(pdu, { command: 'submit_sm_resp', messageId: '00a1b2' });
        s.send(
          {
            command: 'deliver_sm',
            ...shortMessageDefaults(),
            esmClass: 0x04,
            shortMessage: Buffer.from(
              'id:0041394 sub:001 dlvrd:001 submit date:2611220530 done date:2611220531 stat:DELIVRD err:000',
            ),
          },
          () => {},
        );
      },
      { messageIdMatching: 'hex_to_decimal' },
    );
    const result = await driver.submit(msg('+995599000001'));
    expect(result).toEqual({ kind: 'accepted', channelMessageIds: ['41394'] });
    await until(() => ctx.receipts.length === 1);
    expect(ctx.receipts[0]).toMatchObject({ channelMessageId: '41394', state: 'delivered', errorCode: '000' });
  });

  it('sends each part of a long text with one header and reports one id per part', async () => {
    let id = 0;
    const { driver, smsc } = await setup((pdu, s) =>
      s.respond(pdu, { command: 'submit_sm_resp', messageId: `P${++id}` }),
    );
    const text = 'x'.repeat(400);
    const result = await driver.submit(msg('+995599000001', text, 3));
    expect(result).toEqual({ kind: 'accepted', channelMessageIds: ['P1', 'P2', 'P3'] });
    const refs = smsc.submits.map((p: SubmitSmPdu) => p.shortMessage[3]);
    expect(new Set(refs).size).toBe(1);
    expect(smsc.submits.map((p) => p.shortMessage[5])).toEqual([1, 2, 3]);
  });

  it('reassembles a concatenated inbound message that arrives out of order, and reports it once', async () => {
    const { driver, ctx, smsc } = await setup(() => {});
    const session = [...smsc.sessions][0];
    if (!session) throw new Error('not bound');
    const ucs2 = (s: string) => Buffer.from(s, 'utf16le').swap16();
    const part = (seq: number, text: string) => ({
      command: 'deliver_sm' as const,
      ...shortMessageDefaults(),
      sourceAddrTon: 1,
      sourceAddrNpi: 1,
      sourceAddr: '995599123456',
      destAddrTon: 5,
      destinationAddr: 'Mtredi',
      esmClass: 0x40,
      dataCoding: 8,
      shortMessage: Buffer.concat([Buffer.from([5, 0, 3, 0x77, 2, seq]), ucs2(text)]),
    });
    session.send(part(2, 'გაჩერება'), () => {});
    session.send(part(1, 'სტოპ '), () => {});
    await until(() => ctx.inbound.length === 1);
    expect(ctx.inbound[0]).toMatchObject({ from: '+995599123456', to: 'Mtredi', text: 'სტოპ გაჩერება' });
    expect(driver.counters.inbound).toBe(1);
  });

  it('answers retry_later while the link is down, reports health down, and rebinds', async () => {
    const { driver, ctx, smsc } = await setup((pdu, s) =>
      s.respond(pdu, { command: 'submit_sm_resp', messageId: 'A' }),
    );
    smsc.dropAll();
    await until(() => ctx.lastHealth === 'down');
    const during = await driver.submit(msg('+995599000001'));
    expect(during).toMatchObject({ kind: 'retry_later', cause: 'unavailable' });
    await until(() => ctx.lastHealth === 'up');
    expect((await driver.submit(msg('+995599000001'))).kind).toBe('accepted');
  });
});

describe('smppDriver manifest', () => {
  it('fills defaults and names the offending field of a bad config', () => {
    const config = smppDriver.configSchema.parse({ host: '127.0.0.1', systemId: 'mtredi', password: 'pw' });
    expect(config).toMatchObject({
      version: 1,
      port: 2775,
      window: 10,
      throughput: 100,
      encodings: { gsm7Packed: false, longMessages: 'udh', concatReference: '8bit' },
      messageIdMatching: 'case_zeros',
      receipts: 'all',
    });
    const bad = smppDriver.configSchema.safeParse({ host: 'h', systemId: 'x', password: 'far-too-long', window: 0 });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['password', 'window']);
  });

  it('creates a fresh driver per channel', () => {
    const config = smppDriver.configSchema.parse({ host: '127.0.0.1', systemId: 'a', password: '' });
    const a = smppDriver.create(config);
    expect(a).not.toBe(smppDriver.create(config));
    expect(a.capabilities).toEqual({
      maxChars: { gsm7: 1000, ucs2: 1000 },
      duplicateWindowSeconds: 0,
      senderPolicy: 'exact',
      receiptMode: 'realtime',
      maxMessagesPerSecond: 100,
      unconfirmedWindowSeconds: 300,
    });
  });

  it('declares an unconfirmed window only when every final state comes back as a receipt', () => {
    const base = { host: '127.0.0.1', systemId: 'a', password: '' };
    const windowOf = (extra: object) =>
      smppDriver.create(smppDriver.configSchema.parse({ ...base, ...extra })).capabilities.unconfirmedWindowSeconds;
    expect(windowOf({ unconfirmedWindowSeconds: 20 })).toBe(20);
    expect(windowOf({ receipts: 'all_intermediate', unconfirmedWindowSeconds: 20 })).toBe(20);
    expect(windowOf({ receipts: 'failure' })).toBeUndefined();
    expect(windowOf({ receipts: 'none' })).toBeUndefined();
    const bad = smppDriver.configSchema.safeParse({ ...base, unconfirmedWindowSeconds: 0 });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['unconfirmedWindowSeconds']);
  });
});
