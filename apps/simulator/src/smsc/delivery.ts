import type { DeliverSmPdu, Unsequenced } from '@mtredi/smpp';
import type { SmscSession } from './session-handlers.js';

/**
 * Where deliver_sm (receipts, MO) go: back on the submitting session while it is bound, else to another
 * bound session of the same account that may receive, else into the account's queue until one binds
 * (real SMSCs hold receipts for an ESME that is away).
 */
export class DeliveryRouter {
  private readonly queued = new Map<string, Unsequenced<DeliverSmPdu>[]>();

  constructor(
    private readonly sessions: ReadonlyMap<number, SmscSession>,
    private readonly onQueued: () => void,
    /** Per account; the oldest is dropped beyond it. */
    private readonly limit = 100_000,
  ) {}

  deliver(systemId: string, pdu: Unsequenced<DeliverSmPdu>, preferred?: number): void {
    const canReceive = (s: SmscSession | undefined): s is SmscSession =>
      !!s && s.systemId === systemId && s.bindMode !== 'transmitter' && s.session.state === 'bound';
    let target = preferred === undefined ? undefined : this.sessions.get(preferred);
    if (!canReceive(target)) target = [...this.sessions.values()].find(canReceive);
    if (!target) {
      this.enqueue(systemId, pdu);
      return;
    }
    target.session.send(pdu, (error) => {
      if (error && !error.outcomeUnknown) this.enqueue(systemId, pdu);
    });
  }

  /** Sends what waited for `systemId`, now that it has bound. */
  flush(systemId: string): void {
    const queue = this.queued.get(systemId);
    if (!queue) return;
    this.queued.delete(systemId);
    for (const pdu of queue) this.deliver(systemId, pdu);
  }

  private enqueue(systemId: string, pdu: Unsequenced<DeliverSmPdu>): void {
    let queue = this.queued.get(systemId);
    if (!queue) {
      queue = [];
      this.queued.set(systemId, queue);
    }
    if (queue.length >= this.limit) queue.shift();
    queue.push(pdu);
    this.onQueued();
  }
}
