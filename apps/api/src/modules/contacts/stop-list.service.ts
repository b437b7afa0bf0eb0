import type { SqlEntityManager } from '@mikro-orm/sql';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { NotFoundError } from '../../common/domain-error.js';
import { BoundSql } from '../../db/bound-sql.js';
import { Tenancy } from '../../db/tenancy.js';
import { AuditService } from '../audit/audit.service.js';
import { Message } from '../messaging/message.entity.js';
import { StopEntry } from './stop-entry.entity.js';

/**
 * Numbers an organization must not message. Georgian law (Personal Data Protection, 2024) requires a free
 * way to withdraw consent and honouring it; STOP replies land here through the channels' inbound hook.
 */
@Injectable()
export class StopListService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext, limit = 100, offset = 0) {
    const [rows, total] = await this.tenancy
      .of(auth)
      .findAndCount(StopEntry, {}, { orderBy: { createdAt: 'desc' }, limit, offset });
    return {
      items: rows.map((r) => ({
        phone: r.phone,
        source: r.source,
        reason: r.reason ?? null,
        createdAt: r.createdAt.toISOString(),
      })),
      total,
    };
  }

  async add(
    auth: AuthContext,
    phone: string,
    reason: string | null,
    source: StopEntry['source'] = auth.role === 'staff' ? 'staff' : 'customer',
  ) {
    await this.tenancy.of(auth).transactional(async (tx) => {
      await tx
        .createQueryBuilder(StopEntry)
        .insert({
          organizationId: auth.organizationId,
          phone,
          source,
          reason,
          createdBy: auth.userId ?? auth.apiKeyId,
          createdAt: new Date(),
        })
        .onConflict(['organizationId', 'phone'])
        .ignore()
        .execute('run');
      this.audit.record(tx, auth, {
        action: 'stop_list.added',
        organizationId: auth.organizationId,
        targetType: 'phone',
        targetId: phone,
        details: { reason, source },
      });
    });
  }

  /** Taking a number off the list needs a reason and is audited: consent must have been given again. */
  async remove(auth: AuthContext, phone: string, reason: string) {
    await this.tenancy.of(auth).transactional(async (tx) => {
      const removed = await tx.nativeDelete(StopEntry, { organizationId: auth.organizationId, phone });
      if (!removed) throw new NotFoundError('stop_list', phone);
      this.audit.record(tx, auth, {
        action: 'stop_list.removed',
        organizationId: auth.organizationId,
        targetType: 'phone',
        targetId: phone,
        details: { reason },
      });
    });
  }

  /** The numbers among `phones` on the organization's list (read in `tx` when given, else on its own). */
  async stopped(
    auth: Pick<AuthContext, 'organizationId'>,
    phones: string[],
    tx?: SqlEntityManager,
  ): Promise<Set<string>> {
    if (phones.length === 0) return new Set();
    const db = new BoundSql(tx ?? this.tenancy.of(auth));
    const rows = await db.rows<{ phone: string }>(
      sql`select phone from stop_list where organization_id = ${auth.organizationId} and phone ${db.in(phones)}`,
    );
    return new Set(rows.map((r) => r.phone));
  }

  /**
   * A STOP reply from a number: it opts out of the organization that last messaged it (a reply reaches the
   * provider, not the customer, so the latest conversation decides whose list it joins).
   */
  async stopFromReply(from: string, text: string): Promise<string | null> {
    const latest = await this.tenancy
      .system()
      .findOne(Message, { to: from }, { orderBy: { createdAt: 'desc' }, fields: ['organization'] });
    if (!latest) return null;
    const organizationId = latest.organization.id;
    await this.tenancy
      .system()
      .createQueryBuilder(StopEntry)
      .insert({
        organizationId,
        phone: from,
        source: 'reply',
        reason: `replied "${text.slice(0, 100)}"`,
        createdBy: null,
        createdAt: new Date(),
      })
      .onConflict(['organizationId', 'phone'])
      .ignore()
      .execute('run');
    return organizationId;
  }
}
