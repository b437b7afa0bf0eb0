import { randomBytes, randomUUID } from 'node:crypto';
import type { Balance, CreditPackage as PackageDto, TopUp } from '@mtredi/api-contract';
import { formatGel, postings, pricePerPartTetri } from '@mtredi/billing';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { Organization } from '../accounts/organization.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { CreditService } from './credit.service.js';
import { CreditPackage } from './credit-package.entity.js';
import { TopUpRequest } from './top-up-request.entity.js';

@Injectable()
export class BillingService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly credit: CreditService,
    private readonly audit: AuditService,
  ) {}

  async balance(auth: AuthContext): Promise<Balance> {
    const { available, reserved } = await this.credit.balances(this.tenancy.of(auth), auth.organizationId);
    return { available, reserved };
  }

  async packages(): Promise<{ items: PackageDto[] }> {
    const rows = await this.tenancy.system().find(CreditPackage, { active: true }, { orderBy: { parts: 'asc' } });
    return { items: rows.map(toPackageDto) };
  }

  /** An invoice-like request: the customer pays quoting the reference; nothing is credited until staff confirm. */
  async requestTopUp(auth: AuthContext, packageId: string): Promise<TopUp> {
    const pkg = await this.tenancy.system().findOne(CreditPackage, { id: packageId, active: true });
    if (!pkg) throw new NotFoundError('packages', packageId);
    const id = randomUUID();
    await this.tenancy.of(auth).transactional(async (tx) => {
      tx.create(TopUpRequest, {
        id,
        organization: auth.organizationId,
        reference: newReference(),
        packageName: pkg.name,
        parts: pkg.parts,
        priceTetri: pkg.priceTetri,
        status: 'requested',
        requestedBy: auth.userId ?? auth.apiKeyId ?? 'unknown',
        requestedAt: new Date(),
      });
      this.audit.record(tx, auth, {
        action: 'top_up.requested',
        organizationId: auth.organizationId,
        targetType: 'top_up',
        targetId: id,
        details: { package: pkg.name, parts: pkg.parts, priceTetri: pkg.priceTetri },
      });
    });
    return this.topUp(this.tenancy.of(auth), id);
  }

  async topUps(auth: AuthContext): Promise<{ items: TopUp[] }> {
    const rows = await this.tenancy
      .of(auth)
      .find(TopUpRequest, {}, { orderBy: { requestedAt: 'desc' }, populate: ['organization'] });
    return { items: rows.map(toTopUpDto) };
  }

  /** Staff: top-ups in a state, oldest first (the queue to work through). */
  async topUpsByStatus(status: TopUpRequest['status']): Promise<{ items: TopUp[] }> {
    const rows = await this.tenancy
      .system()
      .find(TopUpRequest, { status }, { orderBy: { requestedAt: 'asc' }, populate: ['organization'] });
    return { items: rows.map(toTopUpDto) };
  }

  /** Staff confirm the payment arrived: the credit is posted once, however often this is called. */
  async confirmTopUp(staff: AuthContext, id: string): Promise<TopUp> {
    const em = this.tenancy.system();
    await em.transactional(async (tx) => {
      const request = await tx.findOne(TopUpRequest, { id });
      if (!request) throw new NotFoundError('top_ups', id);
      if (request.status === 'cancelled') {
        throw new DomainError('billing/top_up_cancelled', `Top-up ${request.reference} was cancelled`, 409);
      }
      if (request.status === 'confirmed') return;
      const now = new Date();
      await tx.nativeUpdate(
        TopUpRequest,
        { id, status: 'requested' },
        { status: 'confirmed', confirmedAt: now, confirmedBy: staff.userId },
      );
      const organizationId = request.organization.id;
      await this.credit.post(tx, postings.topUp(organizationId, id, request.parts, request.reference));
      this.audit.record(tx, staff, {
        action: 'top_up.confirmed',
        organizationId,
        targetType: 'top_up',
        targetId: id,
        details: { reference: request.reference, parts: request.parts, priceTetri: request.priceTetri },
      });
    });
    return this.topUp(this.tenancy.system(), id);
  }

  private async topUp(em: ReturnType<Tenancy['system']>, id: string): Promise<TopUp> {
    const row = await em.findOneOrFail(TopUpRequest, { id }, { populate: ['organization'], refresh: true });
    return toTopUpDto(row);
  }
}

/** MT-XXXX-XXXX: short enough to type into a bank transfer, without the letters people confuse. */
function newReference(): string {
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `MT-${chars.slice(0, 4)}-${chars.slice(4)}`;
}

export function toPackageDto(p: CreditPackage): PackageDto {
  return {
    id: p.id,
    name: p.name,
    parts: p.parts,
    priceTetri: p.priceTetri,
    priceGel: formatGel(p.priceTetri),
    pricePerPartTetri: pricePerPartTetri(p),
  };
}

function toTopUpDto(t: TopUpRequest): TopUp {
  const organization = t.organization.getEntity() as Organization;
  return {
    id: t.id,
    reference: t.reference,
    packageName: t.packageName,
    parts: t.parts,
    priceTetri: t.priceTetri,
    priceGel: formatGel(t.priceTetri),
    status: t.status,
    requestedAt: t.requestedAt.toISOString(),
    confirmedAt: t.confirmedAt?.toISOString() ?? null,
    organization: { id: organization.id, name: organization.name },
  };
}
