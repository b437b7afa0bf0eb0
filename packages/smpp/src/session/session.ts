import type { Socket } from 'node:net';
import { PduDecodeError } from '../codec/decode.js';
import { PduEncoder } from '../codec/encode.js';
import { PduFramer } from '../codec/framer.js';
import { RESPONSE_BIT, Status } from '../constants.js';
import type { Pdu, RequestPdu, ResponsePdu, Unsequenced } from '../pdu.js';
import { type CloseReason, SmppNoResponseError } from './errors.js';
import { type LateCallback, type ResponseCallback, ResponseWindow } from './window.js';

export interface SessionOptions {
  /** Requests sent and not yet answered, at most (SMPP 5.0 §2.9 "window"). Default 10. */
  windowSize?: number;
  /** A request unanswered this long fails as an unknown outcome. Default 10,000 ms. */
  responseTimeoutMs?: number;
  /**
   * Send enquire_link after this long without receiving anything (§4.11); an unanswered one declares
   * the link dead. 0 turns it off. Default 30,000 ms (Kannel and Jasmin use 30 s).
   */
  enquireLinkIntervalMs?: number;
  /** Largest command_length accepted from the peer. Default 64 KiB. */
  maxPduLength?: number;
  /**
   * Asked for each enquire_link from the peer; false leaves it unanswered (SMSC simulators drilling an
   * ESME's watchdog). Default: always answer.
   */
  answerEnquireLink?: () => boolean;
}

export interface SessionHandlers {
  /**
   * A request from the peer. enquire_link and unbind are answered by the session; everything else
   * must be answered with `session.respond`.
   */
  onRequest?(pdu: Pdu, session: SmppSession): void;
  /** The session ended; it is not reusable. */
  onClose?(reason: CloseReason, detail: string, session: SmppSession): void;
}

export type SessionState = 'open' | 'bound' | 'unbinding' | 'closed';

export interface SessionStats {
  requestsSent: number;
  responsesReceived: number;
  requestsReceived: number;
  timeouts: number;
  /** Responses that came after their request timed out, or that match no request. */
  strayResponses: number;
}

interface Waiting {
  pdu: Unsequenced<RequestPdu>;
  callback: ResponseCallback;
  onLate: LateCallback | undefined;
}

let nextSessionId = 0;

/**
 * One SMPP connection, either side (ESME or SMSC). It numbers requests, keeps at most `windowSize`
 * of them outstanding (the rest wait in order), fails each unanswered one after `responseTimeoutMs`
 * as an unknown outcome, answers enquire_link and unbind, sends enquire_link when idle and closes a
 * link whose enquire_link goes unanswered. Outgoing PDUs written in one tick go out in one socket write.
 */
export class SmppSession {
  readonly id = ++nextSessionId;
  readonly stats: SessionStats = {
    requestsSent: 0,
    responsesReceived: 0,
    requestsReceived: 0,
    timeouts: 0,
    strayResponses: 0,
  };
  private stateValue: SessionState = 'open';
  private sequence = 0;
  private readonly encoder = new PduEncoder();
  private readonly framer: PduFramer;
  private readonly window: ResponseWindow;
  private readonly windowSize: number;
  private readonly responseTimeoutMs: number;
  private readonly answerEnquireLink: (() => boolean) | undefined;
  private readonly waiting: Waiting[] = [];
  private waitingHead = 0;
  private flushScheduled = false;
  private receivedSinceTick = true;
  private enquireOutstanding = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private drainWaiters: (() => void)[] = [];
  private closeWaiters: (() => void)[] = [];

