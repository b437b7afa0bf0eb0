import type { ScenarioInput } from '@mtredi/operator-sim';
import { Status } from '@mtredi/smpp';
import { afterEach, describe, expect, it } from 'vitest';
import { type SimulatorApp, startSimulatorApp } from '../app.js';
import { testEsme, until } from './test-esme.js';

let app: SimulatorApp;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await app?.close();
});

async function start(scenario: ScenarioInput = {}) {
  app = await startSimulatorApp({ controlPort: 0, smppPort: 0 });
  app.simulator.setScenario({ receipt: { delay: { kind: 'fixed', ms: 10 } }, ...scenario });
  await app.smsc?.sync();
  return app.smsc?.address.port as number;
}

async function bound(port: number, options: Parameters<typeof testEsme>[1] = {}) {
  const esme = testEsme(port, options);
  cleanups.push(() => esme.client.stop());
  expect(await esme.client.whenBound(2000)).toBe(true);
  return esme;
}

const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${app.controlUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('SMSC: binds', () => {
  it('accepts the configured account and refuses a wrong password or an unknown system_id', async () => {
    const port = await start({ smpp: { accounts: [{ systemId: 'mtredi', password: 'secret' }] } });
    await bound(port);
    const wrong = testEsme(port, { password: 'nope' });
    cleanups.push(() => wrong.client.stop());
    await until(() => wrong.events.length > 0);
    expect(wrong.events[0]).toBe('down: bind refused with ESME_RINVPASWD');
    const stranger = testEsme(port, { systemId: 'other' });
    cleanups.push(() => stranger.client.stop());
    await until(() => stranger.events.length > 0);
    expect(stranger.events[0]).toBe('down: bind refused with ESME_RINVSYSID');
  });

  it('can refuse every bind with a status, or never answer it', async () => {
    const port = await start({ smpp: { bind: { status: 'ESME_RBINDFAIL' } } });
    const refused = testEsme(port);
    cleanups.push(() => refused.client.stop());
    await until(() => refused.events.length > 0);
    expect(refused.events[0]).toBe('down: bind refused with ESME_RBINDFAIL');
    app.simulator.setScenario({ smpp: { bind: 'ignore' } });
    const silent = testEsme(port, { responseTimeoutMs: 150 });
    cleanups.push(() => silent.client.stop());
    await until(() => silent.events.length > 0);
    expect(silent.events[0]).toBe('down: bind got no response (timeout)');
    expect(app.smsc?.stats.bindsIgnored).toBeGreaterThan(0);
  });

  it('refuses TCP during an outage and opens again when it ends', async () => {
    const port = await start();
    const esme = await bound(port);
    app.simulator.setScenario({ smpp: { refuseConnections: true } });
    await app.smsc?.sync();
    await until(() => esme.events.some((e) => e.includes('ECONNREFUSED')));
    app.simulator.setScenario({});
    await app.smsc?.sync();
    await until(() => esme.client.session !== undefined);
    expect((await esme.submit('+995599000001'))[0]?.commandStatus).toBe(0);
  });
});

describe('SMSC: submits and receipts', () => {
  it('answers with a hex id and sends a receipt with TLVs and Appendix B text, addresses swapped', async () => {
    const port = await start();
    const esme = await bound(port);
    const [resp] = await esme.submit('+995599000001', 'hello');
    expect(resp?.messageId).toMatch(/^[0-9A-F]+$/);
    await until(() => esme.delivered.length === 1);
    const pdu = esme.delivered[0];
    expect(pdu).toMatchObject({
      esmClass: 0x04,
      sourceAddr: '995599000001',
      sourceAddrTon: 1,
      destinationAddr: 'Mtredi',
      destAddrTon: 5,
    });
    expect(pdu?.tlvs).toMatchObject({ receiptedMessageId: resp?.messageId, messageState: 2 });
    expect(esme.receipts()[0]).toMatchObject({ messageId: resp?.messageId, state: 'delivered', errorCode: '000' });
    expect(app.simulator.lookup(app.smsc?.ids.engineId(Number.parseInt(resp?.messageId ?? '', 16)) ?? '')?.text).toBe(
      'hello',
    );
  });

  it('writes ids in the scenario formats: hex answers, padded decimal receipts, text only, text: and 12-digit dates', async () => {
    const port = await start({
      smpp: {
        receipts: {
          idFormat: { base: 16, letterCase: 'lower' },
          receiptIdFormat: { base: 10, padTo: 12 },
          content: 'text',
          textLabel: 'text',
          dateDigits: 12,
        },
      },
    });
    const esme = await bound(port);
    const [resp] = await esme.submit('+995599000001');
    await until(() => esme.delivered.length === 1);
    const receipt = esme.receipts()[0];
    expect(resp?.messageId).toMatch(/^[0-9a-f]+$/);
    expect(receipt?.messageId).toBe(String(Number.parseInt(resp?.messageId ?? '', 16)).padStart(12, '0'));
    expect(esme.delivered[0]?.tlvs).toBeUndefined();
    expect(receipt?.fields.doneDate).toMatch(/^\d{12}$/);
    expect(Buffer.from(esme.delivered[0]?.shortMessage ?? []).toString()).toContain(' text:hello');
  });

  it('can send TLV-only receipts, an intermediate ENROUTE first, duplicates, and a receipt before the response', async () => {
    const port = await start({
      receipt: { delay: { kind: 'fixed', ms: 0 } },
      smpp: { receipts: { content: 'tlv', intermediate: true, duplicateProbability: 1, beforeResponse: true } },
    });
    const esme = await bound(port);
    await esme.submit('+995599000001');
    await until(() => esme.delivered.length === 3);
    // The final receipt (twice) came before the submit_sm_resp; the intermediate one right after it.
    expect(esme.events.slice(1, 3)).toEqual(['deliver_sm esm=0x4', 'deliver_sm esm=0x4']);
    expect(esme.events.slice(3).sort()).toEqual(['deliver_sm esm=0x20', 'resp submit_sm_resp 0x0']);
    expect(esme.delivered.every((p) => p.shortMessage.length === 0)).toBe(true);
    expect(esme.receipts().map((r) => r.state)).toEqual(['delivered', 'delivered', 'enroute']);
  });

  it('answers ESME_RTHROTTLED above the rate, ESME_RMSGQFUL at the queue limit, ESME_RINVSRCADR for unauthorized senders', async () => {
    const port = await start({ throttle: { maxPerSecond: 3 } });
    const esme = await bound(port);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await esme.submit('+995599000001'))[0]?.commandStatus ?? -1);
    expect(statuses).toEqual([0, 0, 0, Status.ESME_RTHROTTLED, Status.ESME_RTHROTTLED]);
    await until(() => esme.delivered.length === 3);
    app.simulator.setScenario({ queueLimit: { maxPending: 1 }, receipt: { delay: { kind: 'fixed', ms: 5000 } } });
    const q = [await esme.submit('+995599000001'), await esme.submit('+995599000001')].map((r) => r[0]?.commandStatus);
    expect(q).toEqual([0, Status.ESME_RMSGQFUL]);
    app.simulator.setScenario({ authorizedSenders: ['Bank'] });
    expect((await esme.submit('+995599000001', 'x', 'Shop'))[0]?.commandStatus).toBe(Status.ESME_RINVSRCADR);
    expect((await esme.submit('+995599000001', 'x', 'Bank'))[0]?.commandStatus).toBe(0);
  });

  it('adds the scenario latency and follows deterministic rules by destination', async () => {
    const port = await start({
      submitLatency: { kind: 'fixed', ms: 120 },
      rules: [
        { match: { prefix: '995599000002' }, receipt: { state: 'undelivered', errorCode: '069' } },
        { match: { prefix: '995599000003' }, submit: { outcome: 'reject', status: 'ESME_RINVDSTADR' } },
      ],
    });
    const esme = await bound(port);
    const started = Date.now();
    const [ok] = await esme.submit('+995599000002');
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect((await esme.submit('+995599000003'))[0]?.commandStatus).toBe(Status.ESME_RINVDSTADR);
    await until(() => esme.delivered.length === 1);
    expect(esme.receipts()[0]).toMatchObject({ messageId: ok?.messageId, state: 'undelivered', errorCode: '069' });
  });
});

