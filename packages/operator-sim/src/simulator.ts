import { randomBytes } from 'node:crypto';
import { type Clock, realClock, type TimerHandle } from './clock.js';
import { pickOutcome, type ResolvedReceipt, resolveReceipt, sampleDelay } from './delays.js';
import { mulberry32 } from './random.js';
import { type FinalState, type Rule, Scenario, ScenarioInput } from './scenario.js';
import { SMPP_STATUS, smppStatusName } from './smpp-status.js';
import { TokenBucket } from './throttle.js';

/** One message as an SMSC receives it; `parts` > 1 stands for a concatenated message sent in one call. */
export interface SubmitRequest {
  to: string;
  from: string;
  text: string;
  parts?: number;
}

/** What the operator answers. `respondAfterMs` is the scenario's latency: the caller waits that long. */
export type SubmitDecision = (
  | { kind: 'accepted'; messageIds: string[] }
  | { kind: 'rejected'; status: number; statusName: string; reason: string }
  | { kind: 'throttled'; status: number; retryAfterMs: number }
  | { kind: 'unavailable'; retryAfterMs: number; reason: string }
) & { respondAfterMs: number; rule?: string };

/** A final delivery receipt for one part. */
export interface SimReceipt {
  messageId: string;
  to: string;
  from: string;
  state: FinalState;
  errorCode?: string;
  submittedAt: Date;
  doneAt: Date;
}

/** A mobile-originated message from the destination back to the sender (e.g. STOP). */
export interface SimReply {
  from: string;
  to: string;
  text: string;
  receivedAt: Date;
  inReplyTo: string;
}

/** What the operator holds about an accepted message, kept for the last `historyLimit` messages. */
export interface SubmittedMessage {
  messageIds: string[];
  to: string;
  from: string;
  text: string;
  submittedAt: Date;
  rule?: string;
}

/** Counted in message parts, as an SMSC counts submit_sm PDUs. */
export interface SimCounters {
  submitted: number;
  accepted: number;
  rejected: number;
  throttled: number;
  unavailable: number;
  receiptsSent: number;
  receiptsLost: number;
  /** Receipts never sent because the delay was "never". */
  receiptsWithheld: number;
  receiptsPending: number;
  duplicatesDropped: number;
  repliesSent: number;
  receiptStates: Record<FinalState, number>;
}

export interface OperatorSimulatorOptions {
  scenario?: ScenarioInput;
  clock?: Clock;
  /** Start of every message id; default 8 random hex digits, so ids of two simulators never collide. */
  idPrefix?: string;
  /** How many accepted messages `lookup` remembers. Default 10,000. */
  historyLimit?: number;
}

interface CompiledRule {
  rule: Rule;
  prefixes?: string[];
  regex?: RegExp;
  senders?: Set<string>;
  receipt: ResolvedReceipt;
}

interface OutageWindow {
  from: number;
  to: number;
  retryAfterMs: number;
}

const zeroCounters = (): SimCounters => ({
  submitted: 0,
  accepted: 0,
  rejected: 0,
  throttled: 0,
  unavailable: 0,
  receiptsSent: 0,
  receiptsLost: 0,
  receiptsWithheld: 0,
  receiptsPending: 0,
  duplicatesDropped: 0,
  repliesSent: 0,
  receiptStates: { delivered: 0, undelivered: 0, expired: 0, rejected: 0 },
});

const digits = (address: string): string => address.replace(/^\+/, '');
const asList = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined ? undefined : Array.isArray(v) ? v : [v];

/**
 * One simulated operator (SMSC): decides each submit's answer and schedules its receipt by the
 * scenario. No sockets: the SMPP SMSC, the aggregator API and the in-process driver put their
 * transport around it.
 */
