import { randomUUID } from 'node:crypto';
import type { Notice as NoticeDto } from '@mtredi/api-contract';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { AuditService } from '../audit/audit.service.js';
import { Notice } from './notice.entity.js';

/** Notices every customer sees in the portal, like the provider's 2020 service news. */
@Injectable()
export class NoticesService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditService,
  ) {}

  async active(): Promise<{ items: NoticeDto[] }> {
    const rows = await this.tenancy
      .system()
      .find(Notice, { active: true }, { orderBy: { publishedAt: 'desc' }, limit: 20 });
    return { items: rows.map(toDto) };
  }

  async publish(
    staff: AuthContext,
    input: { kind: Notice['kind']; textKa: string; textEn: string },
  ): Promise<NoticeDto> {
    const notice = await this.tenancy.system().transactional(async (tx) => {
      const created = tx.create(Notice, {
        id: randomUUID(),
        ...input,
        active: true,
        publishedAt: new Date(),
        publishedBy: staff.userId,
      });
      this.audit.record(tx, staff, {
        action: 'notice.published',
        organizationId: null,
        targetType: 'notice',
        targetId: created.id,
        details: { kind: input.kind },
      });
      return created;
    });
    return toDto(notice);
  }

  async withdraw(staff: AuthContext, id: string): Promise<void> {
    await this.tenancy.system().transactional(async (tx) => {
      const changed = await tx.nativeUpdate(Notice, { id }, { active: false });
      if (!changed) throw new NotFoundError('notices', id);
      this.audit.record(tx, staff, {
        action: 'notice.withdrawn',
        organizationId: null,
        targetType: 'notice',
        targetId: id,
      });
    });
  }
}

function toDto(n: Notice): NoticeDto {
  return { id: n.id, kind: n.kind, textKa: n.textKa, textEn: n.textEn, publishedAt: n.publishedAt.toISOString() };
}