describe('SMSC: bad behaviour', () => {
  it('swallows submits (the ESME times out) and answers generic_nack with or without the sequence', async () => {
    const port = await start({ smpp: { swallowProbability: 1 } });
    const esme = await bound(port, { responseTimeoutMs: 150 });
    await expect(esme.submit('+995599000001')).rejects.toMatchObject({ reason: 'timeout' });
    app.simulator.setScenario({ smpp: { genericNack: { probability: 1, status: 'ESME_RSYSERR' } } });
    expect((await esme.submit('+995599000001'))[0]).toMatchObject({
      command: 'generic_nack',
      commandStatus: Status.ESME_RSYSERR,
    });
    app.simulator.setScenario({ smpp: { genericNack: { probability: 1, withSequence: false } } });
    await expect(esme.submit('+995599000001')).rejects.toMatchObject({ reason: 'timeout' });
    expect(app.smsc?.stats).toMatchObject({ submitsSwallowed: 1, genericNacks: 2 });
  });

  it('drops the connection with requests in flight, then lets the ESME rebind', async () => {
    const port = await start({ smpp: { dropAfterSubmits: 2 } });
    const esme = await bound(port);
    expect((await esme.submit('+995599000001'))[0]?.commandStatus).toBe(0);
    await expect(esme.submit('+995599000001')).rejects.toMatchObject({ reason: 'connection_lost' });
    await until(() => esme.events.filter((e) => e === 'bound').length === 2);
  });

  it('stops answering enquire_link, so the ESME watchdog declares the link dead', async () => {
    const port = await start({ smpp: { answerEnquireLink: false } });
    const esme = await bound(port, { enquireLinkIntervalMs: 50, responseTimeoutMs: 100 });
    await until(() => esme.events.some((e) => e.startsWith('down: link_dead')), 3000, 'link_dead');
    expect(app.smsc?.stats.enquireLinksIgnored).toBeGreaterThan(0);
  });
});