export class OperatorSimulator {
  private scenario!: Scenario;
  private rules: CompiledRule[] = [];
  private defaultReceipt!: ResolvedReceipt;
  private random!: () => number;
  private bucket: TokenBucket | undefined;
  private authorizedSenders: Set<string> | undefined;
  private outages: OutageWindow[] = [];
  private available = true;
  private disposed = false;
  private counters = zeroCounters();
  private nextId = 0;
  private readonly clock: Clock;
  private readonly idPrefix: string;
  private readonly historyLimit: number;
  private readonly history = new Map<string, SubmittedMessage>();
  private readonly lastSeen = new Map<string, number>();
  /** Scheduled receipts and replies, each with what sends it. */
  private readonly messageTimers = new Map<TimerHandle, () => void>();
  private boundaryTimers: TimerHandle[] = [];
  private readonly receiptListeners = new Set<(r: SimReceipt) => void>();
  private readonly replyListeners = new Set<(r: SimReply) => void>();
  private readonly availabilityListeners = new Set<(available: boolean) => void>();

  constructor(options: OperatorSimulatorOptions = {}) {
    this.clock = options.clock ?? realClock;
    this.idPrefix = options.idPrefix ?? randomBytes(4).toString('hex');
    this.historyLimit = options.historyLimit ?? 10_000;
    this.apply(ScenarioInput.parse(options.scenario ?? {}));
  }

  /** The scenario in force, with defaults filled in. */
  get currentScenario(): Scenario {
    return this.scenario;
  }

  /**
   * Switches scenario live: later submits follow it, the PRNG restarts from its seed and its outages
   * count from now. Receipts already scheduled keep the time and outcome they were given.
   * Throws a ZodError when the input is invalid, leaving the old scenario in force.
   */
  setScenario(input: ScenarioInput): Scenario {
    this.apply(ScenarioInput.parse(input));
    return this.scenario;
  }

  /** Forgets everything since start: cancels scheduled receipts and replies, zeroes counters, restarts the scenario. */
  reset(): void {
    this.cancelMessageTimers();
    this.counters = zeroCounters();
    this.history.clear();
    this.lastSeen.clear();
    this.apply(this.scenario);
  }

  /** Cancels scheduled receipts and replies (they are never sent); the scenario and counters stay. */
  cancelPending(): void {
    this.cancelMessageTimers();
  }

  /**
   * Sends every scheduled receipt and reply now, in the order they were scheduled: an operator delivers what
   * it owes before the link closes (a real SMSC would send it on the next bind).
   */
  flushPending(): void {
    for (const [handle, run] of [...this.messageTimers]) {
      this.clock.clearTimer(handle);
      run();
    }
  }

  /** Cancels every timer; afterwards submits answer `unavailable` and nothing more is emitted. */
  dispose(): void {
    this.disposed = true;
    this.cancelMessageTimers();
    for (const t of this.boundaryTimers) this.clock.clearTimer(t);
    this.boundaryTimers = [];
    this.receiptListeners.clear();
    this.replyListeners.clear();
    this.availabilityListeners.clear();
  }

  stats(): SimCounters {
    return { ...this.counters, receiptStates: { ...this.counters.receiptStates } };
  }

  /** False during an outage. */
  isAvailable(): boolean {
    return !this.disposed && this.available;
  }

  lookup(messageId: string): SubmittedMessage | undefined {
    return this.history.get(messageId);
  }

  onReceipt(listener: (receipt: SimReceipt) => void): () => void {
    this.receiptListeners.add(listener);
    return () => this.receiptListeners.delete(listener);
  }

  onReply(listener: (reply: SimReply) => void): () => void {
    this.replyListeners.add(listener);
    return () => this.replyListeners.delete(listener);
  }

  /** Called when an outage starts (false) or ends (true). */
  onAvailability(listener: (available: boolean) => void): () => void {
    this.availabilityListeners.add(listener);
    return () => this.availabilityListeners.delete(listener);
  }

