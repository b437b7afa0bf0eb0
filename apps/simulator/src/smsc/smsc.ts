import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import {
  mulberry32,
  type OperatorSimulator,
  type Scenario,
  type SimReceipt,
  type SimReply,
  SmppBehaviour,
} from '@mtredi/operator-sim';
import { type Pdu, SmppSession } from '@mtredi/smpp';
import { DeliveryRouter } from './delivery.js';
import { WireIds } from './ids.js';
import { moPdus } from './mo.js';
import { receiptPdu, type WireState } from './receipt-pdu.js';
import { SubmitRecords } from './records.js';
import { handleBind, handleSubmit, type SmscSession } from './session-handlers.js';

export interface SmscOptions {
  /** Default 2775; 0 picks a free port. The SMSC listens on 127.0.0.1 only. */
  port?: number;
  /** How many receipts and MO wait for an ESME to bind, per system_id. Default 100,000. */
  queueLimit?: number;
}

export interface SmscStats {
  connections: number;
  connectionsRefused: number;
  bindsAccepted: number;
  bindsRefused: number;
  bindsIgnored: number;
  submits: number;
  submitsSwallowed: number;
  genericNacks: number;
  connectionsDropped: number;
  /**
   * The last connection the scenario dropped: how many submits that session had sent (the one that
   * triggered the drop included) and how many submits the operator had accepted by then. Read after the
   * fact, this does not move with what later sessions send.
   */
  lastDrop: { sessionSubmits: number; acceptedBefore: number } | null;
  receiptsSent: number;
  receiptsDuplicated: number;
  intermediateSent: number;
  receiptsQueued: number;
  moSent: number;
  enquireLinksIgnored: number;
}

export interface SmscSessionInfo {
  id: number;
  systemId: string | null;
  bindMode: string | null;
  remote: string;
  connectedAt: string;
  submits: number;
  outstanding: number;
}

const DEFAULT_BEHAVIOUR = SmppBehaviour.parse({});

/**
 * The simulator's SMPP 3.4 SMSC: binds by the scenario's accounts, answers submits with the engine's
 * decisions, sends receipts and MO as deliver_sm, and misbehaves as the scenario's `smpp` section says.
 */
