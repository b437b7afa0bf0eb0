import type { MessageStatusEvent } from '@mtredi/api-contract';
import type { OperatorCode } from '@mtredi/sender-auth';
import { OPERATOR_MCC_MNC, SMSOFFICE_STATUS, smsofficeNumber, smsofficeTimestamp } from '../compat/smsoffice-format.js';
import type { StatusChange } from '../messaging/status-events.js';

/** The version-1 JSON body of a `mtredi` delivery. */
export function messageStatusEvent(eventId: string, change: StatusChange, createdAt: Date, test = false) {
  const event: MessageStatusEvent = {
    version: 1,
    type: 'message.status',
    id: eventId,
    createdAt: createdAt.toISOString(),
    test,
    data: {
      messageId: change.messageId,
      reference: change.reference,
      to: change.to,
      status: change.status,
      errorCode: change.errorCode,
      at: change.at.toISOString(),
    },
  };
  return event;
}

/**
 * The GET parameters of smsoffice.ge's status callback (reference, status, reason, destination, timestamp,
 * operator), as the integrations written for it read them. See georgia.md §1.7.
 */
export function smsofficeCallback(change: StatusChange, operator: OperatorCode | null): Record<string, string> {
  return {
    reference: change.reference ?? '',
    status: SMSOFFICE_STATUS[change.status],
    reason: change.errorCode ?? '',
    destination: smsofficeNumber(change.to),
    timestamp: smsofficeTimestamp(change.at),
    operator: operator ? OPERATOR_MCC_MNC[operator] : '',
  };
}

/** What "send test event" sends: shaped like a real event, marked as a test, about no real message. */
export function testChange(organizationId: string, now: Date): StatusChange {
  return {
    messageId: '00000000-0000-4000-8000-000000000000',
    organizationId,
    reference: 'test',
    to: '+995599000000',
    status: 'delivered',
    errorCode: null,
    at: now,
  };
}
