/**
 * smsoffice.ge's `ErrorCode` values (georgia.md §1.4), and which of our refusals each one answers.
 * Codes 404 and 900 are ours: smsoffice documents nothing for an unknown status lookup or an
 * unsupported parameter, and a client that checks `Success` handles them like any refusal.
 */
export const SmsofficeCode = {
  accepted: 0,
  foreignNumber: 10,
  insufficientBalance: 20,
  textTooLong: 40,
  contentEmpty: 60,
  destinationEmpty: 70,
  allStopped: 75,
  allInvalid: 76,
  allStoppedOrInvalid: 77,
  badKey: 80,
  badSender: 110,
  apiDisabled: 120,
  senderNotFound: 150,
  keyMissing: 500,
  destinationMissing: 600,
  senderMissing: 700,
  contentMissing: 800,
  temporary: -100,
  notFound: 404,
  unsupported: 900,
} as const;

/** Our refusal codes (namespaced, stable) → smsoffice's. Anything else is reported as temporary (−100). */
export const SMSOFFICE_CODE_OF: Readonly<Record<string, number>> = {
  'auth/invalid_api_key': SmsofficeCode.badKey,
  'accounts/organization_pending': SmsofficeCode.apiDisabled,
  'accounts/organization_suspended': SmsofficeCode.apiDisabled,
  'billing/insufficient_credit': SmsofficeCode.insufficientBalance,
  'senders/unknown': SmsofficeCode.senderNotFound,
  'senders/not_authorized': SmsofficeCode.senderNotFound,
  'routing/sender_override_not_allowed': SmsofficeCode.senderNotFound,
  'contacts/stopped': SmsofficeCode.allStopped,
  'routing/unknown_operator': SmsofficeCode.allInvalid,
  'encoding/text_too_long': SmsofficeCode.textTooLong,
  'encoding/too_many_parts': SmsofficeCode.textTooLong,
  'routing/too_long': SmsofficeCode.textTooLong,
  'validation/invalid_request': SmsofficeCode.unsupported,
};

export function smsofficeCodeOf(code: string): number {
  return SMSOFFICE_CODE_OF[code] ?? SmsofficeCode.temporary;
}