  submit(request: SubmitRequest): SubmitDecision {
    const parts = Math.max(1, request.parts ?? 1);
    const now = this.clock.now();
    this.counters.submitted += parts;
    const respondAfterMs = sampleDelay(this.scenario.submitLatency, this.random()) ?? 0;

    const outage = this.outageAt(now);
    if (this.disposed || outage) {
      this.counters.unavailable += parts;
      const retryAfterMs = outage?.retryAfterMs ?? 1000;
      return { kind: 'unavailable', retryAfterMs, reason: 'operator unavailable (outage)', respondAfterMs };
    }
    const waitMs = this.bucket?.take(parts, now) ?? 0;
    if (waitMs > 0) {
      this.counters.throttled += parts;
      return { kind: 'throttled', status: SMPP_STATUS.ESME_RTHROTTLED, retryAfterMs: waitMs, respondAfterMs };
    }
    const queue = this.scenario.queueLimit;
    if (queue && this.counters.receiptsPending >= queue.maxPending) {
      this.counters.throttled += parts;
      return { kind: 'throttled', status: SMPP_STATUS.ESME_RMSGQFUL, retryAfterMs: queue.retryAfterMs, respondAfterMs };
    }
    if (this.authorizedSenders && !this.authorizedSenders.has(request.from)) {
      this.counters.rejected += parts;
      const reason = `sender name "${request.from}" is not authorized by this operator`;
      return {
        kind: 'rejected',
        status: SMPP_STATUS.ESME_RINVSRCADR,
        statusName: 'ESME_RINVSRCADR',
        reason,
        respondAfterMs,
      };
    }
    const matched = this.match(request);
    const rule = matched?.rule.name;
    const behaviour = matched?.rule.submit ?? { outcome: 'accept' as const };
    if (behaviour.outcome === 'unavailable') {
      this.counters.unavailable += parts;
      const reason = `route unavailable${rule ? ` (rule ${rule})` : ''}`;
      return { kind: 'unavailable', retryAfterMs: behaviour.retryAfterMs, reason, respondAfterMs, rule };
    }
    if (behaviour.outcome === 'reject') {
      this.counters.rejected += parts;
      const statusName = smppStatusName(behaviour.status);
      const reason = behaviour.reason ?? `rejected with ${statusName}${rule ? ` (rule ${rule})` : ''}`;
      return { kind: 'rejected', status: behaviour.status, statusName, reason, respondAfterMs, rule };
    }

    const messageIds = Array.from({ length: parts }, () => this.newId());
    this.counters.accepted += parts;
    this.remember({
      messageIds,
      to: request.to,
      from: request.from,
      text: request.text,
      submittedAt: new Date(now),
      rule,
    });
    this.scheduleAftermath(request, messageIds, now, matched);
    return { kind: 'accepted', messageIds, respondAfterMs, rule };
  }

  private scheduleAftermath(request: SubmitRequest, ids: string[], now: number, matched: CompiledRule | undefined) {
    // A fixed number of draws per accepted message, so changing one knob does not reshuffle the others.
    const [uOutcome, uLoss, uDelay, uReply, uReplyDelay] = Array.from({ length: 5 }, this.random) as [
      number,
      number,
      number,
      number,
      number,
    ];
    if (this.isDuplicate(request, now)) {
      this.counters.duplicatesDropped += ids.length;
      return;
    }
    const receipt = matched?.receipt ?? this.defaultReceipt;
    const outcome = pickOutcome(receipt, uOutcome);
    const delay = sampleDelay(receipt.delay, uDelay);
    if (uLoss < receipt.lossProbability) {
      this.counters.receiptsLost += ids.length;
    } else if (delay === undefined) {
      this.counters.receiptsWithheld += ids.length;
    } else {
      this.counters.receiptsPending += ids.length;
      this.later(delay, () => {
        this.counters.receiptsPending -= ids.length;
        this.counters.receiptsSent += ids.length;
        this.counters.receiptStates[outcome.state] += ids.length;
        const doneAt = new Date(this.clock.now());
        for (const messageId of ids) {
          const r: SimReceipt = {
            messageId,
            to: request.to,
            from: request.from,
            state: outcome.state,
            submittedAt: new Date(now),
            doneAt,
          };
          if (outcome.errorCode !== undefined) r.errorCode = outcome.errorCode;
          for (const listener of this.receiptListeners) listener(r);
        }
      });
    }
    const reply = matched?.rule.reply;
    const replyDelay = reply && uReply < reply.probability ? sampleDelay(reply.delay, uReplyDelay) : undefined;
    if (reply && replyDelay !== undefined) {
      this.later(replyDelay, () => {
        this.counters.repliesSent += 1;
        const text = reply.text.replaceAll('{text}', request.text);
        const mo: SimReply = {
          from: request.to,
          to: request.from,
          text,
          receivedAt: new Date(this.clock.now()),
          inReplyTo: ids[0] as string,
        };
        for (const listener of this.replyListeners) listener(mo);
      });
    }
  }

