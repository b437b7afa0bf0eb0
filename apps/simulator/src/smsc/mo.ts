import type { SmppBehaviour } from '@mtredi/operator-sim';
import { buildSubmits, type DeliverSmPdu, type Unsequenced } from '@mtredi/smpp';

/**
 * Mobile-originated deliver_sm PDUs (§4.6.1) for a text from a handset: GSM-7 or UCS-2 by the
 * encoding engine, concatenated by UDH, SAR or message_payload as the scenario says. No receipt is
 * requested (registered_delivery 0).
 */
export function moPdus(
  from: string,
  to: string,
  text: string,
  longMessages: SmppBehaviour['moLongMessages'],
  reference: number,
): Unsequenced<DeliverSmPdu>[] {
  return buildSubmits(from, to, text, { longMessages, reference, registeredDelivery: 0 }).map((body) => ({
    ...body,
    command: 'deliver_sm' as const,
  }));
}
