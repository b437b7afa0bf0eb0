import type {
  ChannelCapabilities,
  ChannelContext,
  ChannelDriver,
  OutboundMessage,
  Receipt,
  SubmitResult,
} from '@mtredi/channel-sdk';
import { AggregatorApi, toReceipt, UnexpectedAnswer } from './api.js';
import { type CallbackHeaders, parseCallbackBody } from './callback.js';
import { AggregatorDriverConfig, type AggregatorDriverConfigInput } from './config.js';
import { HealthTracker } from './health.js';
import { HttpFailure, type HttpTransport, nodeHttpTransport } from './http.js';
import { PartIds } from './part-ids.js';
import { ReceiptPoller } from './poller.js';
import { type HealthSignal, mapSubmitAnswer } from './submit-map.js';
import { UnconfirmedSubmits } from './unconfirmed.js';

export interface AggregatorDriverOptions {
  /** HTTP injection (tests, other runtimes); default node:http(s) with keep-alive. */
  transport?: HttpTransport;
  /**
   * How long an unconfirmed submit must stay unknown to the aggregator before it is reported not
   * received. Default: the longer of a minute and two request timeouts.
   */
  unconfirmedGraceMs?: number;
}

type State = 'idle' | 'running' | 'stopping' | 'stopped';

const NOT_RUNNING_RETRY_MS = 1000;
/** After a submit whose request never left, try again soon: routing may send it elsewhere meanwhile. */
const NOT_SENT_RETRY_MS = 1000;

/**
 * The "reserve aggregator" channel: an HTTP aggregator API (README.md). One submit is one POST whose
 * `reference` is the platform's message id; receipts come by polling the account's feed, by callbacks
 * the core hands to `parseCallback`, or not at all. A submit that went out but got no answer is never
 * resent blind: it is looked up by reference first.
 */
export class AggregatorDriver implements ChannelDriver {
  readonly capabilities: ChannelCapabilities;
  readonly config: AggregatorDriverConfig;
  private readonly transport: HttpTransport;
  private readonly api: AggregatorApi;
  private readonly poller: ReceiptPoller;
  private readonly unconfirmed: UnconfirmedSubmits;
  private readonly partIds = new PartIds();
  private state: State = 'idle';
  private context: ChannelContext | undefined;
  private health: HealthTracker | undefined;
  private stopping: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<SubmitResult>>();
  private cycleTimer: NodeJS.Timeout | undefined;
  private cycleRun: Promise<void> | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private readonly stats = {
    unknownOutcomes: 0,
    foundByReference: 0,
    resentAfterLookup: 0,
    receiptsPolled: 0,
    pollFailures: 0,
  };

  constructor(config: AggregatorDriverConfigInput, options: AggregatorDriverOptions = {}) {
    const c = AggregatorDriverConfig.parse(config);
    this.config = c;
    const receiptMode = { callback: 'realtime', polling: 'polling', none: 'none' } as const;
    this.capabilities = {
      ...c.capabilities,
      maxChars: { ...c.capabilities.maxChars },
      receiptMode: receiptMode[c.receiptMode],
    };
    this.transport = options.transport ?? nodeHttpTransport(c.maxConnections);
    this.api = new AggregatorApi(c.baseUrl, c.token, this.transport, c.timeouts);
    this.poller = new ReceiptPoller(this.api, c.pollBatchSize);
    this.unconfirmed = new UnconfirmedSubmits(
      this.api,
      options.unconfirmedGraceMs ?? Math.max(60_000, 2 * c.timeouts.requestMs),
    );
  }

  /** Counters for health pages and tests. */
  get counters() {
    return { ...this.stats, unconfirmed: this.unconfirmed.size, cursor: this.poller.cursor };
  }

  async start(context: ChannelContext): Promise<void> {
    if (this.state === 'running') return;
    if (this.state !== 'idle') throw new Error('a stopped aggregator driver cannot be started again; create a new one');
    this.context = context;
    this.state = 'running';
    this.health = new HealthTracker(this.config.downAfterFailures, (health, detail) => {
      if (this.state === 'running' || this.state === 'stopping') context.onHealth(health, detail);
      if (health !== 'up') this.scheduleProbe();
    });
    const first = await this.check();
    // No evidence yet that the channel ever worked: a failed first check is down, not degraded.
    if (first.signal === 'failure') this.health.set('down', first.detail);
    else this.signal(first.signal, first.detail);
    if (this.config.receiptMode !== 'none' && this.state === 'running') this.cycle();
  }

