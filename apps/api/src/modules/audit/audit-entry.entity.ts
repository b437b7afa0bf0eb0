import { defineEntity, p } from '@mikro-orm/core';

/** Who did what, when, to what: every staff action and every change to money or access. */
export const AuditEntrySchema = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_log',
  indexes: [{ properties: ['organizationId', 'at'] }, { properties: ['at'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    at: p.datetime(),
    actorUserId: p.uuid().nullable(),
    actorRole: p.string().length(20),
    action: p.string().length(60),
    organizationId: p.uuid().nullable(),
    targetType: p.string().length(40),
    targetId: p.string().length(80),
    details: p.json<Record<string, unknown>>().nullable(),
  },
});
export class AuditEntry extends AuditEntrySchema.class {}
AuditEntrySchema.setClass(AuditEntry);