export class SmscServer {
  readonly stats: SmscStats = {
    connections: 0,
    connectionsRefused: 0,
    bindsAccepted: 0,
    bindsRefused: 0,
    bindsIgnored: 0,
    submits: 0,
    submitsSwallowed: 0,
    genericNacks: 0,
    connectionsDropped: 0,
    lastDrop: null,
    receiptsSent: 0,
    receiptsDuplicated: 0,
    intermediateSent: 0,
    receiptsQueued: 0,
    moSent: 0,
    enquireLinksIgnored: 0,
  };
  readonly ids = new WireIds();
  readonly records = new SubmitRecords();
  private readonly server: Server;
  private readonly sessions = new Map<number, SmscSession>();
  private readonly router: DeliveryRouter;
  private port: number;
  private listening = false;
  private closed = false;
  private scenarioSeen: Scenario | undefined;
  private random: () => number = Math.random;
  private reference = 0;
  private readonly unsubscribe: (() => void)[] = [];
  private syncTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly simulator: OperatorSimulator,
    options: SmscOptions = {},
  ) {
    this.port = options.port ?? 2775;
    this.router = new DeliveryRouter(this.sessions, () => this.stats.receiptsQueued++, options.queueLimit);
    this.server = createServer((socket) => this.accept(socket));
    this.unsubscribe.push(
      simulator.onReceipt((r) => this.onEngineReceipt(r)),
      simulator.onReply((r) => this.onEngineReply(r)),
      simulator.onAvailability(() => void this.sync()),
    );
  }

  /** The behaviour in force (the scenario's `smpp` section, defaults filled in). */
  get behaviour(): SmppBehaviour {
    const scenario = this.simulator.currentScenario;
    if (scenario !== this.scenarioSeen) {
      this.scenarioSeen = scenario;
      // Faults draw from their own stream, seeded by the scenario, so a run is reproducible.
      this.random = mulberry32((scenario.seed ^ 0x5a5a5a5a) >>> 0);
    }
    return scenario.smpp ?? DEFAULT_BEHAVIOUR;
  }

  /** The port in use (the real one when started with 0). */
  get address(): { host: string; port: number } {
    return { host: '127.0.0.1', port: this.port };
  }

  async start(): Promise<void> {
    await this.sync();
    // Scenario switches through any front end reach the listener within 100 ms.
    this.syncTimer = setInterval(() => void this.sync(), 100);
    this.syncTimer.unref();
  }

  /** Opens or closes the port to match the scenario (outage = refused connections). */
  async sync(): Promise<void> {
    if (this.closed) return;
    const b = this.behaviour;
    const refuse = b.refuseConnections || (!this.simulator.isAvailable() && b.outageMode === 'refuse_connections');
    if (refuse && this.listening) {
      this.listening = false;
      this.kill();
      await new Promise<void>((resolve) => this.server.close(() => resolve()));
    } else if (!refuse && !this.listening) {
      this.listening = true;
      await new Promise<void>((resolve, reject) => {
        this.server.once('error', reject);
        this.server.listen(this.port, '127.0.0.1', () => {
          this.server.off('error', reject);
          this.port = (this.server.address() as AddressInfo).port;
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.syncTimer) clearInterval(this.syncTimer);
    for (const off of this.unsubscribe) off();
    this.kill();
    if (this.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.listening = false;
  }

  list(): SmscSessionInfo[] {
    return [...this.sessions.values()].map((s) => ({
      id: s.session.id,
      systemId: s.systemId ?? null,
      bindMode: s.bindMode ?? null,
      remote: `${s.session.socket.remoteAddress}:${s.session.socket.remotePort}`,
      connectedAt: s.connectedAt.toISOString(),
      submits: s.submits,
      outstanding: s.session.outstanding,
    }));
  }

  /** Drops connections at once (all, or one by id), requests in flight included. Returns how many. */
  kill(id?: number): number {
    let n = 0;
    for (const s of this.sessions.values()) {
      if (id !== undefined && s.session.id !== id) continue;
      s.session.socket.destroy();
      n++;
    }
    return n;
  }

  /** Sends unbind (§4.2) to bound sessions; with `wait` false the connection closes without waiting for unbind_resp. */
  unbind(id?: number, wait = true): number {
    let n = 0;
    for (const s of this.sessions.values()) {
      if (id !== undefined && s.session.id !== id) continue;
      const session = s.session;
      n++;
      session.send({ command: 'unbind' }, () => session.close('unbound'));
      if (!wait) setImmediate(() => session.close('local_close', 'unbind sent, not waiting for unbind_resp'));
    }
    return n;
  }

  /** Sends a mobile-originated text to the ESME bound as `systemId` (default: the first bound one). */
  injectMo(mo: {
    from: string;
    to: string;
    text: string;
    systemId?: string;
    longMessages?: SmppBehaviour['moLongMessages'];
  }): number {
    const systemId = mo.systemId ?? [...this.sessions.values()].find((s) => s.systemId)?.systemId;
    if (systemId === undefined) return 0;
    this.reference = (this.reference + 1) & 0xff;
    const pdus = moPdus(mo.from, mo.to, mo.text, mo.longMessages ?? this.behaviour.moLongMessages, this.reference);
    for (const pdu of pdus) this.router.deliver(systemId, pdu);
    this.stats.moSent += pdus.length;
    return pdus.length;
  }

  /** Sends a receipt now for an id the SMSC gave in a submit_sm_resp; false when the id is unknown. */
  triggerReceipt(messageId: string, state: WireState, errorCode?: string): boolean {
    const format = this.behaviour.receipts.idFormat;
    const wire = this.ids.parse(messageId, format.base) ?? this.ids.parse(messageId, format.base === 16 ? 10 : 16);
    const record = wire === undefined ? undefined : this.records.get(this.ids.engineId(wire));
    if (!record) return false;
    this.sendReceipt(record.engineId, state, errorCode, new Date());
    return true;
  }

  private accept(socket: Socket): void {
    if (!this.listening) {
      this.stats.connectionsRefused++;
      socket.destroy();
      return;
    }
    this.stats.connections++;
    const ctx: SmscSession = {
      session: undefined as unknown as SmppSession,
      connectedAt: new Date(),
      submits: 0,
    };
    ctx.session = new SmppSession(
      socket,
      {
        windowSize: 100,
        enquireLinkIntervalMs: 60_000,
        answerEnquireLink: () => {
          const answer = this.behaviour.answerEnquireLink;
          if (!answer) this.stats.enquireLinksIgnored++;
          return answer;
        },
      },
      {
        onRequest: (pdu: Pdu) => this.onRequest(ctx, pdu),
        onClose: () => this.sessions.delete(ctx.session.id),
      },
    );
    this.sessions.set(ctx.session.id, ctx);
  }

  private onRequest(ctx: SmscSession, pdu: Pdu): void {
    const env = {
      behaviour: this.behaviour,
      random: this.random,
      simulator: this.simulator,
      ids: this.ids,
      records: this.records,
      stats: this.stats,
      sessions: this.sessions,
      onBound: (systemId: string) => this.router.flush(systemId),
      sendIntermediate: (engineId: string) => this.sendReceipt(engineId, 'enroute', undefined, new Date()),
    };
    switch (pdu.command) {
      case 'bind_transceiver':
      case 'bind_transmitter':
      case 'bind_receiver':
        handleBind(env, ctx, pdu);
        return;
      case 'submit_sm':
        handleSubmit(env, ctx, pdu);
        return;
      default:
        ctx.session.respond(pdu, { command: 'generic_nack', commandStatus: 0x03 });
    }
  }

  private onEngineReceipt(r: SimReceipt): void {
    this.sendReceipt(r.messageId, r.state, r.errorCode, r.doneAt);
  }

  private sendReceipt(engineId: string, state: WireState, errorCode: string | undefined, doneAt: Date): void {
    const record = this.records.get(engineId);
    if (!record) return;
    const held = record.heldResponse;
    record.heldResponse = undefined;
    // registered_delivery bits 1–0 (§5.2.17): 0 no receipt, 2 failures only; bit 4 intermediate.
    const wanted = record.registeredDelivery & 0x03;
    const send =
      state === 'enroute'
        ? wanted !== 0 || (record.registeredDelivery & 0x10) !== 0
        : wanted === 1 || wanted === 3 || (wanted === 2 && state !== 'delivered');
    if (send) {
      const style = this.behaviour.receipts;
      const pdu = receiptPdu(record, state, errorCode, doneAt, style, this.ids);
      this.router.deliver(record.systemId, pdu, record.sessionId);
      if (state === 'enroute') this.stats.intermediateSent++;
      else {
        this.stats.receiptsSent++;
        if (style.duplicateProbability > 0 && this.random() < style.duplicateProbability) {
          this.router.deliver(record.systemId, pdu, record.sessionId);
          this.stats.receiptsDuplicated++;
        }
      }
    }
    held?.();
  }

  private onEngineReply(reply: SimReply): void {
    const record = this.records.get(reply.inReplyTo);
    if (!record) return;
    this.injectMo({ from: reply.from, to: reply.to, text: reply.text, systemId: record.systemId });
  }
}
