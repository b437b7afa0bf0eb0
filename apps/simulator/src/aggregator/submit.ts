import { checkLimits, InvalidTextError } from '@mtredi/encoding';
import type { OperatorSimulator, SubmitDecision } from '@mtredi/operator-sim';
import { z } from 'zod';
import { isLoopbackUrl } from './callbacks.js';
import type { AggregatorBehaviour } from './options.js';
import type { MessageStore } from './store.js';

/** Body of `POST /api/v1/messages`. */
const SubmitBody = z.object({
  from: z.string().min(1).max(15),
  to: z.string().min(1).max(20),
  text: z.string().min(1),
  reference: z.string().min(1).max(100).optional(),
  callbackUrl: z.string().min(1).max(2000).optional(),
});

/** What the handler answers: an HTTP status, a JSON body, and for 429/503 the Retry-After in ms. */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
  retryAfterMs?: number;
  /** The scenario's submit latency: the answer is held back this long. */
  delayMs?: number;
}

const E164 = /^\+?[1-9]\d{7,14}$/;

const fail = (code: string, error: string): Answer => ({ status: 400, body: { error, code } });

/** Engine rejections as the aggregator names them; other SMPP statuses pass through by name. */
const REJECT_CODES: Record<string, string> = {
  ESME_RINVDSTADR: 'invalid_number',
  ESME_RINVSRCADR: 'unknown_sender',
};

/**
 * One `POST /api/v1/messages`: validates like the April 2020 reserve channel (Georgian ≤ 320, Latin
 * ≤ 480 characters), replays a known `reference` instead of sending twice, applies the sender
 * override, and hands the message to the simulated operator. An accepted message is stored before
 * the answer is written, so a client whose request timed out finds it by reference.
 */
export function handleSubmit(
  raw: unknown,
  account: string,
  simulator: OperatorSimulator,
  store: MessageStore,
  behaviour: AggregatorBehaviour,
): Answer {
  const parsed = SubmitBody.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail('invalid_request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  const { from, to, text, reference, callbackUrl } = parsed.data;
  if (!E164.test(to)) return fail('invalid_number', `"${to}" is not an international number (E.164)`);
  try {
    const limits = checkLimits(text, behaviour.maxChars);
    if (!limits.ok) {
      const { characters, limit, encoding } = limits.error;
      const kind = encoding === 'ucs2' ? 'Unicode (UCS-2)' : 'GSM-7';
      return fail('text_too_long', `${kind} text of ${characters} characters; at most ${limit} are accepted`);
    }
  } catch (error) {
    if (error instanceof InvalidTextError) return fail('invalid_text', error.message);
    throw error;
  }
  if (callbackUrl !== undefined && !isLoopbackUrl(callbackUrl)) {
    return fail('invalid_callback_url', 'callbackUrl must be an http URL on 127.0.0.1, ::1 or localhost');
  }
  if (reference !== undefined) {
    const known = store.byReference(account, reference);
    if (known && (known.to !== to || known.text !== text || known.from !== from)) {
      const error = `reference "${reference}" was already used for another message`;
      return { status: 409, body: { error, code: 'reference_conflict', id: known.id } };
    }
    if (known) return { status: 200, body: { id: known.id, status: 'accepted', replayed: true } };
  }

  const authorized = simulator.currentScenario.authorizedSenders;
  const override =
    behaviour.senderOverride === 'always' ||
    (behaviour.senderOverride === 'unauthorized' && authorized !== undefined && !authorized.includes(from));
  const deliveredAs = override && from !== behaviour.providerName ? behaviour.providerName : undefined;
  const decision = simulator.submit({ to, from: deliveredAs ?? from, text, parts: 1 });
  const delayMs = decision.respondAfterMs;
  if (decision.kind !== 'accepted') return { ...refusal(decision), delayMs };

  const now = new Date();
  const id = decision.messageIds[0] as string;
  store.add({
    id,
    account,
    from,
    to,
    text,
    status: 'pending',
    submittedAt: now,
    updatedAt: now,
    ...(reference !== undefined ? { reference } : {}),
    ...(deliveredAs !== undefined ? { deliveredAs } : {}),
    ...(callbackUrl !== undefined ? { callbackUrl } : {}),
  });
  return { status: 202, body: { id, status: 'accepted' }, delayMs };
}

function refusal(decision: Exclude<SubmitDecision, { kind: 'accepted' }>): Answer {
  switch (decision.kind) {
    case 'rejected':
      return fail(REJECT_CODES[decision.statusName] ?? decision.statusName, decision.reason);
    case 'throttled':
      return {
        status: 429,
        body: { error: 'throttled', code: 'throttled', retryAfterMs: decision.retryAfterMs },
        retryAfterMs: decision.retryAfterMs,
      };
    case 'unavailable':
      return {
        status: 503,
        body: { error: decision.reason, code: 'unavailable', retryAfterMs: decision.retryAfterMs },
        retryAfterMs: decision.retryAfterMs,
      };
  }
}
