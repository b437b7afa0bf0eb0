import { defineEntity, p } from '@mikro-orm/core';

/**
 * A number the organization must not message (opt-out: Georgian law requires honouring it, free of charge).
 * Added by a STOP reply, by the customer, or by staff.
 */
export const StopEntrySchema = defineEntity({
  name: 'StopEntry',
  tableName: 'stop_list',
  properties: {
    organizationId: p.uuid().primary(),
    phone: p.string().length(20).primary(),
    source: p.enum(['reply', 'customer', 'staff'] as const),
    reason: p.string().length(300).nullable(),
    createdBy: p.string().length(80).nullable(),
    createdAt: p.datetime(),
  },
});
export class StopEntry extends StopEntrySchema.class {}
StopEntrySchema.setClass(StopEntry);