  private later(ms: number, fire: () => void): void {
    const run = () => {
      this.messageTimers.delete(handle);
      fire();
    };
    const handle = this.clock.setTimer(run, ms);
    this.messageTimers.set(handle, run);
  }

  private isDuplicate(request: SubmitRequest, now: number): boolean {
    const windowMs = this.scenario.duplicateWindowSeconds * 1000;
    if (windowMs <= 0) return false;
    // Entries are kept in time order, so expired ones are always at the head.
    for (const [key, at] of this.lastSeen) {
      if (now - at < windowMs) break;
      this.lastSeen.delete(key);
    }
    const key = `${digits(request.to)}\u0000${request.text}`;
    if (this.lastSeen.has(key)) return true;
    this.lastSeen.set(key, now);
    return false;
  }

  private match(request: SubmitRequest): CompiledRule | undefined {
    const to = digits(request.to);
    return this.rules.find(
      (r) =>
        (!r.prefixes || r.prefixes.some((p) => to.startsWith(p))) &&
        (!r.regex || r.regex.test(request.to)) &&
        (!r.senders || r.senders.has(request.from)),
    );
  }

  private remember(message: SubmittedMessage): void {
    for (const id of message.messageIds) this.history.set(id, message);
    for (const key of this.history.keys()) {
      if (this.history.size <= this.historyLimit) break;
      this.history.delete(key);
    }
  }

  private newId(): string {
    this.nextId += 1;
    return `${this.idPrefix}${this.nextId.toString(16).padStart(8, '0')}`;
  }

  private outageAt(now: number): OutageWindow | undefined {
    return this.outages.find((o) => now >= o.from && now < o.to);
  }

  private apply(scenario: Scenario): void {
    this.scenario = scenario;
    this.random = mulberry32(scenario.seed);
    this.defaultReceipt = resolveReceipt([scenario.receipt]);
    this.authorizedSenders = scenario.authorizedSenders ? new Set(scenario.authorizedSenders) : undefined;
    this.rules = scenario.rules.map((rule) => {
      const compiled: CompiledRule = { rule, receipt: resolveReceipt([rule.receipt, scenario.receipt]) };
      const prefixes = asList(rule.match.prefix);
      const senders = asList(rule.match.sender);
      if (prefixes) compiled.prefixes = prefixes.map(digits);
      if (rule.match.regex !== undefined) compiled.regex = new RegExp(rule.match.regex);
      if (senders) compiled.senders = new Set(senders);
      return compiled;
    });
    const now = this.clock.now();
    this.bucket = scenario.throttle ? new TokenBucket(scenario.throttle.maxPerSecond, now) : undefined;
    this.outages = scenario.outages.map((o) => ({
      from: now + o.startAfterMs,
      to: o.durationMs === undefined ? Number.POSITIVE_INFINITY : now + o.startAfterMs + o.durationMs,
      retryAfterMs: o.retryAfterMs,
    }));
    for (const t of this.boundaryTimers) this.clock.clearTimer(t);
    this.boundaryTimers = [];
    const boundaries = new Set(
      this.outages.flatMap((o) => [o.from, o.to]).filter((t) => t > now && t !== Number.POSITIVE_INFINITY),
    );
    for (const at of boundaries)
      this.boundaryTimers.push(this.clock.setTimer(() => this.refreshAvailability(), at - now));
    this.refreshAvailability();
  }

  private refreshAvailability(): void {
    const now = this.clock.now();
    const outage = this.outageAt(now);
    // Timers may fire a millisecond early: if an outage is still on, look again just after its end.
    if (outage && outage.to !== Number.POSITIVE_INFINITY) {
      this.boundaryTimers.push(this.clock.setTimer(() => this.refreshAvailability(), outage.to - now + 1));
    }
    const available = outage === undefined;
    if (available === this.available) return;
    this.available = available;
    for (const listener of this.availabilityListeners) listener(available);
  }

  private cancelMessageTimers(): void {
    for (const t of this.messageTimers.keys()) this.clock.clearTimer(t);
    this.messageTimers.clear();
    this.counters.receiptsPending = 0;
  }
}