  async submit(message: OutboundMessage): Promise<SubmitResult> {
    if (this.state !== 'running') {
      const reason = `aggregator channel ${this.state}`;
      return { kind: 'retry_later', delayMs: NOT_RUNNING_RETRY_MS, reason, cause: 'unavailable' };
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

  /** Receipts in one callback request to the core's endpoint; see `ChannelDriver.parseCallback`. */
  parseCallback(body: unknown, headers: CallbackHeaders): Receipt[] {
    const token = this.config.verifyCallbackSignature ? this.config.token : undefined;
    return parseCallbackBody(body, headers, token).flatMap((r) => this.partIds.expand(r));
  }

  private async drain(): Promise<void> {
    if (this.state === 'running') {
      this.state = 'stopping';
      await Promise.allSettled([...this.inFlight]);
    }
    this.state = 'stopped';
    clearTimeout(this.cycleTimer);
    clearTimeout(this.probeTimer);
    await this.cycleRun;
    this.context = undefined;
    this.transport.close();
  }

  private async process(message: OutboundMessage, resent = false): Promise<SubmitResult> {
    const body: Record<string, string> = {
      from: message.sender,
      to: message.to,
      text: message.text,
      reference: message.id,
    };
    if (this.config.receiptMode === 'callback' && this.config.callbackUrl) body.callbackUrl = this.config.callbackUrl;
    let answer: ReturnType<typeof mapSubmitAnswer>;
    try {
      answer = mapSubmitAnswer(await this.api.submit(body));
    } catch (error) {
      const failure = error instanceof HttpFailure ? error : new HttpFailure(true, (error as Error).message);
      if (failure.sent) return this.unknownOutcome(message, failure.message, resent);
      this.signal('failure', `not reachable: ${failure.message}`);
      const reason = `aggregator not reachable, nothing sent: ${failure.message}`;
      return { kind: 'retry_later', delayMs: NOT_SENT_RETRY_MS, reason, cause: 'unavailable' };
    }
    if (answer.kind === 'unknown') return this.unknownOutcome(message, answer.reason, resent);
    const r = answer.result;
    if (r.kind === 'retry_later') this.signal(answer.signal, r.reason, r.delayMs);
    else this.signal(answer.signal);
    return r.kind === 'accepted' ? this.accepted(r.channelMessageIds[0] as string, message) : r;
  }

  /**
   * The request went out and no usable answer came back: the aggregator may have taken the message.
   * Found by reference: accepted under its id. Certainly not there: sent once more at once, on this
   * channel, where the reference makes a late original and the resend one message (a keep-alive
   * connection the server had just closed lands here); not there after that either: retry later.
   * Cannot tell: accepted under a placeholder, so the core never resends it, and followed up until
   * the aggregator can say.
   */
  private async unknownOutcome(message: OutboundMessage, why: string, resent: boolean): Promise<SubmitResult> {
    this.stats.unknownOutcomes++;
    let found: Awaited<ReturnType<AggregatorApi['lookup']>>;
    try {
      found = await this.api.lookup(message.id);
    } catch (error) {
      this.signal('failure', `submit outcome unknown (${why}); look-up failed: ${(error as Error).message}`);
      const placeholder = `unconfirmed:${message.id}`;
      if (this.config.receiptMode !== 'none') this.unconfirmed.add(message.id, placeholder);
      return this.accepted(placeholder, message);
    }
    if (found) {
      this.stats.foundByReference++;
      this.signal('failure', `submit answer lost: ${why}`);
      return this.accepted(found.id, message);
    }
    if (!resent) {
      this.stats.resentAfterLookup++;
      return this.process(message, true);
    }
    this.signal('failure', `submit outcome unknown: ${why}`);
    const reason = `no answer to the submit (${why}), and the aggregator has no message with this reference: nothing was sent`;
    return { kind: 'retry_later', delayMs: NOT_SENT_RETRY_MS, reason, cause: 'unavailable' };
  }

  private accepted(id: string, message: OutboundMessage): SubmitResult {
    return { kind: 'accepted', channelMessageIds: this.partIds.ids(id, message.parts) };
  }

  private signal(signal: HealthSignal, detail?: string, retryAfterMs?: number): void {
    if (this.state === 'running' || this.state === 'stopping') this.health?.record(signal, detail, retryAfterMs);
  }

  /** `GET /health`: the aggregator answers and takes traffic (not in an outage), with this token. */
  private async check(): Promise<{ signal: HealthSignal; detail?: string }> {
    try {
      const status = await this.api.health();
      if (status === 200) return { signal: 'success' };
      const detail = `health check answered HTTP ${status}`;
      return { signal: status === 401 || status === 403 ? 'refused' : 'failure', detail };
    } catch (error) {
      return { signal: 'failure', detail: `not reachable: ${(error as Error).message}` };
    }
  }

  /** While the channel is not up, probe it, so it comes back up without waiting for traffic. */
  private scheduleProbe(): void {
    if (this.probeTimer || this.state !== 'running') return;
    this.probeTimer = setTimeout(async () => {
      const { signal, detail } = await this.check();
      this.signal(signal, detail);
      this.probeTimer = undefined;
      if (this.health?.state !== 'up') this.scheduleProbe();
    }, this.config.healthProbeSeconds * 1000);
  }

  /**
   * One receipt round: poll the feed (polling mode), then follow up unconfirmed submits; then wait. A
   * failed poll counts against health, a good one does not count for it: the feed can answer while
   * submits cannot, so recovery is judged by submits and the health check.
   */
  private cycle(): void {
    // A stop waits for the round in progress, so the round ends at the next call instead of finishing.
    const active = () => this.state === 'running';
    const report = (r: Receipt) => {
      if (this.state !== 'running' && this.state !== 'stopping') return;
      for (const part of this.partIds.expand(r)) this.context?.onReceipt(part);
    };
    this.cycleRun = (async () => {
      if (this.config.receiptMode === 'polling') {
        try {
          const count = await this.poller.drain((items) => {
            for (const item of items) report(toReceipt(item));
          }, active);
          this.stats.receiptsPolled += count;
        } catch (error) {
          this.stats.pollFailures++;
          const refused = error instanceof UnexpectedAnswer && (error.status === 401 || error.status === 403);
          this.signal(refused ? 'refused' : 'failure', `receipt poll failed: ${(error as Error).message}`);
        }
      }
      if (this.unconfirmed.size > 0) await this.unconfirmed.check(report, active);
    })().finally(() => {
      this.cycleRun = undefined;
      if (this.state === 'running')
        this.cycleTimer = setTimeout(() => this.cycle(), this.config.pollIntervalSeconds * 1000);
    });
  }
}
