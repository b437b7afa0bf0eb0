import { defineEntity, p } from '@mikro-orm/core';
import { OPERATORS } from '@mtredi/sender-auth';

/**
 * A number that moved to another operator (portability since 2011): it overrides the prefix table.
 */
export const PortedNumberSchema = defineEntity({
  name: 'PortedNumber',
  tableName: 'ported_numbers',
  properties: {
    number: p.string().length(20).primary(),
    operator: p.enum(OPERATORS),
    updatedAt: p.datetime(),
  },
});
export class PortedNumber extends PortedNumberSchema.class {}
PortedNumberSchema.setClass(PortedNumber);
