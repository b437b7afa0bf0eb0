import { connect as netConnect, type Socket } from 'node:net';
import { INTERFACE_VERSION_34, Status, statusName } from '../constants.js';
import type { BindCommand, BindRespPdu, Pdu } from '../pdu.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import type { CloseReason } from './errors.js';
import { type SessionOptions, SmppSession } from './session.js';

export interface EsmeClientOptions extends SessionOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  /** Default `transceiver`: submits out and receipts/MO in on one bind (§2.2.1). */
  bindMode?: 'transceiver' | 'transmitter' | 'receiver';
  addrTon?: number;
  addrNpi?: number;
  addressRange?: string;
  /** TCP connect timeout. Default 10,000 ms. */
  connectTimeoutMs?: number;
  backoff?: BackoffOptions;
  /**
   * Wait after the SMSC refused the bind itself (bad credentials, already bound): retrying at once
   * would only hammer it (reference/smpp.md §2.3, 0x0D–0x0F). Default 60,000 ms.
   */
  bindRefusedDelayMs?: number;
  /** Transport injection for tests; default `net.connect`. */
  connect?: (host: string, port: number) => Socket;
}

export interface EsmeClientHandlers {
  onBound?(session: SmppSession): void;
  /** The bind was lost or could not be made; the next attempt comes in `retryInMs`. */
  onDown?(reason: string, retryInMs: number): void;
  /** A request from the SMSC (deliver_sm…); answer it with `session.respond`. */
  onRequest?(pdu: Pdu, session: SmppSession): void;
}

const BIND_COMMANDS: Record<NonNullable<EsmeClientOptions['bindMode']>, BindCommand> = {
  transceiver: 'bind_transceiver',
  transmitter: 'bind_transmitter',
  receiver: 'bind_receiver',
};

/** Bind statuses that mean "do not retry soon": the SMSC refused who we are, not a passing fault. */
const REFUSED = new Set<number>([
  Status.ESME_RBINDFAIL,
  Status.ESME_RINVPASWD,
  Status.ESME_RINVSYSID,
  Status.ESME_RALYBND,
  Status.ESME_RINVSYSTYP,
]);

/**
 * An ESME that stays bound: connects, binds with interface_version 0x34, and after any loss
 * reconnects with exponential backoff and jitter, until `stop()` unbinds it in order.
 */
export class EsmeClient {
  private current: SmppSession | undefined;
  private bound = false;
  private stopped = false;
  private started = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private nextAttempt: number | undefined;
  private socket: Socket | undefined;
  private readonly backoff: Backoff;
  private boundWaiters: (() => void)[] = [];
  /** The last reason the bind went down, for health reports. */
  lastError: string | undefined;

  constructor(
    private readonly options: EsmeClientOptions,
    private readonly handlers: EsmeClientHandlers = {},
  ) {
    this.backoff = new Backoff(options.backoff);
  }

  /** The bound session, or undefined while (re)connecting. */
  get session(): SmppSession | undefined {
    return this.bound ? this.current : undefined;
  }

  /** When the next connection attempt is due (ms since epoch), while down. */
  get nextAttemptAt(): number | undefined {
    return this.nextAttempt;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.attempt();
  }

  /** Resolves true once bound, false after `timeoutMs` without a bind. */
  whenBound(timeoutMs: number): Promise<boolean> {
    if (this.bound) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.boundWaiters = this.boundWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      this.boundWaiters.push(done);
    });
  }

  /** Unbinds in order (outstanding requests finish first) and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.nextAttempt = undefined;
    const session = this.current;
    if (session && this.bound) await session.unbind();
    else if (session) session.close('local_close');
    else this.socket?.destroy();
  }

  private attempt(): void {
    this.nextAttempt = undefined;
    if (this.stopped) return;
    const { host, port } = this.options;
    const socket = (this.options.connect ?? ((h, p) => netConnect({ host: h, port: p })))(host, port);
    this.socket = socket;
    socket.setTimeout(this.options.connectTimeoutMs ?? 10_000);
    const failConnect = (detail: string) => {
      socket.destroy();
      this.down(`connect to ${host}:${port} failed: ${detail}`, this.backoff.next());
    };
    socket.once('timeout', () => failConnect('timeout'));
    socket.once('error', (error) => failConnect(error.message));
    socket.once('connect', () => {
      socket.removeAllListeners('timeout');
      socket.removeAllListeners('error');
      socket.setTimeout(0);
      this.bind(socket);
    });
  }

  private bind(socket: Socket): void {
    const session = new SmppSession(socket, this.options, {
      onRequest: (pdu, s) => this.handlers.onRequest?.(pdu, s),
      onClose: (reason, detail) => this.onSessionClosed(session, reason, detail),
    });
    this.current = session;
    if (this.stopped) {
      session.close('local_close');
      return;
    }
    const o = this.options;
    session.send(
      {
        command: BIND_COMMANDS[o.bindMode ?? 'transceiver'],
        systemId: o.systemId,
        password: o.password,
        systemType: o.systemType ?? '',
        interfaceVersion: INTERFACE_VERSION_34,
        addrTon: o.addrTon ?? 0,
        addrNpi: o.addrNpi ?? 0,
        addressRange: o.addressRange ?? '',
      },
      (error, response) => {
        if (error || !response) {
          this.refusal = error ? `bind got no response (${error.reason})` : 'bind got no response';
          session.close('bind_failed', this.refusal);
          return;
        }
        const status = (response as BindRespPdu).commandStatus;
        if (status !== Status.ESME_ROK) {
          this.refusal = `bind refused with ${statusName(status)}`;
          this.refusedStatus = status;
          session.close('bind_failed', this.refusal);
          return;
        }
        if (this.stopped) {
          void session.unbind();
          return;
        }
        session.markBound();
        this.bound = true;
        this.lastError = undefined;
        this.backoff.reset();
        const waiters = this.boundWaiters;
        this.boundWaiters = [];
        for (const w of waiters) w();
        this.handlers.onBound?.(session);
      },
    );
  }

  private refusal: string | undefined;
  private refusedStatus: number | undefined;

  private onSessionClosed(session: SmppSession, reason: CloseReason, detail: string): void {
    if (session !== this.current) return;
    this.current = undefined;
    this.bound = false;
    const refusedStatus = this.refusedStatus;
    const refusal = this.refusal;
    this.refusal = undefined;
    this.refusedStatus = undefined;
    if (this.stopped) return;
    if (reason === 'bind_failed' && refusedStatus !== undefined && REFUSED.has(refusedStatus)) {
      this.backoff.next();
      this.down(refusal ?? detail, this.options.bindRefusedDelayMs ?? 60_000);
      return;
    }
    this.down(reason === 'bind_failed' ? (refusal ?? detail) : `${reason}: ${detail}`, this.backoff.next());
  }

  private down(reason: string, retryInMs: number): void {
    if (this.stopped) return;
    this.lastError = reason;
    this.nextAttempt = Date.now() + retryInMs;
    this.retryTimer = setTimeout(() => this.attempt(), retryInMs);
    this.handlers.onDown?.(reason, retryInMs);
  }
}
