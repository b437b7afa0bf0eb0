import { defineEntity, p } from '@mikro-orm/core';

/**
 * Counters kept with the statuses (never recomputed from millions of messages): how many messages of a
 * scope reached each status. Scope is `campaign:<id>`, `day:<YYYY-MM-DD>` (Tbilisi time), `sender:<name>`,
 * `operator:<code>` or `channel:<id>`, always within one organization.
 */
export const StatCounterSchema = defineEntity({
  name: 'StatCounter',
  tableName: 'stat_counters',
  properties: {
    organizationId: p.uuid().primary(),
    scope: p.string().length(60).primary(),
    /** A message status, or `latency:<upper bound ms>` for the accept → delivered histogram. */
    metric: p.string().length(40).primary(),
    count: p.bigint('number').default(0),
  },
});
export class StatCounter extends StatCounterSchema.class {}
StatCounterSchema.setClass(StatCounter);
