import { afterEach, describe, expect, it } from 'vitest';
import { decodePdu } from '../codec/decode.js';
import { Status } from '../constants.js';
import { type Pdu, type ShortMessageBody, shortMessageDefaults } from '../pdu.js';
import { socketPair, until } from '../test/loopback.js';
import type { CloseReason } from './errors.js';
import { SmppNoResponseError } from './errors.js';
import { SmppSession } from './session.js';

const submit = (): { command: 'submit_sm' } & ShortMessageBody => ({ command: 'submit_sm', ...shortMessageDefaults() });
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function pair(options: ConstructorParameters<typeof SmppSession>[1] = {}, peerOptions = options) {
  const { a, b, close } = await socketPair();
  cleanups.push(close);
  const requests: Pdu[] = [];
  const closes: CloseReason[] = [];
  const esme = new SmppSession(a, options, { onClose: (reason) => closes.push(reason) });
  const smsc = new SmppSession(b, peerOptions, { onRequest: (pdu) => requests.push(pdu) });
  return { esme, smsc, requests, closes };
}

describe('SmppSession', () => {
  it('keeps at most `windowSize` requests outstanding and sends the rest as responses free the window', async () => {
    const { esme, smsc, requests } = await pair({ windowSize: 3, enquireLinkIntervalMs: 0 });
    const answers = Array.from({ length: 8 }, () => esme.request(submit()));
    await until(() => requests.length === 3);
    expect(esme.outstanding).toBe(3);
    expect(esme.queued).toBe(5);
    // Answer one at a time; each answer lets exactly one more through.
    for (let answered = 0; answered < 8; answered++) {
      const pdu = requests[answered] as Pdu;
      smsc.respond(pdu, { command: 'submit_sm_resp', messageId: `m${answered}` });
      await until(() => requests.length === Math.min(8, answered + 4) || answered >= 5);
      expect(esme.outstanding).toBeLessThanOrEqual(3);
    }
    const ids = (await Promise.all(answers)).map((r) => (r as { messageId: string }).messageId);
    expect(ids).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(new Set(requests.map((r) => r.sequenceNumber)).size).toBe(8);
  });

  it('fails an unanswered request as timeout (unknown outcome) and frees its window slot', async () => {
    const { esme, requests } = await pair({ windowSize: 1, responseTimeoutMs: 100, enquireLinkIntervalMs: 0 });
    const first = esme.request(submit());
    const second = esme.request(submit());
    const error = await first.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmppNoResponseError);
    expect((error as SmppNoResponseError).reason).toBe('timeout');
    expect((error as SmppNoResponseError).outcomeUnknown).toBe(true);
    await until(() => requests.length === 2);
    await expect(second).rejects.toMatchObject({ reason: 'timeout' });
    expect(esme.stats.timeouts).toBe(2);
  });

  it('counts a response after its timeout as stray, hands it to onLate, and does not resend', async () => {
    const { esme, smsc, requests } = await pair({ responseTimeoutMs: 60, enquireLinkIntervalMs: 0 });
    const late: Pdu[] = [];
    await expect(esme.request(submit(), (r) => late.push(r))).rejects.toMatchObject({ reason: 'timeout' });
    smsc.respond(requests[0] as Pdu, { command: 'submit_sm_resp', messageId: 'late' });
    await until(() => esme.stats.strayResponses === 1);
    expect(late).toMatchObject([{ command: 'submit_sm_resp', messageId: 'late' }]);
    expect(requests).toHaveLength(1);
  });

  it('answers enquire_link itself, and treats generic_nack as the response to its request', async () => {
    const { esme, smsc, requests } = await pair({ enquireLinkIntervalMs: 0 });
    const link = await esme.request({ command: 'enquire_link' });
    expect(link).toMatchObject({ command: 'enquire_link_resp', commandStatus: 0 });
    const pending = esme.request(submit());
    await until(() => requests.length === 1);
    smsc.respond(requests[0] as Pdu, { command: 'generic_nack', commandStatus: Status.ESME_RSYSERR });
    expect(await pending).toMatchObject({ command: 'generic_nack', commandStatus: Status.ESME_RSYSERR });
  });

  it('answers an unknown command with generic_nack ESME_RINVCMDID', async () => {
    const { a, b, close } = await socketPair();
    cleanups.push(close);
    new SmppSession(b, { enquireLinkIntervalMs: 0 });
    const reply = new Promise<Buffer>((resolve) => a.once('data', resolve));
    a.write(Buffer.from('00000010000001030000000000000042', 'hex'));
    expect(decodePdu(await reply, 0)).toEqual({
      command: 'generic_nack',
      commandStatus: Status.ESME_RINVCMDID,
      sequenceNumber: 0x42,
    });
  });

  it('declares the link dead when its enquire_link goes unanswered', async () => {
    const { a, close } = await socketPair();
    cleanups.push(close);
    const written: Buffer[] = [];
    // The far end reads but never answers: a half-dead link.
    const closes: string[] = [];
    const esme = new SmppSession(
      a,
      { enquireLinkIntervalMs: 50, responseTimeoutMs: 80 },
      { onClose: (r) => closes.push(r) },
    );
    a.on('data', (d) => written.push(d));
    await until(() => closes.length === 1, 2000, 'link_dead');
    expect(closes).toEqual(['link_dead']);
    expect(esme.state).toBe('closed');
  });

  it('fails outstanding requests as connection_lost and queued ones as not_sent when the peer drops', async () => {
    const { esme, smsc, requests } = await pair({ windowSize: 1, enquireLinkIntervalMs: 0 });
    const inFlight = esme.request(submit());
    const queued = esme.request(submit());
    await until(() => requests.length === 1);
    smsc.socket.destroy();
    await expect(inFlight).rejects.toMatchObject({ reason: 'connection_lost' });
    await expect(queued).rejects.toMatchObject({ reason: 'not_sent' });
    await expect(esme.request(submit())).rejects.toMatchObject({ reason: 'not_sent' });
  });

  it('unbinds in order: outstanding requests finish first, then unbind / unbind_resp, then close', async () => {
    const { esme, smsc, requests, closes } = await pair({ enquireLinkIntervalMs: 0 });
    const pending = esme.request(submit());
    await until(() => requests.length === 1);
    const unbinding = esme.unbind();
    await expect(esme.request(submit())).rejects.toMatchObject({ reason: 'not_sent' });
    const smscClosed = smsc.closed();
    smsc.respond(requests[0] as Pdu, { command: 'submit_sm_resp', messageId: 'x' });
    await expect(pending).resolves.toMatchObject({ messageId: 'x' });
    await unbinding;
    await smscClosed;
    expect(closes).toEqual(['unbound']);
  });
});
