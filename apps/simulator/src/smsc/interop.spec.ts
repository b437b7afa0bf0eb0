// biome-ignore-all lint/suspicious/noExplicitAny: the npm smpp package ships no typings
/**
 * An independent ESME (the npm `smpp` package, farhadi/node-smpp, which we did not write) against the
 * simulator's SMSC: bind, GSM-7, UCS-2 Georgian and UDH-concatenated submits, receipts back. Loopback only.
 */
import smpp from 'smpp';
import { afterEach, describe, expect, it } from 'vitest';
import { type SimulatorApp, startSimulatorApp } from '../app.js';
import { until } from './test-esme.js';

const GEORGIAN = 'გამარჯობა! თქვენი კოდია 4821';
let app: SimulatorApp;
let esme: any;
afterEach(async () => {
  esme?.destroy();
  await app?.close();
});

describe('the npm smpp ESME against the simulator SMSC', () => {
  it('binds with the configured account, submits three kinds of text and gets a receipt for each part', async () => {
    app = await startSimulatorApp({ controlPort: 0, smppPort: 0 });
    app.simulator.setScenario({
      receipt: { delay: { kind: 'fixed', ms: 10 } },
      smpp: { accounts: [{ systemId: 'interop', password: 'pw' }] },
    });
    esme = smpp.connect({ url: `smpp://127.0.0.1:${app.smsc?.address.port}` });
    esme.on('error', () => {});
    const receipts: { id: string; state: number; text: string }[] = [];
    esme.on('deliver_sm', (pdu: any) => {
      receipts.push({ id: pdu.receipted_message_id, state: pdu.message_state, text: pdu.short_message.message });
      esme.send(pdu.response());
    });
    const bind: any = await new Promise((resolve) =>
      esme.bind_transceiver({ system_id: 'interop', password: 'pw', interface_version: 0x34 }, resolve),
    );
    expect(bind.command_status).toBe(0);

    const submit = (params: object) =>
      new Promise<any>((resolve) =>
        esme.submit_sm(
          {
            source_addr: 'Mtredi',
            source_addr_ton: 5,
            destination_addr: '995599000001',
            dest_addr_ton: 1,
            dest_addr_npi: 1,
            registered_delivery: 1,
            ...params,
          },
          resolve,
        ),
      );
    const udh = (seq: number) => Buffer.from([0x05, 0x00, 0x03, 0x42, 0x02, seq]);
    const resps = [
      await submit({ short_message: 'Hello from node-smpp {€}', data_coding: 0 }),
      await submit({ short_message: GEORGIAN, data_coding: 8 }),
      await submit({ short_message: { udh: udh(1), message: 'part one, ' }, data_coding: 0 }),
      await submit({ short_message: { udh: udh(2), message: 'part two' }, data_coding: 0 }),
    ];
    expect(resps.map((r) => r.command_status)).toEqual([0, 0, 0, 0]);
    const ids = resps.map((r) => r.message_id as string);
    const engineText = (id: string) =>
      app.simulator.lookup(app.smsc?.ids.engineId(Number.parseInt(id, 16)) ?? '')?.text;
    expect(ids.map(engineText)).toEqual(['Hello from node-smpp {€}', GEORGIAN, 'part one, ', 'part two']);

    await until(() => receipts.length === 4, 3000, 'receipts at the npm ESME');
    expect(receipts.map((r) => [r.id, r.state])).toEqual(ids.map((id) => [id, 2]));
    expect(receipts[0]?.text).toMatch(/^id:[0-9A-F]+ sub:001 dlvrd:001 .* stat:DELIVRD err:000 Text:/);
  });

  it('refuses the npm ESME with a wrong password', async () => {
    app = await startSimulatorApp({ controlPort: 0, smppPort: 0 });
    app.simulator.setScenario({ smpp: { accounts: [{ systemId: 'interop', password: 'pw' }] } });
    esme = smpp.connect({ url: `smpp://127.0.0.1:${app.smsc?.address.port}` });
    esme.on('error', () => {});
    const bind: any = await new Promise((resolve) =>
      esme.bind_transceiver({ system_id: 'interop', password: 'bad', interface_version: 0x34 }, resolve),
    );
    expect(bind.command_status).toBe(0x0e);
  });
});
