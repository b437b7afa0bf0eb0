import type { Socket } from 'node:net';
import {
  type ChannelCapabilities,
  type ChannelContext,
  type ChannelDriver,
  type ChannelHealth,
  type OutboundMessage,
  type SubmitResult,
  unconfirmedId,
} from '@mtredi/channel-sdk';
import {
  buildSubmits,
  type DeliverSmPdu,
  EsmeClient,
  normalizeSubmitId,
  RegisteredDelivery,
  type ShortMessageBody,
  SmppNoResponseError,
  type SmppSession,
  Status,
  type SubmitSmRespPdu,
} from '@mtredi/smpp';
import { SmppDriverConfig, type SmppDriverConfigInput } from './config.js';
import { InboundHandler } from './inbound.js';
import { Pacer } from './pacer.js';
import { type StatusOutcome, StatusTable } from './status-map.js';

export interface SmppDriverOptions {
  /** Transport injection (tests); default `net.connect`. */
  connect?: (host: string, port: number) => Socket;
}

type State = 'idle' | 'running' | 'stopping' | 'stopped';
type PartResult = { ok: true; id: string } | { ok: false; outcome: StatusOutcome; retryable: boolean };

const REGISTERED_DELIVERY = {
  all: RegisteredDelivery.SUCCESS_AND_FAILURE,
  failure: RegisteredDelivery.FAILURE_ONLY,
  all_intermediate: RegisteredDelivery.SUCCESS_AND_FAILURE | RegisteredDelivery.INTERMEDIATE,
  none: RegisteredDelivery.NONE,
} as const;

/** How long the later parts of a message already partly accepted are retried before giving up. */
const PART_RETRY_DEADLINE_MS = 60_000;

/**
 * The "operator direct" channel: one SMPP 3.4 transceiver bind to the operator's SMSC. Submits go
 * through the session window at the configured rate; each submit_sm_resp status maps to accepted,
 * retry later or rejected; receipts and inbound messages come back on the same bind.
 */
export class SmppDriver implements ChannelDriver {
  readonly capabilities: ChannelCapabilities;
  readonly config: SmppDriverConfig;
  private readonly client: EsmeClient;
  private readonly inbound: InboundHandler;
  private readonly statuses: StatusTable;
  private readonly pacer: Pacer;
  private state: State = 'idle';
  private context: ChannelContext | undefined;
  private health: ChannelHealth | undefined;
  private stopping: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<SubmitResult>>();
  private reference = Math.floor(Math.random() * 0x10000);
  private unknownOutcomes = 0;

  constructor(config: SmppDriverConfigInput, options: SmppDriverOptions = {}) {
    const c = SmppDriverConfig.parse(config);
    this.config = c;
    this.capabilities = {
      maxChars: { ...c.maxChars },
      duplicateWindowSeconds: 0,
      senderPolicy: 'exact',
      receiptMode: c.receipts === 'none' ? 'none' : 'realtime',
      maxMessagesPerSecond: c.throughput,
      // Only when every final state comes back does silence mean "never received"; with failure-only
      // receipts (or none) a missing receipt is normal, so no resend may follow from it.
      ...(c.receipts === 'all' || c.receipts === 'all_intermediate'
        ? { unconfirmedWindowSeconds: c.unconfirmedWindowSeconds }
        : {}),
    };
    this.statuses = new StatusTable(c.statusOverrides, c.throttledRetryMs);
    this.pacer = new Pacer(c.throughput);
    this.inbound = new InboundHandler({
      messageIdMatching: c.messageIdMatching,
      packedGsm: c.encodings.gsm7Packed,
      reassemblyMs: c.inboundReassemblyMs,
    });
    this.client = new EsmeClient(
      {
        host: c.host,
        port: c.port,
        systemId: c.systemId,
        password: c.password,
        systemType: c.systemType,
        windowSize: c.window,
        responseTimeoutMs: c.responseTimeoutMs,
        enquireLinkIntervalMs: c.enquireLinkIntervalMs,
        backoff: { initialMs: c.reconnect.initialMs, maxMs: c.reconnect.maxMs },
        bindRefusedDelayMs: c.reconnect.bindRefusedMs,
        ...(options.connect ? { connect: options.connect } : {}),
      },
      {
        onBound: () => this.setHealth('up'),
        onDown: (reason, retryInMs) => this.setHealth('down', `${reason}; next bind attempt in ${retryInMs} ms`),
        onRequest: (pdu, session) => this.onRequest(pdu as DeliverSmPdu, session),
      },
    );
  }

  /** Counters for health pages and tests. */
  get counters() {
    return { ...this.inbound.counters, unknownOutcomes: this.unknownOutcomes };
  }

  /** The bound session, if any (tests and diagnostics). */
  get session(): SmppSession | undefined {
    return this.client.session;
  }

  async start(context: ChannelContext): Promise<void> {
    if (this.state === 'running') return;
    if (this.state !== 'idle') throw new Error('a stopped SMPP driver cannot be started again; create a new one');
    this.context = context;
    this.inbound.attach(context);
    this.state = 'running';
    this.client.start();
    const bound = await this.client.whenBound(this.config.startTimeoutMs);
    if (!bound) this.setHealth('down', this.client.lastError ?? 'not bound yet');
  }

