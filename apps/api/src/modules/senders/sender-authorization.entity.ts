import { defineEntity, p } from '@mikro-orm/core';
import { OPERATORS } from '@mtredi/sender-auth';
import { SenderName } from './sender-name.entity.js';

export const AUTHORIZATION_STATES = ['requested', 'submitted', 'active', 'rejected', 'revoked'] as const;

/** One operator's decision about one sender name: each operator authorizes names separately. */
export const SenderAuthorizationSchema = defineEntity({
  name: 'SenderAuthorization',
  tableName: 'sender_authorizations',
  indexes: [{ properties: ['operator', 'state'] }],
  properties: {
    sender: () => p.manyToOne(SenderName).ref().primary(),
    operator: p.enum(OPERATORS).primary(),
    /** Copied from the sender name so the tenant filter can scope these rows directly. */
    organizationId: p.uuid().index(),
    state: p.enum(AUTHORIZATION_STATES),
    /** The operator's reason for a rejection, or staff's for a revocation. */
    reason: p.string().length(300).nullable(),
    updatedAt: p.datetime(),
  },
});
export class SenderAuthorization extends SenderAuthorizationSchema.class {}
SenderAuthorizationSchema.setClass(SenderAuthorization);
