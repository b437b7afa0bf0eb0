import type {
  ChannelCapabilities,
  ChannelContext,
  ChannelDriver,
  OutboundMessage,
  SubmitResult,
} from '@mtredi/channel-sdk';
import { type Clock, OperatorSimulator, realClock, ScenarioInput, type SubmitDecision } from '@mtredi/operator-sim';
import { SimulatorDriverConfig, type SimulatorDriverConfigInput } from './config.js';

export interface SimulatorDriverOptions {
  /** Time source for latencies and receipt delays; tests pass operator-sim's ManualClock. */
  clock?: Clock;
}

type State = 'idle' | 'running' | 'stopping' | 'stopped';

/** Answer given when the driver is not running; the core's retry then finds a live channel. */
const NOT_RUNNING_RETRY_MS = 1000;

/**
 * The "local simulator" channel: an OperatorSimulator in process, behind the ChannelDriver contract.
 * Each instance owns its own simulator, so two simulator channels never share ids, receipts or state.
 */
export class SimulatorDriver implements ChannelDriver {
  readonly capabilities: ChannelCapabilities;
  /** The simulated operator: switch its scenario live, read its counters, look up what it received. */
  readonly simulator: OperatorSimulator;
  private readonly clock: Clock;
  private readonly receipts: boolean;
  private state: State = 'idle';
  private stopping: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<SubmitResult>>();
  private unsubscribe: (() => void)[] = [];

  constructor(config: SimulatorDriverConfigInput = {}, options: SimulatorDriverOptions = {}) {
    const c = SimulatorDriverConfig.parse(config);
    this.capabilities = {
      maxChars: { ...c.maxChars },
      duplicateWindowSeconds: c.duplicateWindowSeconds,
      senderPolicy: c.senderPolicy,
      receiptMode: c.receiptMode,
      maxMessagesPerSecond: c.maxMessagesPerSecond,
    };
    this.receipts = c.receiptMode === 'realtime';
    this.clock = options.clock ?? realClock;
    const scenario = ScenarioInput.parse(c.scenario ?? {});
    if (scenario.duplicateWindowSeconds === 0) scenario.duplicateWindowSeconds = c.duplicateWindowSeconds;
    this.simulator = new OperatorSimulator({ scenario, clock: this.clock });
  }

  async start(context: ChannelContext): Promise<void> {
    if (this.state === 'running') return;
    if (this.state !== 'idle') throw new Error('a stopped simulator driver cannot be started again; create a new one');
    const sim = this.simulator;
    this.unsubscribe = [
      sim.onReceipt((r) => {
        if (!this.receipts) return;
        context.onReceipt({ channelMessageId: r.messageId, state: r.state, errorCode: r.errorCode, at: r.doneAt });
      }),
      sim.onReply((mo) => context.onInbound({ from: mo.from, to: mo.to, text: mo.text, receivedAt: mo.receivedAt })),
      sim.onAvailability((up) => context.onHealth(up ? 'up' : 'down', up ? undefined : 'simulated outage')),
    ];
    this.state = 'running';
    if (sim.isAvailable()) context.onHealth('up');
    else context.onHealth('down', 'simulated outage');
  }

  async submit(message: OutboundMessage): Promise<SubmitResult> {
    if (this.state !== 'running') {
      return { kind: 'retry_later', delayMs: NOT_RUNNING_RETRY_MS, reason: `simulator channel ${this.state}` };
    }
    const task = this.process(message);
    this.inFlight.add(task);
    try {
      return await task;
    } finally {
      this.inFlight.delete(task);
    }
  }

  stop(): Promise<void> {
    this.stopping ??= this.drain();
    return this.stopping;
  }

  private async drain(): Promise<void> {
    if (this.state === 'running') {
      this.state = 'stopping';
      await Promise.allSettled([...this.inFlight]);
    }
    // Receipts still scheduled are sent now, while the platform still listens: every accepted message gets
    // its receipt, as from an operator that delivers what it holds before the link closes.
    this.simulator.flushPending();
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.state = 'stopped';
  }

  private async process(message: OutboundMessage): Promise<SubmitResult> {
    const decision = this.simulator.submit({
      to: message.to,
      from: message.sender,
      text: message.text,
      parts: message.parts,
    });
    if (decision.respondAfterMs > 0) {
      await new Promise<void>((resolve) => this.clock.setTimer(resolve, decision.respondAfterMs));
    }
    return toResult(decision);
  }
}

function toResult(decision: SubmitDecision): SubmitResult {
  switch (decision.kind) {
    case 'accepted':
      return { kind: 'accepted', channelMessageIds: decision.messageIds };
    case 'rejected':
      return { kind: 'rejected', code: decision.statusName, reason: decision.reason };
    case 'throttled':
      return {
        kind: 'retry_later',
        delayMs: decision.retryAfterMs,
        reason: 'throttled (ESME_RTHROTTLED)',
        cause: 'throttled',
      };
    case 'unavailable':
      return { kind: 'retry_later', delayMs: decision.retryAfterMs, reason: decision.reason, cause: 'unavailable' };
  }
}
