import type { OutboundMessage } from '@mtredi/channel-sdk';

let n = 0;

/** A one-part message with a fresh id and text. */
export const msg = (overrides: Partial<OutboundMessage> = {}): OutboundMessage => ({
  id: `msg-${process.pid}-${++n}`,
  to: '+995599000001',
  sender: 'Mtredi',
  text: `hello ${n}`,
  encoding: 'gsm7',
  parts: 1,
  ...overrides,
});

export async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
