// biome-ignore-all lint/suspicious/noExplicitAny: the npm smpp package ships no typings
import type { Socket } from 'node:net';
import smpp from 'smpp';

export interface NpmSmscOptions {
  systemId?: string;
  password?: string;
  /** How the SMSC writes ids: in submit_sm_resp and in receipts. */
  respId?: (n: number) => string;
  receiptId?: (n: number) => string;
  receiptDelayMs?: number;
}

export interface NpmSmsc {
  port: number;
  /** Text received per submit_sm_resp id, as the npm library decoded it. */
  texts: Map<string, string>;
  submits: number;
  /** Closes the listener and every session (an outage). */
  stop(): Promise<void>;
}

/**
 * An SMSC built on the npm `smpp` package (an SMPP implementation we did not write). Destinations
 * ending in 2 get an UNDELIV receipt, ending in 3 are refused with ESME_RINVDSTADR, others DELIVRD.
 */
export async function startNpmSmsc(options: NpmSmscOptions = {}): Promise<NpmSmsc> {
  const sockets = new Set<Socket>();
  const texts = new Map<string, string>();
  let counter = 0x1000;
  const state = { submits: 0 };
  const respId = options.respId ?? ((n: number) => n.toString(16).toUpperCase());
  const receiptId = options.receiptId ?? respId;
  const server = smpp.createServer({ debug: false }, (session: any) => {
    sockets.add(session.socket);
    session.on('error', () => {});
    session.on('bind_transceiver', (pdu: any) => {
      const ok = pdu.system_id === (options.systemId ?? 'mtredi') && pdu.password === (options.password ?? 'secret');
      session.send(pdu.response(ok ? {} : { command_status: smpp.ESME_RINVPASWD }));
    });
    session.on('enquire_link', (pdu: any) => session.send(pdu.response()));
    session.on('unbind', (pdu: any) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: any) => {
      state.submits++;
      const to: string = pdu.destination_addr;
      if (to.endsWith('3')) {
        session.send(pdu.response({ command_status: smpp.ESME_RINVDSTADR }));
        return;
      }
      const n = ++counter;
      const id = respId(n);
      texts.set(id, pdu.short_message.message);
      session.send(pdu.response({ message_id: id }));
      const undelivered = to.endsWith('2');
      setTimeout(() => {
        const rid = receiptId(n);
        const stat = undelivered ? 'UNDELIV' : 'DELIVRD';
        session.deliver_sm({
          source_addr: to,
          destination_addr: pdu.source_addr,
          esm_class: 0x04,
          short_message: `id:${rid} sub:001 dlvrd:00${undelivered ? 0 : 1} submit date:2611220530 done date:2611220531 stat:${stat} err:${undelivered ? '069' : '000'} text:`,
          receipted_message_id: rid,
          message_state: undelivered ? 5 : 2,
        });
      }, options.receiptDelayMs ?? 20);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    texts,
    get submits() {
      return state.submits;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
