import { randomUUID } from 'node:crypto';
import type { SenderName as SenderDto } from '@mtredi/api-contract';
import { canSendTo, evaluateSenderRequest, OPERATORS, type OperatorCode } from '@mtredi/sender-auth';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { Organization } from '../accounts/organization.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { OperatorDirectory } from '../operators/operator-directory.service.js';
import { authorizedSenders, transition } from './authorization-transitions.js';
import { GenericSenderName } from './generic-sender-name.entity.js';
import { SenderAuthorization } from './sender-authorization.entity.js';
import { SenderAuthorizationEvent } from './sender-authorization-event.entity.js';
import { toSenderDto } from './sender-mapper.js';
import { SenderName } from './sender-name.entity.js';

@Injectable()
export class SendersService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly operators: OperatorDirectory,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext): Promise<{ items: SenderDto[] }> {
    const em = this.tenancy.of(auth);
    const names = await em.find(SenderName, { deletedAt: null }, { orderBy: { name: 'asc' } });
    const authorizations = await em.find(SenderAuthorization, { sender: { $in: names.map((n) => n.id) } });
    return { items: names.map((n) => toSenderDto(n, authorizations)) };
  }

  /**
   * A customer asks for a name. Bad characters or a generic word are refused outright, with the rule and
   * the character; a name that does not match the company is kept for staff to judge (they may accept it
   * with a recorded reason). Each operator then authorizes it separately.
   */
  async request(auth: AuthContext, rawName: string): Promise<SenderDto> {
    const em = this.tenancy.of(auth);
    const organization = await this.tenancy.system().findOneOrFail(Organization, { id: auth.organizationId });
    const generic = (await this.tenancy.system().find(GenericSenderName, {})).map((g) => g.name);
    const verdict = evaluateSenderRequest(
      rawName,
      { companyName: organization.name, website: organization.website },
      generic,
    );
    if (!verdict.acceptable && !verdict.overridable) {
      const [first] = verdict.refusals;
      throw new DomainError(
        first?.code ?? 'senders/invalid_name',
        verdict.refusals.map((r) => r.message).join('; '),
        422,
        verdict.refusals.flatMap((r) =>
          r.violations?.length
            ? r.violations.map((v) => ({ path: 'name', message: v.message }))
            : [{ path: 'name', message: r.message }],
        ),
      );
    }
    const existing = await em.findOne(SenderName, { name: rawName, deletedAt: null });
    if (existing) return this.rerequest(auth, existing);
    const matchExplanation = verdict.acceptable
      ? verdict.match.explanation
      : (verdict.refusals.find((r) => r.code === 'senders/no_match')?.message ?? 'does not match');
    const id = randomUUID();
    await em.transactional(async (tx) => {
      const now = new Date();
      tx.create(SenderName, {
        id,
        organization: auth.organizationId,
        name: rawName,
        matches: verdict.acceptable,
        matchExplanation: matchExplanation.slice(0, 300),
        createdAt: now,
      });
      await tx.flush();
      for (const operator of OPERATORS) {
        tx.create(SenderAuthorization, {
          sender: id,
          operator,
          organizationId: auth.organizationId,
          state: 'requested',
          updatedAt: now,
        });
        tx.create(SenderAuthorizationEvent, {
          senderId: id,
          organizationId: auth.organizationId,
          operator,
          fromState: 'requested',
          toState: 'requested',
          event: 'request',
          reason: null,
          actorKind: 'customer',
          actorId: auth.userId ?? auth.apiKeyId,
          at: now,
        });
      }
      this.audit.record(tx, auth, {
        action: 'sender.requested',
        organizationId: auth.organizationId,
        targetType: 'sender_name',
        targetId: id,
        details: { name: rawName, matches: verdict.acceptable },
      });
    });
    return this.get(auth, id);
  }

  /**
   * Asking again for a name the operators rejected or revoked sends it back to them (those operators only);
   * a name that is active or still waiting somewhere is a duplicate.
   */
  private async rerequest(auth: AuthContext, sender: SenderName): Promise<SenderDto> {
    const em = this.tenancy.of(auth);
    const authorizations = await em.find(SenderAuthorization, { sender: sender.id });
    const closed = authorizations.filter((a) => a.state === 'rejected' || a.state === 'revoked');
    if (closed.length === 0) {
      throw new DomainError('senders/duplicate', `You already have the sender name "${sender.name}"`, 409, [
        { path: 'name', message: 'already requested' },
      ]);
    }
    const actor = { kind: 'customer' as const, id: auth.userId ?? auth.apiKeyId };
    await em.transactional(async (tx) => {
      for (const authorization of closed) await transition(tx, authorization, { type: 'rerequest' }, actor);
    });
    return this.get(auth, sender.id);
  }

  async get(auth: AuthContext, id: string): Promise<SenderDto> {
    const em = this.tenancy.of(auth);
    const sender = await em.findOne(SenderName, { id, deletedAt: null });
    if (!sender) throw new NotFoundError('senders', id);
    return toSenderDto(sender, await em.find(SenderAuthorization, { sender: id }));
  }

  async history(auth: AuthContext, id: string) {
    await this.get(auth, id);
    const events = await this.tenancy
      .system()
      .find(
        SenderAuthorizationEvent,
        { senderId: id, organizationId: auth.organizationId },
        { orderBy: { id: 'asc' } },
      );
    return {
      items: events.map((e) => ({
        operator: e.operator,
        from: e.fromState,
        to: e.toState,
        event: e.event,
        reason: e.reason ?? null,
        actor: { kind: e.actorKind, id: e.actorId ?? null },
        at: e.at.toISOString(),
      })),
    };
  }

  /** The customer no longer needs the name; it disappears from their list and cannot be used. */
  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.get(auth, id);
    await this.tenancy.of(auth).transactional(async (tx) => {
      await tx.nativeUpdate(SenderName, { id }, { deletedAt: new Date() });
      this.audit.record(tx, auth, {
        action: 'sender.deleted',
        organizationId: auth.organizationId,
        targetType: 'sender_name',
        targetId: id,
      });
    });
    authorizedSenders.clear();
  }

  /**
   * Nothing is sent under a name that the destination's operator has not authorized: refused before any
   * credit is reserved, naming the name, the operator and its status.
   */
  async assertAuthorized(auth: AuthContext, name: string, destination: string): Promise<OperatorCode> {
    const operator = await this.operators.operatorOf(destination);
    if (!operator) {
      throw new DomainError('routing/unknown_operator', `No mobile operator is known for ${destination}`, 422, [
        { path: 'to', message: 'no operator serves this number' },
      ]);
    }
    // The answer is usually remembered: no entity manager is made for it.
    const granted = await authorizedSenders.get(`${auth.organizationId}\u0000${name}`, async () => {
      const operators = await authorizedOperators(this.tenancy.of(auth), name);
      return operators?.size ? operators : undefined;
    });
    if (granted?.has(operator)) return operator;
    const em = this.tenancy.of(auth);
    const sender = await em.findOne(SenderName, { name, deletedAt: null });
    if (!sender) {
      throw new DomainError('senders/unknown', `Sender name "${name}" is not registered for your organization`, 422, [
        { path: 'sender', message: 'unknown sender name' },
      ]);
    }
    const authorizations = await em.find(SenderAuthorization, { sender: sender.id });
    const states = Object.fromEntries(
      OPERATORS.map((o) => [o, authorizations.find((a) => a.operator === o)?.state ?? 'requested']),
    );
    if (!canSendTo(states as Parameters<typeof canSendTo>[0], operator)) {
      const state = states[operator];
      throw new DomainError(
        'senders/not_authorized',
        `Sender name "${name}" is not authorized by ${operatorTitle(operator)} (status: ${state}); messages to ${operatorTitle(operator)} numbers cannot use it yet`,
        422,
        [{ path: 'sender', message: `${operatorTitle(operator)}: ${state}` }],
      );
    }
    return operator;
  }
}

/** The operators that have authorized a name of the organization; null when the name does not exist. */
export async function authorizedOperators(
  em: ReturnType<Tenancy['of']>,
  name: string,
): Promise<Set<OperatorCode> | null> {
  const sender = await em.findOne(SenderName, { name, deletedAt: null });
  if (!sender) return null;
  const rows = await em.find(SenderAuthorization, { sender: sender.id });
  const states = Object.fromEntries(
    OPERATORS.map((o) => [o, rows.find((r) => r.operator === o)?.state ?? 'requested']),
  );
  return new Set(OPERATORS.filter((o) => canSendTo(states as Parameters<typeof canSendTo>[0], o)));
}

export function operatorTitle(operator: OperatorCode): string {
  return { magti: 'Magti', silknet: 'Silknet', cellfie: 'Cellfie' }[operator];
}
