import { defineEntity, p } from '@mikro-orm/core';
import { OPERATORS } from '@mtredi/sender-auth';
import { AUTHORIZATION_STATES } from './sender-authorization.entity.js';

/** Every transition of an authorization: who, when, why. Append-only. */
export const SenderAuthorizationEventSchema = defineEntity({
  name: 'SenderAuthorizationEvent',
  tableName: 'sender_authorization_events',
  indexes: [{ properties: ['senderId', 'at'] }],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    senderId: p.uuid(),
    organizationId: p.uuid(),
    operator: p.enum(OPERATORS),
    fromState: p.enum(AUTHORIZATION_STATES),
    toState: p.enum(AUTHORIZATION_STATES),
    event: p.string().length(40),
    reason: p.string().length(300).nullable(),
    actorKind: p.string().length(20),
    actorId: p.string().length(80).nullable(),
    at: p.datetime(),
  },
});
export class SenderAuthorizationEvent extends SenderAuthorizationEventSchema.class {}
SenderAuthorizationEventSchema.setClass(SenderAuthorizationEvent);
