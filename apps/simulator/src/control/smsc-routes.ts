import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import type { SmscServer } from '../smsc/smsc.js';

export type Route = (
  req: IncomingMessage,
  body: () => Promise<string>,
) => Promise<[number, unknown]> | [number, unknown];

/** A request body that is not valid; answered 400 with the field. */
export class BodyError extends Error {
  readonly code = 'simulator/invalid_body';
  constructor(
    message: string,
    readonly details: { path: string; message: string }[],
  ) {
    super(message);
  }
}

const Mo = z.strictObject({
  from: z.string().min(1),
  to: z.string().min(1),
  text: z.string().min(1),
  systemId: z.string().optional(),
  longMessages: z.enum(['udh', 'sar', 'payload']).optional(),
});
const TriggerReceipt = z.strictObject({
  messageId: z.string().min(1),
  state: z.enum(['enroute', 'delivered', 'undelivered', 'expired', 'rejected']),
  errorCode: z.string().max(10).optional(),
});
const Unbind = z.strictObject({ id: z.number().int().optional(), wait: z.boolean().default(true) });

async function parse<T extends z.ZodType>(schema: T, body: () => Promise<string>): Promise<z.infer<T>> {
  let json: unknown;
  try {
    const text = await body();
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new BodyError('body is not valid JSON', []);
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  throw new BodyError(`${details[0]?.path}: ${details[0]?.message}`, details);
}

const idParam = (req: IncomingMessage): number | undefined => {
  const id = new URL(req.url ?? '/', 'http://localhost').searchParams.get('id');
  return id === null ? undefined : Number(id);
};

/**
 * Control of the SMPP SMSC: sessions (list, kill, unbind), MO injection, receipts on demand, counters.
 * Scenario switches go through PUT /scenario like everything else.
 */
export function smscRoutes(smsc: SmscServer): Record<string, Route> {
  return {
    'GET /smpp/stats': () => [200, { listening: smsc.address, ...smsc.stats, sessions: smsc.list().length }],
    'GET /smpp/sessions': () => [200, smsc.list()],
    'DELETE /smpp/sessions': (req) => [200, { killed: smsc.kill(idParam(req)) }],
    'POST /smpp/unbind': async (_req, body) => {
      const { id, wait } = await parse(Unbind, body);
      return [200, { unbound: smsc.unbind(id, wait) }];
    },
    'POST /smpp/mo': async (_req, body) => {
      const mo = await parse(Mo, body);
      const parts = smsc.injectMo(mo);
      if (parts === 0) return [409, { code: 'simulator/no_session', message: 'no ESME is bound to receive it' }];
      return [200, { parts }];
    },
    'POST /smpp/receipts': async (_req, body) => {
      const r = await parse(TriggerReceipt, body);
      if (!smsc.triggerReceipt(r.messageId, r.state, r.errorCode)) {
        return [404, { code: 'simulator/unknown_message', message: `no accepted message with id ${r.messageId}` }];
      }
      return [200, { sent: true }];
    },
  };
}
