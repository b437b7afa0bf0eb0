// biome-ignore-all lint/suspicious/noExplicitAny: the npm smpp peer ships no typings
/**
 * Interoperability with an SMPP 3.4 implementation we did not write: the npm `smpp` package
 * (farhadi/node-smpp 0.6.0-rc.4), as SMSC for our client and as ESME for our session. Loopback only.
 */
import smpp from 'smpp';
import { afterEach, describe, expect, it } from 'vitest';
import { Status } from './constants.js';
import { decodeShortMessage } from './message/inbound.js';
import { buildSubmits } from './message/outbound.js';
import { parseReceipt } from './message/receipt.js';
import type { DeliverSmPdu, Pdu, SubmitSmRespPdu } from './pdu.js';
import { shortMessageDefaults } from './pdu.js';
import { EsmeClient } from './session/client.js';
import { SmppSession } from './session/session.js';
import { listen, until } from './test/loopback.js';

const GEORGIAN = 'გამარჯობა! თქვენი კოდია 4821';
const LONG = 'Concatenated text travels in several parts over SMPP. '.repeat(4);
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('our ESME client against the npm smpp SMSC', () => {
  it('binds, submits GSM-7, UCS-2 Georgian and concatenated texts, and gets receipts', async () => {
    const submits: { text: string; dataCoding: number; udh?: Buffer[]; esmClass: number }[] = [];
    const binds: { system_id: string; interface_version: number }[] = [];
    let n = 0;
    const server = smpp.createServer({ debug: false }, (session: any) => {
      session.on('error', () => {});
      session.on('bind_transceiver', (pdu: any) => {
        binds.push(pdu);
        session.send(pdu.response());
      });
      session.on('enquire_link', (pdu: any) => session.send(pdu.response()));
      session.on('unbind', (pdu: any) => {
        session.send(pdu.response());
        session.close();
      });
      session.on('submit_sm', (pdu: any) => {
        const id = `SM${++n}`;
        submits.push({
          text: pdu.short_message.message,
          dataCoding: pdu.data_coding,
          udh: pdu.short_message.udh,
          esmClass: pdu.esm_class,
        });
        session.send(pdu.response({ message_id: id }));
        session.deliver_sm({
          source_addr: pdu.destination_addr,
          destination_addr: pdu.source_addr,
          esm_class: 0x04,
          short_message: `id:${id} sub:001 dlvrd:001 submit date:2611220530 done date:2611220531 stat:DELIVRD err:000 text:`,
          receipted_message_id: id,
          message_state: 2,
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const port = server.address().port;

    const receipts: ReturnType<typeof parseReceipt>[] = [];
    const client = new EsmeClient(
      { host: '127.0.0.1', port, systemId: 'mtredi', password: 'pw', enquireLinkIntervalMs: 0 },
      {
        onRequest: (pdu: Pdu, s: SmppSession) => {
          if (pdu.command !== 'deliver_sm') return;
          receipts.push(parseReceipt(pdu, decodeShortMessage(pdu).text));
          s.respond(pdu, { command: 'deliver_sm_resp', messageId: '' });
        },
      },
    );
    cleanups.push(() => client.stop());
    client.start();
    expect(await client.whenBound(3000)).toBe(true);
    expect(binds[0]).toMatchObject({ system_id: 'mtredi', interface_version: 0x34 });

    const session = client.session as SmppSession;
    const ids: string[] = [];
    for (const [i, text] of [['Hello from Mtredi €'], [GEORGIAN], [LONG]].entries()) {
      const bodies = buildSubmits('Mtredi', '+995599000001', text[0] as string, { reference: i });
      const resps = await Promise.all(
        bodies.map((b) => session.request<SubmitSmRespPdu>({ command: 'submit_sm', ...b })),
      );
      for (const r of resps) {
        expect(r.commandStatus).toBe(Status.ESME_ROK);
        ids.push(r.messageId);
      }
    }
    expect(submits[0]).toMatchObject({ text: 'Hello from Mtredi €', dataCoding: 0, esmClass: 0 });
    expect(submits[1]).toMatchObject({ text: GEORGIAN, dataCoding: 8 });
    const longParts = submits.slice(2);
    expect(longParts).toHaveLength(2);
    expect(longParts.every((p) => p.esmClass & 0x40 && p.udh?.[0]?.[0] === 0x00)).toBe(true);
    expect(longParts.map((p) => p.text).join('')).toBe(LONG);

    await until(() => receipts.length === ids.length, 3000, 'receipts');
    expect(receipts.map((r) => r.messageId)).toEqual(ids);
    expect(receipts.every((r) => r.state === 'delivered')).toBe(true);
  });
});

describe('the npm smpp ESME against our session as SMSC', () => {
  it('binds, submits GSM-7, UCS-2 and a UDH-concatenated text, and gets receipts it can read', async () => {
    const texts: { text: string; concat?: unknown }[] = [];
    let n = 0;
    const server = await listen((socket) => {
      new SmppSession(
        socket,
        { enquireLinkIntervalMs: 0 },
        {
          onRequest: (pdu, s) => {
            if (pdu.command === 'bind_transceiver') {
              const ok = pdu.systemId === 'esme' && pdu.password === 'pw' && pdu.interfaceVersion === 0x34;
              s.respond(pdu, {
                command: 'bind_transceiver_resp',
                systemId: 'MTREDI',
                commandStatus: ok ? 0 : Status.ESME_RBINDFAIL,
              });
              if (ok) s.markBound();
              return;
            }
            if (pdu.command !== 'submit_sm') return;
            texts.push(decodeShortMessage(pdu));
            const id = (++n).toString(16).toUpperCase();
            s.respond(pdu, { command: 'submit_sm_resp', messageId: id });
            const receipt: Omit<DeliverSmPdu, 'sequenceNumber' | 'commandStatus'> = {
              command: 'deliver_sm',
              ...shortMessageDefaults(),
              sourceAddr: pdu.destinationAddr,
              destinationAddr: pdu.sourceAddr,
              esmClass: 0x04,
              shortMessage: Buffer.from(
                `id:${id} sub:001 dlvrd:001 submit date:2611220530 done date:2611220531 stat:DELIVRD err:000 Text:`,
              ),
              tlvs: { receiptedMessageId: id, messageState: 2 },
            };
            s.send(receipt, () => {});
          },
        },
      );
    });
    cleanups.push(() => server.close());

    const esme = smpp.connect({ url: `smpp://127.0.0.1:${server.port}` });
    esme.on('error', () => {});
    cleanups.push(() => esme.destroy());
    const delivered: { id: string; state: number; text: string }[] = [];
    esme.on('deliver_sm', (pdu: any) => {
      delivered.push({ id: pdu.receipted_message_id, state: pdu.message_state, text: pdu.short_message.message });
      esme.send(pdu.response());
    });
    const bind: any = await new Promise((resolve) =>
      esme.bind_transceiver({ system_id: 'esme', password: 'pw', interface_version: 0x34 }, resolve),
    );
    expect(bind.command_status).toBe(0);

    const submit = (params: object) =>
      new Promise<any>((resolve) =>
        esme.submit_sm({ destination_addr: '995599000001', registered_delivery: 1, ...params }, resolve),
      );
    const r1 = await submit({ short_message: 'Hello €', data_coding: 0 });
    const r2 = await submit({ short_message: GEORGIAN, data_coding: 8 });
    const udh = (seq: number) => Buffer.from([0x05, 0x00, 0x03, 0x33, 0x02, seq]);
    const r3 = await submit({ short_message: { udh: udh(1), message: 'first half, ' }, data_coding: 0 });
    const r4 = await submit({ short_message: { udh: udh(2), message: 'second half' }, data_coding: 0 });
    expect([r1, r2, r3, r4].map((r) => [r.command_status, r.message_id])).toEqual([
      [0, '1'],
      [0, '2'],
      [0, '3'],
      [0, '4'],
    ]);
    expect(texts).toEqual([
      { text: 'Hello €' },
      { text: GEORGIAN },
      { text: 'first half, ', concat: { reference: 0x33, total: 2, sequence: 1 } },
      { text: 'second half', concat: { reference: 0x33, total: 2, sequence: 2 } },
    ]);
    await until(() => delivered.length === 4, 3000, 'receipts at the npm ESME');
    expect(delivered.map((d) => [d.id, d.state])).toEqual([
      ['1', 2],
      ['2', 2],
      ['3', 2],
      ['4', 2],
    ]);
    expect(delivered[0]?.text).toMatch(/^id:1 .*stat:DELIVRD/);
  });
});
