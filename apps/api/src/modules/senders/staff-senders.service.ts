import type { DecisionResults } from '@mtredi/api-contract';
import { type Actor, type OperatorCode, SenderAuthError } from '@mtredi/sender-auth';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { Organization } from '../accounts/organization.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { NoticesService } from '../notices/notices.service.js';
import { transition } from './authorization-transitions.js';
import { SenderAuthorization } from './sender-authorization.entity.js';
import { toSenderDto } from './sender-mapper.js';
import { SenderName } from './sender-name.entity.js';
import { type BatchRow, readDecisionWorkbook, writeBatchWorkbook } from './sender-workbooks.js';

type Decision = { senderId: string; decision: 'approve' | 'reject'; reason?: string | undefined };

/** The provider's side of sender names: the request queue, batches for operators, their decisions. */
@Injectable()
export class StaffSendersService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditService,
    private readonly notices: NoticesService,
  ) {}

  async queue(state: SenderAuthorization['state'], operator?: OperatorCode) {
    const em = this.tenancy.system();
    const rows = await em.find(
      SenderAuthorization,
      { state, ...(operator ? { operator } : {}), sender: { deletedAt: null } },
      { populate: ['sender'], orderBy: { updatedAt: 'asc' }, limit: 2000 },
    );
    const senderIds = [...new Set(rows.map((r) => r.sender.id))];
    const senders = await em.find(SenderName, { id: { $in: senderIds } }, { populate: ['organization'] });
    const all = await em.find(SenderAuthorization, { sender: { $in: senderIds } });
    return {
      items: senders.map((s) => {
        const organization = s.organization.getEntity() as Organization;
        return {
          ...toSenderDto(s, all),
          organization: { id: organization.id, name: organization.name, website: organization.website ?? null },
        };
      }),
    };
  }

  /** Staff accept a name that does not match the company (e.g. a well-known brand), saying why. */
  async overrideMatch(staff: AuthContext, senderId: string, reason: string) {
    await this.tenancy.system().transactional(async (tx) => {
      const sender = await tx.findOne(SenderName, { id: senderId, deletedAt: null });
      if (!sender) throw new NotFoundError('senders', senderId);
      await tx.nativeUpdate(SenderName, { id: senderId }, { overrideReason: reason, overriddenBy: staff.userId });
      this.audit.record(tx, staff, {
        action: 'sender.match_overridden',
        organizationId: sender.organization.id,
        targetType: 'sender_name',
        targetId: senderId,
        details: { name: sender.name, reason },
      });
    });
  }

  /**
   * The names waiting for one operator, as a workbook to send it; they become `submitted`. Names that do
   * not match their company are held back until staff override them.
   */
  async exportBatch(staff: AuthContext, operator: OperatorCode): Promise<{ workbook: Buffer; count: number }> {
    const actor = staffActor(staff);
    const rows: BatchRow[] = [];
    await this.tenancy.system().transactional(async (tx) => {
      const waiting = await tx.find(
        SenderAuthorization,
        { operator, state: 'requested', sender: { deletedAt: null } },
        { populate: ['sender', 'sender.organization'], orderBy: { updatedAt: 'asc' } },
      );
      for (const authorization of waiting) {
        const sender = authorization.sender.getEntity() as SenderName;
        if (!sender.matches && !sender.overrideReason) continue;
        await transition(tx, authorization, { type: 'submit' }, actor);
        const organization = sender.organization.getEntity() as Organization;
        rows.push({
          senderId: sender.id,
          name: sender.name,
          organization: organization.name,
          website: organization.website ?? '',
        });
      }
      this.audit.record(tx, staff, {
        action: 'senders.batch_exported',
        organizationId: null,
        targetType: 'operator',
        targetId: operator,
        details: { count: rows.length },
      });
    });
    return { workbook: await writeBatchWorkbook(operator, rows), count: rows.length };
  }

  /** Records an operator's answers; each decision succeeds or fails on its own, with the reason. */
  async recordDecisions(
    staff: AuthContext,
    operator: OperatorCode,
    decisions: Decision[],
  ): Promise<z.infer<typeof DecisionResults>> {
    const actor: Actor = { kind: 'operator', id: `${operator} via ${staff.userId ?? 'staff'}` };
    const items: z.infer<typeof DecisionResults>['items'] = [];
    for (const decision of decisions) {
      try {
        const state = await this.tenancy.system().transactional(async (tx) => {
          const authorization = await tx.findOne(SenderAuthorization, { sender: decision.senderId, operator });
          if (!authorization) throw new NotFoundError('senders', decision.senderId);
          const event =
            decision.decision === 'approve'
              ? ({ type: 'approve' } as const)
              : ({ type: 'reject', reason: decision.reason || 'rejected by the operator' } as const);
          const to = await transition(tx, authorization, event, actor);
          this.audit.record(tx, staff, {
            action: `sender.${decision.decision}d`,
            organizationId: authorization.organizationId,
            targetType: 'sender_name',
            targetId: decision.senderId,
            details: { operator, reason: decision.reason ?? null },
          });
          return to;
        });
        items.push({ senderId: decision.senderId, ok: true, state });
      } catch (error) {
        if (!(error instanceof SenderAuthError) && !(error instanceof DomainError)) throw error;
        items.push({ senderId: decision.senderId, ok: false, error: error.message });
      }
    }
    return { items };
  }

  /** The operator's answer as a workbook (the exported batch with a decision column filled in). */
  async importDecisions(staff: AuthContext, operator: OperatorCode, file: Buffer) {
    const { decisions, errors } = await readDecisionWorkbook(file);
    const results = await this.recordDecisions(staff, operator, decisions);
    return {
      items: [...results.items, ...errors.map((e) => ({ senderId: e.senderId ?? '', ok: false, error: e.error }))],
    };
  }

  async revoke(staff: AuthContext, senderId: string, operator: OperatorCode, reason: string) {
    await this.tenancy.system().transactional(async (tx) => {
      const authorization = await tx.findOne(SenderAuthorization, { sender: senderId, operator });
      if (!authorization) throw new NotFoundError('senders', senderId);
      await transition(tx, authorization, { type: 'revoke', reason }, staffActor(staff));
      this.audit.record(tx, staff, {
        action: 'sender.revoked',
        organizationId: authorization.organizationId,
        targetType: 'sender_name',
        targetId: senderId,
        details: { operator, reason },
      });
    });
  }

  /**
   * The May 2020 case: the operators demand every name be authorized again. Every active authorization
   * goes back to waiting for its operator, and every customer sees the notice staff wrote.
   */
  async demandReauthorization(staff: AuthContext, reason: string, noticeKa: string, noticeEn: string) {
    const actor = staffActor(staff);
    let count = 0;
    await this.tenancy.system().transactional(async (tx) => {
      const active = await tx.find(SenderAuthorization, { state: 'active' });
      for (const authorization of active) {
        await transition(tx, authorization, { type: 'demand_reauthorization', reason }, actor);
        count++;
      }
      this.audit.record(tx, staff, {
        action: 'senders.reauthorization_demanded',
        organizationId: null,
        targetType: 'platform',
        targetId: 'senders',
        details: { reason, authorizations: count },
      });
    });
    const notice = await this.notices.publish(staff, { kind: 'reauthorization', textKa: noticeKa, textEn: noticeEn });
    return { authorizations: count, notice };
  }
}

function staffActor(staff: AuthContext): Actor {
  return { kind: 'staff', id: staff.userId };
}
