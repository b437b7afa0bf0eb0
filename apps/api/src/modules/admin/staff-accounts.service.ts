import type { OrganizationProfile } from '@mtredi/api-contract';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { Organization } from '../accounts/organization.entity.js';
import { toProfile } from '../accounts/organization.service.js';
import { User } from '../accounts/user.entity.js';
import { AuditService } from '../audit/audit.service.js';

@Injectable()
export class StaffAccountsService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditService,
  ) {}

  async byStatus(status: Organization['status']) {
    const em = this.tenancy.system();
    const organizations = await em.find(Organization, { status }, { orderBy: { createdAt: 'asc' }, limit: 500 });
    const owners = await em.find(User, { organization: { $in: organizations.map((o) => o.id) }, role: 'owner' });
    const ownerOf = new Map(owners.map((u) => [u.organization.id, u.email]));
    return { items: organizations.map((o) => ({ ...toProfile(o), ownerEmail: ownerOf.get(o.id) ?? null })) };
  }

  async activate(staff: AuthContext, id: string): Promise<OrganizationProfile> {
    const em = this.tenancy.system();
    await em.transactional(async (tx) => {
      const organization = await tx.findOne(Organization, { id });
      if (!organization) throw new NotFoundError('organizations', id);
      if (organization.status === 'active') return;
      if (organization.status !== 'pending') {
        throw new DomainError('accounts/not_pending', `Organization is ${organization.status}, not pending`, 409);
      }
      await tx.nativeUpdate(Organization, { id, status: 'pending' }, { status: 'active', activatedAt: new Date() });
      this.audit.record(tx, staff, {
        action: 'organization.activated',
        organizationId: id,
        targetType: 'organization',
        targetId: id,
        details: { name: organization.name },
      });
    });
    return toProfile(await this.tenancy.system().findOneOrFail(Organization, { id }));
  }
}
