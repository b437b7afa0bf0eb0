import type { SqlEntityManager } from '@mikro-orm/sql';
import type { OperatorCode } from '@mtredi/sender-auth';
import { type Actor, type AuthorizationEvent, applyEvent } from '@mtredi/sender-auth';
import { ReadCache } from '../../common/read-cache.js';
import type { SenderAuthorization } from './sender-authorization.entity.js';
import { SenderAuthorization as SenderAuthorizationEntity } from './sender-authorization.entity.js';
import { SenderAuthorizationEvent } from './sender-authorization-event.entity.js';

/**
 * The operators that authorized each (organization, name), remembered briefly for the send path. Every change
 * of an authorization goes through `transition` (or removes the name), which clears it in this process;
 * other processes see a change within the time to live.
 */
export const authorizedSenders = new ReadCache<Set<OperatorCode>>({ ttlMs: 5_000, max: 20_000 });

/**
 * Moves one operator's authorization of a name through the domain state machine (which refuses illegal
 * transitions) and records who, when and why, in the caller's transaction.
 */
export async function transition(
  tx: SqlEntityManager,
  authorization: SenderAuthorization,
  event: AuthorizationEvent,
  actor: Actor,
): Promise<SenderAuthorization['state']> {
  const record = applyEvent(authorization.state, authorization.operator, event, actor, new Date());
  const changed = await tx.nativeUpdate(
    SenderAuthorizationEntity,
    { sender: authorization.sender.id, operator: authorization.operator, state: authorization.state },
    { state: record.to, reason: record.reason, updatedAt: record.at },
  );
  if (changed === 0)
    throw new Error(`authorization of ${authorization.sender.id} for ${authorization.operator} changed meanwhile`);
  tx.create(SenderAuthorizationEvent, {
    senderId: authorization.sender.id,
    organizationId: authorization.organizationId,
    operator: record.operator,
    fromState: record.from,
    toState: record.to,
    event: record.event,
    reason: record.reason,
    actorKind: record.actor.kind,
    actorId: record.actor.id,
    at: record.at,
  });
  authorization.state = record.to;
  authorizedSenders.clear();
  return record.to;
}
