import type { OperatorCode } from '@mtredi/sender-auth';
import type { MessageStatusValue } from '../messaging/message.entity.js';

/**
 * smsoffice.ge's wire conventions, shared by the compatible API and the `smsoffice` webhook format.
 * See the project's reference notes on smsoffice.ge (georgia.md §1): only `Pending` and `Delivered` are
 * documented status values; the others follow the same spelling.
 */
export const SMSOFFICE_STATUS: Record<MessageStatusValue, string> = {
  queued: 'Pending',
  in_transit: 'Pending',
  delivered: 'Delivered',
  undelivered: 'Undelivered',
  expired: 'Expired',
  rejected: 'Rejected',
  failed: 'Failed',
};

/** MCC 282 (Georgia) + MNC, as smsoffice's callbacks name the operator (e.g. `28202`). */
export const OPERATOR_MCC_MNC: Record<OperatorCode, string> = {
  silknet: '28201',
  magti: '28202',
  cellfie: '28204',
};

/** `+995599123456` → `995599123456`: smsoffice writes numbers without `+` or `00`. */
export function smsofficeNumber(e164: string): string {
  return e164.replace(/^\+/, '');
}

/** Tbilisi has kept UTC+4 all year since 2005. */
const TBILISI_OFFSET_MS = 4 * 60 * 60 * 1000;

/** `yyyyMMddHHmmss` in Tbilisi time, the callback timestamp format smsoffice's integrations parse. */
export function smsofficeTimestamp(at: Date): string {
  const local = new Date(at.getTime() + TBILISI_OFFSET_MS).toISOString();
  return local.slice(0, 19).replace(/[-T:]/g, '');
}
