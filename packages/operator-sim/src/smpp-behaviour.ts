import { z } from 'zod';

/** An SMPP command_status given as a number or a name; resolved by the SMPP front end. */
const Status = z.union([z.number().int().positive(), z.string().min(1)]);
const Probability = z.number().min(0).max(1);

/** How the SMSC writes message ids (reference/smpp.md §2.9: hex vs decimal, padding, case). */
export const SmppIdFormat = z.strictObject({
  base: z.union([z.literal(10), z.literal(16)]).default(16),
  letterCase: z.enum(['upper', 'lower']).default('upper'),
  /** Left-pad with zeros to this many characters; 0 = no padding. */
  padTo: z.number().int().min(0).max(64).default(0),
});
export type SmppIdFormat = z.infer<typeof SmppIdFormat>;

export const SmppAccount = z.strictObject({ systemId: z.string().min(1).max(15), password: z.string().max(8) });

/**
 * Receipt habits of the simulated SMSC: id formats (submit_sm_resp vs receipt, like Kannel's
 * msg-id-type), text and/or TLVs, `Text:`/`text:`, 10/12-digit dates, duplicates, a receipt before the
 * submit_sm_resp, and an intermediate ENROUTE notification before the final one.
 */
export const SmppReceiptStyle = z.strictObject({
  idFormat: SmppIdFormat.default({ base: 16, letterCase: 'upper', padTo: 0 }),
  /** Format of the id inside receipts; absent = same as `idFormat`. */
  receiptIdFormat: SmppIdFormat.optional(),
  /** `both` (default): text and TLVs; `text`: Appendix B text only; `tlv`: TLVs with no text. */
  content: z.enum(['both', 'text', 'tlv']).default('both'),
  textLabel: z.enum(['Text', 'text', 'none']).default('Text'),
  dateDigits: z.union([z.literal(10), z.literal(12)]).default(10),
  /** Probability that a final receipt is sent twice. */
  duplicateProbability: Probability.default(0),
  /** Hold the submit_sm_resp until the receipt has gone out (at most 5 s). */
  beforeResponse: z.boolean().default(false),
  /** Send an ENROUTE intermediate notification (esm_class 0x20) right after acceptance. */
  intermediate: z.boolean().default(false),
});

/**
 * The SMPP front end's behaviour, including the bad kinds real operators show: refused connections,
 * silent or failing binds, links that stop answering, swallowed submits, generic_nack, dropped
 * connections with requests in flight.
 */
export const SmppBehaviour = z.strictObject({
  /** Accounts that may bind; empty = any system_id and password. */
  accounts: z.array(SmppAccount).default([]),
  /** Outage: the SMSC closes its port (connections are refused) and drops every session. */
  refuseConnections: z.boolean().default(false),
  /** How the operator's own outage windows show: a closed port, or ESME_RSYSERR to every submit. */
  outageMode: z.enum(['refuse_connections', 'system_error']).default('refuse_connections'),
  /** `accept`; `ignore` (TCP accepted, bind never answered); or `{ status }` to refuse every bind. */
  bind: z.union([z.literal('accept'), z.literal('ignore'), z.strictObject({ status: Status })]).default('accept'),
  /** false: enquire_link from the ESME goes unanswered, so its watchdog must notice. */
  answerEnquireLink: z.boolean().default(true),
  /** Probability that a submit_sm is swallowed: no response, ever. */
  swallowProbability: Probability.default(0),
  /** Probability that a submit_sm gets generic_nack instead of submit_sm_resp. */
  genericNack: z
    .strictObject({
      probability: Probability,
      status: Status.default(8),
      /** false: the nack carries sequence 0, so the ESME cannot tell which request it answers. */
      withSequence: z.boolean().default(true),
    })
    .optional(),
  /** Drop the TCP connection when a session's submit count reaches this, leaving requests in flight. */
  dropAfterSubmits: z.number().int().positive().optional(),
  /** GSM-7 in received short_message is packed. */
  gsm7Packed: z.boolean().default(false),
  receipts: SmppReceiptStyle.default({
    idFormat: { base: 16, letterCase: 'upper', padTo: 0 },
    content: 'both',
    textLabel: 'Text',
    dateDigits: 10,
    duplicateProbability: 0,
    beforeResponse: false,
    intermediate: false,
  }),
  /** How MO messages longer than one part are sent to the ESME. */
  moLongMessages: z.enum(['udh', 'sar', 'payload']).default('udh'),
});
export type SmppBehaviour = z.infer<typeof SmppBehaviour>;
export type SmppBehaviourInput = z.input<typeof SmppBehaviour>;