  constructor(
    readonly socket: Socket,
    options: SessionOptions = {},
    private readonly handlers: SessionHandlers = {},
  ) {
    this.windowSize = Math.max(1, options.windowSize ?? 10);
    this.responseTimeoutMs = options.responseTimeoutMs ?? 10_000;
    this.answerEnquireLink = options.answerEnquireLink;
    this.window = new ResponseWindow(this.responseTimeoutMs);
    this.framer = new PduFramer(options.maxPduLength);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.close('socket_error', error.message));
    socket.on('close', () => this.close('peer_closed', 'connection closed'));
    socket.on('end', () => this.close('peer_closed', 'peer ended the connection'));
    const sweepMs = Math.max(20, Math.min(1000, this.responseTimeoutMs / 5));
    this.timers.push(setInterval(() => this.expire(), sweepMs).unref());
    const enquireMs = options.enquireLinkIntervalMs ?? 30_000;
    if (enquireMs > 0) this.timers.push(setInterval(() => this.keepAlive(), enquireMs).unref());
  }

  get state(): SessionState {
    return this.stateValue;
  }

  /** Requests sent and awaiting a response. */
  get outstanding(): number {
    return this.window.size;
  }

  /** Requests waiting for room in the window. */
  get queued(): number {
    return this.waiting.length - this.waitingHead;
  }

  /** Marks the bind as done (the bind_resp was OK); only informative for the session itself. */
  markBound(): void {
    if (this.stateValue === 'open') this.stateValue = 'bound';
  }

  /**
   * Sends a request through the window. The callback gets the response (any command_status; a
   * generic_nack for it counts as its response) or an SmppNoResponseError. `onLate` gets a response
   * that arrives after the timeout on this same session, so an unknown outcome can still be learned.
   */
  send(pdu: Unsequenced<RequestPdu>, callback: ResponseCallback, onLate?: LateCallback): void {
    if (this.stateValue === 'closed' || this.stateValue === 'unbinding') {
      callback(new SmppNoResponseError('not_sent', `session ${this.stateValue}`));
      return;
    }
    if (this.window.size < this.windowSize && this.queued === 0) this.transmit(pdu, callback, onLate);
    else this.waiting.push({ pdu, callback, onLate });
  }

  /** `send` as a promise; rejects only with SmppNoResponseError. */
  request<R extends ResponsePdu = ResponsePdu>(
    pdu: Unsequenced<RequestPdu>,
    onLate?: (response: R) => void,
  ): Promise<R> {
    return new Promise((resolve, reject) => {
      this.send(pdu, (error, response) => (error ? reject(error) : resolve(response as R)), onLate as LateCallback);
    });
  }

  /** Answers a request from the peer with the same sequence_number. */
  respond(request: Pdu, response: Unsequenced<ResponsePdu>): void {
    if (this.stateValue === 'closed') return;
    this.write({
      ...response,
      commandStatus: response.commandStatus ?? 0,
      sequenceNumber: request.sequenceNumber,
    } as Pdu);
  }

  /** Writes a fully formed PDU as is (simulators: generic_nack without sequence, raw faults). */
  writeRaw(pdu: Pdu): void {
    if (this.stateValue !== 'closed') this.write(pdu);
  }

  /**
   * Orderly end (§4.2): refuse new requests, let queued and outstanding ones finish, send unbind, wait
   * for unbind_resp (at most the response timeout), close.
   */
  async unbind(): Promise<void> {
    if (this.stateValue === 'closed') return;
    if (this.stateValue !== 'unbinding') {
      this.stateValue = 'unbinding';
      if (this.window.size > 0 || this.queued > 0) await new Promise<void>((r) => this.drainWaiters.push(r));
      if (this.stateValue !== 'unbinding') return;
      this.transmit({ command: 'unbind' }, () => this.close('unbound', 'unbind complete'));
    }
    await this.closed();
  }

  /** Resolves when the session has closed. */
  closed(): Promise<void> {
    if (this.stateValue === 'closed') return Promise.resolve();
    return new Promise((resolve) => this.closeWaiters.push(resolve));
  }

  /** Ends the session at once: outstanding requests fail as `connection_lost`, queued ones as `not_sent`. */
  close(reason: CloseReason, detail: string = reason): void {
    if (this.stateValue === 'closed') return;
    this.stateValue = 'closed';
    for (const t of this.timers) clearInterval(t);
    this.flush();
    if (reason === 'unbound' || reason === 'unbound_by_peer') this.socket.end();
    else this.socket.destroy();
    // Give the FIN a moment, then make sure the socket is gone even if the peer never closes.
    setTimeout(() => this.socket.destroy(), 1000).unref();
    const queued = this.waiting.slice(this.waitingHead);
    this.waiting.length = 0;
    this.waitingHead = 0;
    this.window.failAll('connection_lost', detail);
    for (const w of queued) w.callback(new SmppNoResponseError('not_sent', `session closed: ${detail}`));
    this.releaseDrainWaiters();
    const waiters = this.closeWaiters;
    this.closeWaiters = [];
    for (const w of waiters) w();
    this.handlers.onClose?.(reason, detail, this);
  }

  private transmit(pdu: Unsequenced<RequestPdu>, callback: ResponseCallback, onLate?: LateCallback): void {
    // sequence_number runs 1..0x7FFFFFFF and wraps (§3.2: "monotonically increasing").
    this.sequence = this.sequence >= 0x7fffffff ? 1 : this.sequence + 1;
    const full = { ...pdu, commandStatus: 0, sequenceNumber: this.sequence } as Pdu;
    try {
      this.write(full);
    } catch (error) {
      callback(new SmppNoResponseError('not_sent', (error as Error).message));
      return;
    }
    this.stats.requestsSent++;
    this.window.add(this.sequence, pdu.command, callback, Date.now(), onLate);
  }

  private write(pdu: Pdu): void {
    this.encoder.encode(pdu);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      process.nextTick(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const bytes = this.encoder.take();
    if (bytes && !this.socket.destroyed) this.socket.write(bytes);
  }

  private pump(): void {
    while (this.queued > 0 && this.window.size < this.windowSize && this.stateValue !== 'closed') {
      const next = this.waiting[this.waitingHead] as Waiting;
      this.waiting[this.waitingHead++] = undefined as unknown as Waiting;
      if (this.waitingHead > 1024 && this.waitingHead * 2 > this.waiting.length) {
        this.waiting.splice(0, this.waitingHead);
        this.waitingHead = 0;
      }
      this.transmit(next.pdu, next.callback, next.onLate);
    }
    if (this.window.size === 0 && this.queued === 0) this.releaseDrainWaiters();
  }

  private releaseDrainWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  private onData(chunk: Buffer): void {
    this.receivedSinceTick = true;
    try {
      this.framer.push(
        chunk,
        (pdu) => this.onPdu(pdu),
        (error) => this.onBadPdu(error),
      );
    } catch (error) {
      this.write({ command: 'generic_nack', commandStatus: Status.ESME_RINVCMDLEN, sequenceNumber: 0 });
      this.close('framing_error', (error as Error).message);
    }
  }

  private onPdu(pdu: Pdu): void {
    if (this.stateValue === 'closed') return;
    const isResponse =
      pdu.command === 'unknown'
        ? (pdu.commandId & RESPONSE_BIT) !== 0
        : pdu.command.endsWith('_resp') || pdu.command === 'generic_nack';
    if (isResponse) {
      this.stats.responsesReceived++;
      if (!this.window.resolve(pdu)) this.stats.strayResponses++;
      this.pump();
      return;
    }
    this.stats.requestsReceived++;
    switch (pdu.command) {
      case 'enquire_link':
        if (this.answerEnquireLink?.() !== false) this.respond(pdu, { command: 'enquire_link_resp' });
        return;
      case 'unbind':
        this.respond(pdu, { command: 'unbind_resp' });
        this.close('unbound_by_peer', 'peer sent unbind');
        return;
      case 'unknown':
        this.respond(pdu, { command: 'generic_nack', commandStatus: Status.ESME_RINVCMDID });
        return;
      default:
        if (this.handlers.onRequest) this.handlers.onRequest(pdu, this);
        else this.respond(pdu, { command: 'generic_nack', commandStatus: Status.ESME_RINVCMDID });
    }
  }

  private onBadPdu(error: unknown): void {
    if (!(error instanceof PduDecodeError)) return;
    if ((error.commandId & RESPONSE_BIT) !== 0) {
      // An unreadable response still answers its request, with the status it carried or a system error.
      this.window.resolve({
        command: 'generic_nack',
        commandStatus: error.status,
        sequenceNumber: error.sequenceNumber,
      });
      this.pump();
      return;
    }
    this.write({ command: 'generic_nack', commandStatus: error.status, sequenceNumber: error.sequenceNumber });
  }

  private expire(): void {
    const n = this.window.expire(Date.now());
    if (n > 0) {
      this.stats.timeouts += n;
      this.pump();
    }
  }

  private keepAlive(): void {
    if (this.stateValue !== 'bound' && this.stateValue !== 'open') return;
    if (this.receivedSinceTick) {
      this.receivedSinceTick = false;
      return;
    }
    if (this.enquireOutstanding) return;
    this.enquireOutstanding = true;
    // Sent outside the window: a full window of stuck submits is exactly when the link must be probed.
    this.transmit({ command: 'enquire_link' }, (error) => {
      this.enquireOutstanding = false;
      if (error?.reason === 'timeout') this.close('link_dead', 'enquire_link unanswered');
    });
  }
}
