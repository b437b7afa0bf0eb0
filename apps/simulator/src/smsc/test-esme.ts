import {
  buildSubmits,
  type DeliverSmPdu,
  decodeShortMessage,
  EsmeClient,
  type EsmeClientOptions,
  parseReceipt,
  type ShortMessageBody,
  type SmppSession,
  type SubmitSmRespPdu,
} from '@mtredi/smpp';

/** An ESME for tests: our own client, recording every deliver_sm (answered OK) and every event in order. */
export function testEsme(port: number, options: Partial<EsmeClientOptions> = {}) {
  const delivered: DeliverSmPdu[] = [];
  const events: string[] = [];
  const client = new EsmeClient(
    {
      host: '127.0.0.1',
      port,
      systemId: 'mtredi',
      password: 'secret',
      enquireLinkIntervalMs: 0,
      responseTimeoutMs: 2000,
      backoff: { initialMs: 30, maxMs: 100, jitter: 0 },
      bindRefusedDelayMs: 50,
      ...options,
    },
    {
      onBound: () => events.push('bound'),
      onDown: (reason) => events.push(`down: ${reason}`),
      onRequest: (pdu, s) => {
        if (pdu.command !== 'deliver_sm') return;
        delivered.push(pdu);
        events.push(`deliver_sm esm=0x${pdu.esmClass.toString(16)}`);
        s.respond(pdu, { command: 'deliver_sm_resp', messageId: '' });
      },
    },
  );
  client.start();
  const session = (): SmppSession => {
    if (!client.session) throw new Error('not bound');
    return client.session;
  };
  return {
    client,
    delivered,
    events,
    receipts: () => delivered.filter((p) => p.esmClass & 0x24).map((p) => parseReceipt(p, decodeShortMessage(p).text)),
    texts: () => delivered.filter((p) => !(p.esmClass & 0x24)).map((p) => decodeShortMessage(p)),
    submit: async (to: string, text = 'hello', from = 'Mtredi', extra: Partial<ShortMessageBody> = {}) => {
      const bodies = buildSubmits(from, to, text, { reference: 1 });
      return Promise.all(
        bodies.map(async (b) => {
          const r = await session().request<SubmitSmRespPdu>({ command: 'submit_sm', ...b, ...extra });
          events.push(`resp ${r.command} 0x${r.commandStatus.toString(16)}`);
          return r;
        }),
      );
    },
    session,
  };
}

export const until = async (condition: () => unknown, ms = 3000, what = 'condition') => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
