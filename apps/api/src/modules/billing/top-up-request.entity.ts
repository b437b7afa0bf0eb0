import { defineEntity, p } from '@mikro-orm/core';
import { Organization } from '../accounts/organization.entity.js';

/**
 * A customer's request to buy a package, like an invoice: the customer pays quoting `reference`, staff
 * confirm the payment, and only then is the credit posted. The package is copied, so later price changes
 * do not change what was asked for.
 */
export const TopUpRequestSchema = defineEntity({
  name: 'TopUpRequest',
  tableName: 'top_up_requests',
  indexes: [{ properties: ['status', 'requestedAt'] }],
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).ref().index(),
    reference: p.string().length(20).unique(),
    packageName: p.string().length(60),
    parts: p.integer(),
    priceTetri: p.integer(),
    status: p.enum(['requested', 'confirmed', 'cancelled'] as const).default('requested'),
    requestedBy: p.uuid(),
    requestedAt: p.datetime(),
    confirmedBy: p.uuid().nullable(),
    confirmedAt: p.datetime().nullable(),
  },
});
export class TopUpRequest extends TopUpRequestSchema.class {}
TopUpRequestSchema.setClass(TopUpRequest);
