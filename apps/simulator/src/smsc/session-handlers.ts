import type { OperatorSimulator, SmppBehaviour } from '@mtredi/operator-sim';
import {
  type BindPdu,
  decodeShortMessage,
  platformAddress,
  type SmppSession,
  Status,
  type SubmitSmPdu,
  statusFromName,
} from '@mtredi/smpp';
import type { WireIds } from './ids.js';
import type { SubmitRecords } from './records.js';
import type { SmscStats } from './smsc.js';

/** One ESME connection as the SMSC sees it. */
export interface SmscSession {
  session: SmppSession;
  connectedAt: Date;
  systemId?: string;
  bindMode?: 'transceiver' | 'transmitter' | 'receiver';
  submits: number;
}

export interface SmscEnv {
  behaviour: SmppBehaviour;
  random: () => number;
  simulator: OperatorSimulator;
  ids: WireIds;
  records: SubmitRecords;
  stats: SmscStats;
  sessions: ReadonlyMap<number, SmscSession>;
  onBound(systemId: string): void;
  sendIntermediate(engineId: string): void;
}

const status = (value: number | string): number => statusFromName(value) ?? Status.ESME_RSYSERR;

/** bind_* (§4.1): refused, ignored or accepted as the scenario says; credentials checked when accounts are set. */
export function handleBind(env: SmscEnv, ctx: SmscSession, pdu: BindPdu): void {
  const { behaviour: b, session } = { behaviour: env.behaviour, session: ctx.session };
  const resp = `${pdu.command}_resp` as const;
  if (b.bind === 'ignore') {
    env.stats.bindsIgnored++;
    return;
  }
  const refuse = (commandStatus: number) => {
    env.stats.bindsRefused++;
    session.respond(pdu, { command: resp, systemId: '', commandStatus });
  };
  const account = b.accounts.find((a) => a.systemId === pdu.systemId);
  let refusal: number | undefined;
  if (b.bind !== 'accept') refusal = status(b.bind.status);
  else if (ctx.systemId !== undefined) refusal = Status.ESME_RALYBND;
  else if (b.accounts.length > 0 && !account) refusal = Status.ESME_RINVSYSID;
  else if (account && account.password !== pdu.password) refusal = Status.ESME_RINVPASWD;
  if (refusal !== undefined) {
    refuse(refusal);
    return;
  }
  env.stats.bindsAccepted++;
  ctx.systemId = pdu.systemId;
  ctx.bindMode = pdu.command.slice(5) as SmscSession['bindMode'];
  session.respond(pdu, { command: resp, systemId: 'MTREDISIM', tlvs: { scInterfaceVersion: 0x34 } });
  session.markBound();
  env.onBound(pdu.systemId);
}

/** submit_sm (§4.4): the scenario's faults first, then the engine's decision, answered after its latency. */
export function handleSubmit(env: SmscEnv, ctx: SmscSession, pdu: SubmitSmPdu): void {
  const { behaviour: b, session, stats } = { behaviour: env.behaviour, session: ctx.session, stats: env.stats };
  if (ctx.systemId === undefined || ctx.bindMode === 'receiver') {
    session.respond(pdu, { command: 'submit_sm_resp', messageId: '', commandStatus: Status.ESME_RINVBNDSTS });
    return;
  }
  ctx.submits++;
  stats.submits++;
  if (b.dropAfterSubmits !== undefined && ctx.submits >= b.dropAfterSubmits) {
    // Submits parsed from the same read after the drop are not a second drop.
    if (!session.socket.destroyed) {
      stats.connectionsDropped++;
      stats.lastDrop = { sessionSubmits: ctx.submits, acceptedBefore: env.simulator.stats().accepted };
      session.socket.destroy();
    }
    return;
  }
  if (b.swallowProbability > 0 && env.random() < b.swallowProbability) {
    stats.submitsSwallowed++;
    return;
  }
  if (b.genericNack && env.random() < b.genericNack.probability) {
    stats.genericNacks++;
    session.writeRaw({
      command: 'generic_nack',
      commandStatus: status(b.genericNack.status),
      sequenceNumber: b.genericNack.withSequence ? pdu.sequenceNumber : 0,
    });
    return;
  }
  let text = '';
  try {
    text = decodeShortMessage(pdu, { packedGsm: b.gsm7Packed }).text;
  } catch {
    text = '';
  }
  const to = platformAddress(pdu.destAddrTon, pdu.destinationAddr);
  const decision = env.simulator.submit({ to, from: pdu.sourceAddr, text, parts: 1 });
  let respond: () => void;
  if (decision.kind === 'accepted') {
    const engineId = decision.messageIds[0] as string;
    const wire = env.ids.wireNumber(engineId);
    const record = {
      engineId,
      wire,
      systemId: ctx.systemId,
      sessionId: session.id,
      registeredDelivery: pdu.registeredDelivery,
      sourceTon: pdu.sourceAddrTon,
      sourceNpi: pdu.sourceAddrNpi,
      source: pdu.sourceAddr,
      destTon: pdu.destAddrTon,
      destNpi: pdu.destAddrNpi,
      dest: pdu.destinationAddr,
      text,
      submittedAt: new Date(),
    };
    env.records.add(record);
    const messageId = env.ids.format(wire, b.receipts.idFormat);
    respond = () => {
      session.respond(pdu, { command: 'submit_sm_resp', messageId });
      if (b.receipts.intermediate) env.sendIntermediate(engineId);
    };
    if (b.receipts.beforeResponse) {
      const send = respond;
      let sent = false;
      respond = () => {
        if (sent) return;
        sent = true;
        send();
      };
      (record as { heldResponse?: () => void }).heldResponse = respond;
      setTimeout(respond, 5000).unref();
      return;
    }
  } else {
    const commandStatus = decision.kind === 'unavailable' ? Status.ESME_RSYSERR : decision.status;
    respond = () => session.respond(pdu, { command: 'submit_sm_resp', messageId: '', commandStatus });
  }
  if (decision.respondAfterMs > 0) setTimeout(respond, decision.respondAfterMs);
  else respond();
}
