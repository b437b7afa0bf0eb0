import { defineEntity, p } from '@mikro-orm/core';
import { Organization } from './organization.entity.js';

export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).ref(),
    email: p.string().length(254).unique(),
    name: p.string().length(200),
    /** argon2id, memory-hard. */
    passwordHash: p.string().length(200),
    role: p.enum(['owner', 'member', 'staff'] as const),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class User extends UserSchema.class {}
UserSchema.setClass(User);
