/**
 * SMPP 3.4 command_status values the simulator answers with (SMPP 3.4 §5.1.3; retry advice in
 * /work/shared/reference/smpp.md §2.3). Names are accepted with or without the `ESME_` prefix.
 */
export const SMPP_STATUS = {
  ESME_ROK: 0x00,
  ESME_RINVMSGLEN: 0x01,
  ESME_RSYSERR: 0x08,
  ESME_RINVSRCADR: 0x0a,
  ESME_RINVDSTADR: 0x0b,
  ESME_RMSGQFUL: 0x14,
  ESME_RINVESMCLASS: 0x43,
  ESME_RSUBMITFAIL: 0x45,
  ESME_RTHROTTLED: 0x58,
  ESME_RINVSCHED: 0x61,
  ESME_RX_T_APPN: 0x64,
  ESME_RX_P_APPN: 0x65,
  ESME_RX_R_APPN: 0x66,
  ESME_RDELIVERYFAILURE: 0xfe,
  ESME_RUNKNOWNERR: 0xff,
} as const;

export type SmppStatusName = keyof typeof SMPP_STATUS;

const byCode = new Map<number, SmppStatusName>(
  Object.entries(SMPP_STATUS).map(([name, code]) => [code, name as SmppStatusName]),
);

/** `RINVDSTADR` or `ESME_RINVDSTADR` → 0x0B; undefined for a name the table does not hold. */
export function smppStatusFromName(name: string): number | undefined {
  const upper = name.toUpperCase();
  const key = upper.startsWith('ESME_') ? upper : `ESME_${upper}`;
  return (SMPP_STATUS as Record<string, number>)[key];
}

/** The status name when known, otherwise the code as 8 hex digits (`0x000000FE`), as SMPP logs print it. */
export function smppStatusName(code: number): string {
  return byCode.get(code) ?? `0x${code.toString(16).toUpperCase().padStart(8, '0')}`;
}
