import { z } from 'zod';
import { SmppBehaviour } from './smpp-behaviour.js';
import { SMPP_STATUS, smppStatusFromName } from './smpp-status.js';

const Ms = z.number().int().min(0);

const FixedDelay = z.strictObject({ kind: z.literal('fixed'), ms: Ms });
const UniformDelay = z
  .strictObject({ kind: z.literal('uniform'), minMs: Ms, maxMs: Ms })
  .refine((d) => d.maxMs >= d.minMs, { message: 'maxMs must not be below minMs', path: ['maxMs'] });
const ExponentialDelay = z.strictObject({
  kind: z.literal('exponential'),
  meanMs: z.number().positive(),
  /** Cut the long tail so a drill ends; absent = no cap. */
  maxMs: Ms.optional(),
});
const NeverDelay = z.strictObject({ kind: z.literal('never') });

/** How long until something happens: fixed, uniform (Melrose 3–12 s), exponential (SMPPSim-like), or never. */
export const Delay = z.discriminatedUnion('kind', [FixedDelay, UniformDelay, ExponentialDelay, NeverDelay]);
export type Delay = z.infer<typeof Delay>;

/** Submit response latency: like Delay, but "never" is not allowed (a black hole belongs to the SMPP layer). */
export const Latency = z.discriminatedUnion('kind', [FixedDelay, UniformDelay, ExponentialDelay]);
export type Latency = z.infer<typeof Latency>;

/** An SMPP command_status as a number (11, 0x0B in YAML) or a name (`ESME_RINVDSTADR` or `RINVDSTADR`). */
export const SmppStatus = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const code = typeof value === 'number' ? value : smppStatusFromName(value);
  if (code === undefined || !Number.isInteger(code) || code <= 0 || code > 0xffffffff) {
    ctx.addIssue({
      code: 'custom',
      message: `not an SMPP error status: ${JSON.stringify(value)} (use a number above 0 or one of ${Object.keys(SMPP_STATUS).join(', ')})`,
    });
    return z.NEVER;
  }
  return code;
});

export const FinalState = z.enum(['delivered', 'undelivered', 'expired', 'rejected']);
export type FinalState = z.infer<typeof FinalState>;

/** One weighted receipt outcome; `errorCode` is the `err:` value of the receipt (SMPP 3.4 Appendix B). */
export const ReceiptOutcome = z.strictObject({
  state: FinalState,
  errorCode: z.string().min(1).max(10).optional(),
  weight: z.number().positive().default(1),
});
export type ReceiptOutcome = z.infer<typeof ReceiptOutcome>;

/**
 * What happens after acceptance. Every field is optional: a rule's receipt overrides the scenario's,
 * which overrides the built-in default (delivered after 200 ms, nothing lost). `state` + `errorCode`
 * is shorthand for a single outcome; `outcomes` draws one by weight.
 */
export const ReceiptSpec = z
  .strictObject({
    state: FinalState.optional(),
    errorCode: z.string().min(1).max(10).optional(),
    outcomes: z.array(ReceiptOutcome).min(1).optional(),
    delay: Delay.optional(),
    lossProbability: z.number().min(0).max(1).optional(),
  })
  .refine((r) => !(r.state && r.outcomes), { message: 'give either state or outcomes, not both', path: ['outcomes'] });
export type ReceiptSpec = z.infer<typeof ReceiptSpec>;

/** How a submit is answered. */
export const SubmitBehaviour = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('accept') }),
  z.strictObject({ outcome: z.literal('reject'), status: SmppStatus, reason: z.string().optional() }),
  /** This destination's operator is down: answer "try later", as a failed route would. */
  z.strictObject({ outcome: z.literal('unavailable'), retryAfterMs: z.number().int().positive().default(1000) }),
]);
export type SubmitBehaviour = z.infer<typeof SubmitBehaviour>;

const isRegex = (source: string): boolean => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};
const OneOrMany = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * Which submits a rule applies to. Prefixes compare digits with any leading `+` removed, so
 * `99559` matches both `+995599…` (E.164 from the core) and `995599…` (SMPP address). A regex is
 * tested against the destination as submitted. All given criteria must hold.
 */
export const Match = z
  .strictObject({
    prefix: OneOrMany.optional(),
    regex: z.string().refine(isRegex, { message: 'not a valid regular expression' }).optional(),
    sender: OneOrMany.optional(),
  })
  .refine((m) => m.prefix !== undefined || m.regex !== undefined || m.sender !== undefined, {
    message: 'a match needs prefix, regex or sender',
  });
export type Match = z.infer<typeof Match>;

/** A mobile-originated reply, e.g. STOP. `{text}` in `text` is replaced by the submitted text (echo). */
export const Reply = z.strictObject({
  text: z.string().min(1),
  delay: Delay.default({ kind: 'fixed', ms: 0 }),
  probability: z.number().min(0).max(1).default(1),
});
export type Reply = z.infer<typeof Reply>;

export const Rule = z.strictObject({
  name: z.string().optional(),
  match: Match,
  submit: SubmitBehaviour.default({ outcome: 'accept' }),
  receipt: ReceiptSpec.optional(),
  reply: Reply.optional(),
});
export type Rule = z.infer<typeof Rule>;

/** A time the whole operator is down, counted from when the scenario is applied; no duration = until changed. */
export const Outage = z.strictObject({
  startAfterMs: Ms.default(0),
  durationMs: z.number().int().positive().optional(),
  retryAfterMs: z.number().int().positive().default(1000),
});
export type Outage = z.infer<typeof Outage>;

const scenarioShape = {
  name: z.string().optional(),
  /** Seed of the PRNG: the same scenario, seed and submits give the same outcomes. */
  seed: z.number().int().default(1),
  /** Delay before each submit is answered. */
  submitLatency: Latency.default({ kind: 'fixed', ms: 0 }),
  /** Answer ESME_RTHROTTLED above this many message parts per second (token bucket, one second of burst). */
  throttle: z.strictObject({ maxPerSecond: z.number().positive() }).optional(),
  outages: z.array(Outage).default([]),
  /** Same text to the same number within this many seconds is accepted and silently dropped (no receipt). */
  duplicateWindowSeconds: z.number().min(0).default(0),
  receipt: ReceiptSpec.default({}),
  /**
   * Sender names the operator has authorized; any other is refused with ESME_RINVSRCADR before the
   * rules run. Absent = every sender is accepted.
   */
  authorizedSenders: z.array(z.string().min(1)).optional(),
  /** The operator's queue: with this many receipts pending, submits get ESME_RMSGQFUL. */
  queueLimit: z
    .strictObject({ maxPending: z.number().int().positive(), retryAfterMs: z.number().int().positive().default(5000) })
    .optional(),
  /** How the SMPP SMSC front end behaves; the engine itself ignores it. */
  smpp: SmppBehaviour.optional(),
  /** First matching rule wins; a submit no rule matches is accepted with the scenario's receipt. */
  rules: z.array(Rule).default([]),
};

/** A scenario as stored in a file: `version: 1` is required so a future format can be told apart. */
export const Scenario = z.strictObject({ version: z.literal(1), ...scenarioShape });
export type Scenario = z.infer<typeof Scenario>;

/** The same scenario where `version` may be left out (in-process configs, API bodies). */
export const ScenarioInput = z.strictObject({ version: z.literal(1).default(1), ...scenarioShape });
export type ScenarioInput = z.input<typeof ScenarioInput>;

/** Default scenario: accept everything and deliver after 200 ms. */
export const DEFAULT_SCENARIO: Scenario = Scenario.parse({ version: 1 });
