import type { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditRecord {
  action: string;
  organizationId: string | null;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/** Appends to the audit log inside the caller's transaction, so the record exists exactly when the change does. */
@Injectable()
export class AuditService {
  record(tx: SqlEntityManager, actor: AuthContext, record: AuditRecord): void {
    tx.create(AuditEntry, {
      at: new Date(),
      actorUserId: actor.userId,
      actorRole: actor.role,
      action: record.action,
      organizationId: record.organizationId,
      targetType: record.targetType,
      targetId: record.targetId,
      details: record.details ?? null,
    });
  }
}
