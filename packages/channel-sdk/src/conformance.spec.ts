import { describeDriverConformance } from './conformance.js';
import type { ChannelContext, ChannelDriver, OutboundMessage, SubmitResult } from './contract.js';

/**
 * The smallest driver that honours the contract, written from the contract alone: it proves the kit
 * passes a correct driver without depending on any real transport.
 */
class ReferenceDriver implements ChannelDriver {
  readonly capabilities = {
    maxChars: { gsm7: 1000, ucs2: 1000 },
    duplicateWindowSeconds: 0,
    senderPolicy: 'exact' as const,
    receiptMode: 'realtime' as const,
    maxMessagesPerSecond: 100,
  };
  readonly received = new Map<string, string>();
  down = false;
  private context: ChannelContext | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<Promise<unknown>>();
  private next = 0;
  private readonly prefix = Math.random().toString(36).slice(2);

  async start(context: ChannelContext): Promise<void> {
    this.context = context;
    context.onHealth('up');
  }

  submit(message: OutboundMessage): Promise<SubmitResult> {
    const task = this.answer(message);
    this.pending.add(task);
    return task.finally(() => this.pending.delete(task));
  }

  async stop(): Promise<void> {
    const context = this.context;
    this.context = undefined;
    if (context) await Promise.allSettled([...this.pending]);
    for (const t of this.timers) clearTimeout(t);
  }

  private async answer(message: OutboundMessage): Promise<SubmitResult> {
    const context = this.context;
    if (!context || this.down) return { kind: 'retry_later', delayMs: 500, reason: 'down' };
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (message.to.endsWith('3')) return { kind: 'rejected', code: 'ESME_RINVDSTADR', reason: 'invalid' };
    const ids = Array.from({ length: message.parts }, () => `${this.prefix}-${++this.next}`);
    this.received.set(ids[0] as string, message.text);
    const state = message.to.endsWith('2') ? 'undelivered' : 'delivered';
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      for (const id of ids) context.onReceipt({ channelMessageId: id, state, at: new Date() });
    }, 20);
    this.timers.add(timer);
    return { kind: 'accepted', channelMessageIds: ids };
  }
}

describeDriverConformance('reference driver', () => ({
  createDriver: () => new ReferenceDriver(),
  destinations: { delivered: '+995599000001', undelivered: '+995599000002', rejected: '+995599000003' },
  makeUnavailable: (driver) => {
    driver.down = true;
  },
  submittedText: (driver, ids) => driver.received.get(ids[0] ?? ''),
}));
