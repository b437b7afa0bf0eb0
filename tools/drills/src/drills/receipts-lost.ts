import type { MessageView } from '../api.js';
import type { DrillDefinition } from '../run.js';
import { baseScenario, lastDigit, UNDELIVERED_RULE } from '../scenarios.js';
import type { SendResult } from '../traffic.js';
import { sendAll } from '../traffic.js';
import type { Expectation } from '../verify.js';
import { type Limits, numbered, progress, receiptOutcome } from './common.js';

interface Params extends Limits {
  messages: number;
}

/** One number in ten (those ending in 0): the operator never sends its receipt. */
const LOST_RECEIPT_RULE = { name: 'receipt-lost-ending-0', match: { regex: '0$' }, receipt: { lossProbability: 1 } };

function expectation(message: SendResult, view: MessageView): Expectation {
  if (lastDigit(message.to) === 0) {
    return { statuses: ['in_transit'], why: 'its receipt was lost: the platform cannot know more than "in transit"' };
  }
  return receiptOutcome(message, view);
}

/**
 * Drill 4: the operator loses 10 % of the receipts. Those messages were delivered to the operator and
 * charged, and honestly stay "in transit" (გზაშია); all others get their final status.
 */
export const receiptsLost: DrillDefinition<Params> = {
  name: 'receipts-lost',
  title: '10 % of receipts lost (those messages stay in transit)',
  params: {
    long: { messages: 5_000, timeLimitMs: 5 * 60_000, settleLimitMs: 3 * 60_000, quietMs: 10_000 },
    short: { messages: 300, timeLimitMs: 60_000, settleLimitMs: 60_000, quietMs: 5_000 },
  },
  environment: (p) => ({
    scenario: baseScenario({ rules: [LOST_RECEIPT_RULE, UNDELIVERED_RULE] }),
    credit: p.messages,
  }),
  timeLimitMs: (p) => p.timeLimitMs,
  settleLimitMs: (p) => p.settleLimitMs,
  quietMs: (p) => p.quietMs,
  expect: () => expectation,

  run(ctx, p) {
    return sendAll(ctx.env.customer, numbered(p.messages, 'receipts-lost'), {
      concurrency: 8,
      deadline: ctx.deadline,
      onProgress: progress(ctx, p.messages, 'accepted by the API'),
    });
  },

  finalChecks(ctx, _p, { verdict, operator }) {
    const { inTransit, accepted } = verdict.counts;
    ctx.checks.push({
      name: 'in transit = receipts the operator lost',
      ok: inTransit === operator.receiptsLost,
      detail: `${inTransit} in transit, ${operator.receiptsLost} receipt(s) lost by the operator`,
    });
    ctx.notes.push(
      `${inTransit} of ${accepted} message(s) (${((inTransit / Math.max(1, accepted)) * 100).toFixed(0)} %) stay in transit: ` +
        'the operator took them (and they are charged) but never sent a receipt, so the platform shows "in transit" (გზაშია) rather than guess',
    );
  },
};