describe('SMSC: control API', () => {
  it('lists, unbinds and kills sessions; injects MO (concatenated); triggers receipts; reports stats', async () => {
    const port = await start({ receipt: { delay: { kind: 'never' } } });
    const esme = await bound(port);
    const sessions = await control('GET', '/smpp/sessions');
    expect(sessions.body).toMatchObject([{ systemId: 'mtredi', bindMode: 'transceiver' }]);

    const long = 'STOP '.repeat(40);
    expect((await control('POST', '/smpp/mo', { from: '+995599111111', to: 'Mtredi', text: long })).body).toEqual({
      parts: 2,
    });
    await until(() => esme.texts().length === 2);
    expect(esme.texts().map((t) => t.concat?.sequence)).toEqual([1, 2]);
    expect(
      esme
        .texts()
        .map((t) => t.text)
        .join(''),
    ).toBe(long);

    const [resp] = await esme.submit('+995599000001');
    const trigger = await control('POST', '/smpp/receipts', {
      messageId: resp?.messageId,
      state: 'expired',
      errorCode: '027',
    });
    expect(trigger.status).toBe(200);
    await until(() => esme.receipts().length === 1);
    expect(esme.receipts()[0]).toMatchObject({ messageId: resp?.messageId, state: 'expired', errorCode: '027' });
    expect((await control('POST', '/smpp/receipts', { messageId: 'FFFF', state: 'delivered' })).status).toBe(404);
    expect((await control('POST', '/smpp/mo', { from: 'x' })).body).toMatchObject({ code: 'simulator/invalid_body' });

    expect((await control('POST', '/smpp/unbind', {})).body).toEqual({ unbound: 1 });
    await until(() => esme.events.some((e) => e.startsWith('down: unbound_by_peer')));
    await until(() => esme.client.session !== undefined);
    expect((await control('DELETE', '/smpp/sessions')).body).toEqual({ killed: 1 });
    await until(() => esme.events.filter((e) => e === 'bound').length === 3);
    const stats = await control('GET', '/smpp/stats');
    expect(stats.body).toMatchObject({ bindsAccepted: 3, submits: 1, moSent: 2, receiptsSent: 1, sessions: 1 });
  });

  it('sends a scenario reply (STOP) back to the ESME that submitted', async () => {
    const port = await start({
      rules: [{ match: { prefix: '995599000004' }, reply: { text: 'STOP', delay: { kind: 'fixed', ms: 10 } } }],
    });
    const esme = await bound(port);
    await esme.submit('+995599000004', 'promo');
    await until(() => esme.texts().length === 1);
    expect(esme.texts()[0]).toEqual({ text: 'STOP' });
    expect(esme.delivered.find((p) => !(p.esmClass & 0x24))).toMatchObject({
      sourceAddr: '995599000004',
      destinationAddr: 'Mtredi',
    });
  });
});