  async submit(message: OutboundMessage): Promise<SubmitResult> {
    if (this.state !== 'running') {
      return { kind: 'retry_later', delayMs: 1000, reason: `SMPP channel ${this.state}`, cause: 'unavailable' };
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
    this.inbound.attach(undefined);
    this.context = undefined;
    this.state = 'stopped';
    await this.client.stop();
  }

  private async process(message: OutboundMessage): Promise<SubmitResult> {
    const down = this.linkDown();
    if (down) return down;
    let bodies: ShortMessageBody[];
    try {
      bodies = buildSubmits(message.sender, message.to, message.text, {
        longMessages: this.config.encodings.longMessages,
        packed: this.config.encodings.gsm7Packed,
        concatReference: this.config.encodings.concatReference,
        reference: this.nextReference(),
        registeredDelivery: REGISTERED_DELIVERY[this.config.receipts],
        minParts: message.parts,
        shortCodeTon: this.config.shortCode.ton,
        shortCodeNpi: this.config.shortCode.npi,
      });
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'smpp/encode';
      return { kind: 'rejected', code, reason: (error as Error).message };
    }
    // The first part goes alone: if it is refused nothing was accepted and the whole message can be
    // retried or rejected cleanly. The rest go together through the window.
    const first = await this.sendPart(message, bodies[0] as ShortMessageBody, 0);
    if (!first.ok) return first.outcome;
    const rest = await Promise.all(bodies.slice(1).map((body, i) => this.sendPartRetrying(message, body, i + 1)));
    const ids = [first.id];
    for (const r of rest) {
      if (!r.ok) {
        const reason = `part 1 of ${bodies.length} was accepted, a later part was not: ${r.outcome.kind === 'rejected' ? r.outcome.reason : r.outcome.reason}`;
        return { kind: 'rejected', code: r.outcome.kind === 'rejected' ? r.outcome.code : 'smpp/partial', reason };
      }
      ids.push(r.id);
    }
    if (this.health === 'degraded') this.setHealth('up');
    return { kind: 'accepted', channelMessageIds: ids };
  }

  private async sendPartRetrying(message: OutboundMessage, body: ShortMessageBody, index: number): Promise<PartResult> {
    const deadline = Date.now() + PART_RETRY_DEADLINE_MS;
    for (;;) {
      const r = await this.sendPart(message, body, index);
      if (r.ok || !r.retryable || r.outcome.kind !== 'retry_later') return r;
      const wait = Math.min(r.outcome.delayMs, 5000);
      if (Date.now() + wait > deadline || this.state === 'stopped') return r;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async sendPart(message: OutboundMessage, body: ShortMessageBody, index: number): Promise<PartResult> {
    const wait = this.pacer.reserve(Date.now());
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const session = this.client.session;
    if (!session) {
      const down = this.linkDown() ?? {
        kind: 'retry_later',
        delayMs: 1000,
        reason: 'SMPP link down',
        cause: 'unavailable',
      };
      return { ok: false, outcome: down, retryable: true };
    }
    const unconfirmed = unconfirmedId(message.id, index + 1);
    // A submit_sm_resp that comes after the timeout tells the real id: receipts under it are then
    // reported under the id the platform already holds.
    const onLate = (late: SubmitSmRespPdu) => {
      if (late.command === 'submit_sm_resp' && late.commandStatus === Status.ESME_ROK) {
        this.inbound.alias(normalizeSubmitId(late.messageId, this.config.messageIdMatching), unconfirmed);
      }
    };
    try {
      const resp = await session.request<SubmitSmRespPdu>({ command: 'submit_sm', ...body }, onLate);
      if (resp.commandStatus === Status.ESME_ROK) {
        return { ok: true, id: normalizeSubmitId(resp.messageId, this.config.messageIdMatching) };
      }
      const outcome = this.statuses.outcome(resp.commandStatus);
      if (resp.commandStatus === Status.ESME_RTHROTTLED) {
        this.pacer.pause(Date.now(), this.config.throttledRetryMs);
        this.setHealth('degraded', 'throttled by the SMSC (ESME_RTHROTTLED)');
      }
      return { ok: false, outcome, retryable: outcome.kind === 'retry_later' };
    } catch (error) {
      if (!(error instanceof SmppNoResponseError) || !error.outcomeUnknown) {
        const reason = `not sent: ${(error as Error).message}`;
        return {
          ok: false,
          outcome: { kind: 'retry_later', delayMs: 1000, reason, cause: 'unavailable' },
          retryable: true,
        };
      }
      // Timeout or connection lost with the request out: the SMSC may have taken it. Resending could
      // deliver twice, so the part counts as accepted under a placeholder id; a late response links
      // the real id to it. Otherwise the core matches its receipt by handset and text, or resends the
      // message when no receipt came within `unconfirmedWindowSeconds` (never read by the SMSC).
      this.unknownOutcomes++;
      return { ok: true, id: unconfirmed };
    }
  }

  private linkDown(): (StatusOutcome & { kind: 'retry_later' }) | undefined {
    if (this.client.session) return undefined;
    const next = this.client.nextAttemptAt;
    const delayMs = Math.max(1000, next === undefined ? 1000 : next - Date.now());
    const reason = `SMPP link down: ${this.client.lastError ?? 'binding'}`;
    return { kind: 'retry_later', delayMs, reason, cause: 'unavailable' };
  }

  private onRequest(pdu: DeliverSmPdu, session: SmppSession): void {
    if (pdu.command !== 'deliver_sm') {
      session.respond(pdu, { command: 'generic_nack', commandStatus: Status.ESME_RINVCMDID });
      return;
    }
    // Acknowledge first: the SMSC redelivers anything unacknowledged, and a parse problem is ours.
    session.respond(pdu, { command: 'deliver_sm_resp', messageId: '' });
    if (this.state === 'running' || this.state === 'stopping') this.inbound.handle(pdu);
  }

  private nextReference(): number {
    this.reference = (this.reference + 1) & 0xffff;
    return this.reference;
  }

  private setHealth(health: ChannelHealth, detail?: string): void {
    if (!this.context || this.state === 'stopped') return;
    if (health === this.health && health !== 'down') return;
    this.health = health;
    this.context.onHealth(health, detail);
  }
}
