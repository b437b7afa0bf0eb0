import { afterEach, describe, expect, it } from 'vitest';
import { Status } from '../constants.js';
import type { BindPdu, Pdu } from '../pdu.js';
import { listen, until } from '../test/loopback.js';
import { EsmeClient } from './client.js';
import { SmppSession } from './session.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A minimal SMSC: answers binds with `status`, records them, keeps its sessions. */
async function smsc(status = 0) {
  const binds: BindPdu[] = [];
  const sessions: SmppSession[] = [];
  const server = await listen((socket) => {
    const session = new SmppSession(
      socket,
      { enquireLinkIntervalMs: 0 },
      {
        onRequest: (pdu: Pdu, s) => {
          if (pdu.command !== 'bind_transceiver') return;
          binds.push(pdu);
          s.respond(pdu, { command: 'bind_transceiver_resp', systemId: 'SMSC', commandStatus: status });
        },
      },
    );
    sessions.push(session);
  });
  cleanups.push(() => server.close());
  return { ...server, binds, sessions };
}

function client(port: number, extra: Partial<ConstructorParameters<typeof EsmeClient>[0]> = {}) {
  const events: string[] = [];
  const c = new EsmeClient(
    {
      host: '127.0.0.1',
      port,
      systemId: 'mtredi',
      password: 'secret',
      enquireLinkIntervalMs: 0,
      backoff: { initialMs: 20, maxMs: 200, jitter: 0 },
      ...extra,
    },
    { onBound: () => events.push('bound'), onDown: (reason) => events.push(`down: ${reason}`) },
  );
  cleanups.push(() => c.stop());
  return { c, events };
}

describe('EsmeClient', () => {
  it('binds as transceiver with interface_version 0x34 and the configured credentials', async () => {
    const s = await smsc();
    const { c } = client(s.port, { systemType: 'SMPP' });
    c.start();
    expect(await c.whenBound(2000)).toBe(true);
    expect(s.binds[0]).toMatchObject({
      command: 'bind_transceiver',
      systemId: 'mtredi',
      password: 'secret',
      systemType: 'SMPP',
      interfaceVersion: 0x34,
    });
  });

  it('reconnects with growing delays after the SMSC drops the connection', async () => {
    const s = await smsc();
    const { c, events } = client(s.port);
    c.start();
    await c.whenBound(2000);
    s.sessions[0]?.socket.destroy();
    // The SMSC sees the second bind before the client has read its answer: wait for the client's event too.
    await until(() => s.binds.length === 2 && events.length >= 3, 2000, 'rebind');
    expect(events[0]).toBe('bound');
    expect(events[1]).toMatch(/^down: peer_closed/);
    expect(events[2]).toBe('bound');
  });

  it('backs off exponentially while the port refuses connections', async () => {
    const s = await smsc();
    await s.close();
    const { c, events } = client(s.port);
    const started = Date.now();
    c.start();
    await until(() => events.length >= 4, 3000, 'four failed attempts');
    // 20 + 40 + 80 ms of backoff between the first four attempts.
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(events.every((e) => e.includes('ECONNREFUSED'))).toBe(true);
    expect(c.nextAttemptAt).toBeGreaterThan(Date.now() - 5);
  });

  it('waits the long refusal delay after a bind refused for credentials', async () => {
    const s = await smsc(Status.ESME_RINVPASWD);
    const { c, events } = client(s.port, { bindRefusedDelayMs: 10_000 });
    c.start();
    await until(() => events.length === 1);
    expect(events[0]).toBe('down: bind refused with ESME_RINVPASWD');
    expect((c.nextAttemptAt ?? 0) - Date.now()).toBeGreaterThan(9000);
    expect(s.binds).toHaveLength(1);
  });

  it('stop() unbinds in order and does not reconnect', async () => {
    const s = await smsc();
    const { c } = client(s.port);
    c.start();
    await c.whenBound(2000);
    const smscSession = s.sessions[0] as SmppSession;
    await c.stop();
    await smscSession.closed();
    expect(smscSession.stats.requestsReceived).toBe(2); // bind + unbind
    await new Promise((r) => setTimeout(r, 100));
    expect(s.binds).toHaveLength(1);
  });
});
