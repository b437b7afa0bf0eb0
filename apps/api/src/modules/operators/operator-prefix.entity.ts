import { defineEntity, p } from '@mikro-orm/core';
import { OPERATORS } from '@mtredi/sender-auth';

/** A number block allocated to an operator, as digits after +, e.g. 995599. Staff maintain the table. */
export const OperatorPrefixSchema = defineEntity({
  name: 'OperatorPrefix',
  tableName: 'operator_prefixes',
  properties: {
    prefix: p.string().length(15).primary(),
    operator: p.enum(OPERATORS),
  },
});
export class OperatorPrefix extends OperatorPrefixSchema.class {}
OperatorPrefixSchema.setClass(OperatorPrefix);
