import { defineEntity, p } from '@mikro-orm/core';
import { Organization } from '../accounts/organization.entity.js';

export const SenderNameSchema = defineEntity({
  name: 'SenderName',
  tableName: 'sender_names',
  uniques: [{ properties: ['organization', 'name'] }],
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).ref(),
    name: p.string().length(11),
    status: p.enum(['requested', 'active', 'rejected', 'revoked'] as const).default('requested'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class SenderName extends SenderNameSchema.class {}
SenderNameSchema.setClass(SenderName);
