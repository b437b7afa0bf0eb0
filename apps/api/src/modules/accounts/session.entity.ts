import { defineEntity, p } from '@mikro-orm/core';
import { User } from './user.entity.js';

/** A portal login. Only the SHA-256 of the cookie token is stored, so a database leak opens no session. */
export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    tokenHash: p.string().length(64).primary(),
    user: () => p.manyToOne(User).ref().index(),
    createdAt: p.datetime().onCreate(() => new Date()),
    expiresAt: p.datetime(),
  },
});
export class Session extends SessionSchema.class {}
SessionSchema.setClass(Session);
