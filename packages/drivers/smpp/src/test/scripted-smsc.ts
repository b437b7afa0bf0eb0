import { createServer, type Socket } from 'node:net';
import { type Pdu, SmppSession, type SubmitSmPdu } from '@mtredi/smpp';

/** An SMSC whose submit answers the test scripts: binds always succeed, `onSubmit` decides the rest. */
export async function startScriptedSmsc(onSubmit: (pdu: SubmitSmPdu, session: SmppSession) => void) {
  const sessions = new Set<SmppSession>();
  const sockets = new Set<Socket>();
  const submits: SubmitSmPdu[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const session = new SmppSession(
      socket,
      { enquireLinkIntervalMs: 0 },
      {
        onRequest: (pdu: Pdu, s) => {
          if (pdu.command === 'bind_transceiver') {
            s.respond(pdu, { command: 'bind_transceiver_resp', systemId: 'SCRIPTED' });
            s.markBound();
          } else if (pdu.command === 'submit_sm') {
            submits.push(pdu);
            onSubmit(pdu, s);
          }
        },
        onClose: () => sessions.delete(session),
      },
    );
    sessions.add(session);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    sessions,
    submits,
    /** Drops every connection but keeps listening. */
    dropAll: () => {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
