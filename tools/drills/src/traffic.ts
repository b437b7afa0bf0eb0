import { type ApiClient, ApiError } from './api.js';
import { SENDER } from './scenarios.js';

export interface Outgoing {
  to: string;
  text: string;
  sender?: string;
  /** The drill's name for the kind of message (what the scenario does with it); not sent. */
  tag?: string;
}

export interface SendResult extends Outgoing {
  /** Set when the API accepted (stored) the message. */
  id?: string;
  parts?: number;
  /** Set when the API refused it: `{ status, code }` of the answer. */
  refused?: { status: number; code: string };
}

export interface SendOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Requests started per second at most; absent: as fast as the API answers. */
  perSecond?: number;
  /** Called after each answer with how many have been answered. */
  onProgress?: (answered: number) => void;
  /** Give up on requests not started by then (epoch ms): the drill's own time limit. */
  deadline: number;
}

/**
 * Sends each message once through `POST /v1/messages`, in order, with bounded concurrency and an
 * optional rate. A refusal is recorded with its status and code (0 for a network error) and never
 * tried again: only an accepted message counts, and a retry could store a message twice.
 */
export async function sendAll(client: ApiClient, messages: Outgoing[], options: SendOptions): Promise<SendResult[]> {
  const results: SendResult[] = new Array(messages.length);
  const started = Date.now();
  let next = 0;
  let answered = 0;
  const worker = async (): Promise<void> => {
    while (next < messages.length && Date.now() < options.deadline) {
      const index = next++;
      const message = messages[index] as Outgoing;
      if (options.perSecond) {
        const due = started + (index * 1000) / options.perSecond;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      results[index] = await sendOne(client, message);
      options.onProgress?.(++answered);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, messages.length) }, worker));
  return results.filter((r) => r !== undefined);
}

async function sendOne(client: ApiClient, message: Outgoing): Promise<SendResult> {
  try {
    const sent = await client.send({ to: message.to, sender: message.sender ?? SENDER, text: message.text });
    return { ...message, id: sent.id, parts: sent.parts };
  } catch (error) {
    if (error instanceof ApiError) return { ...message, refused: { status: error.status, code: error.code } };
    return { ...message, refused: { status: 0, code: (error as Error).message.slice(0, 100) } };
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `check` every `intervalMs` until it returns a value other than undefined; fails after
 * `timeoutMs` with `what` in the message.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms${last ? ` (${(last as Error).message})` : ''}`);
}
