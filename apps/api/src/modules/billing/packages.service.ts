import { randomUUID } from 'node:crypto';
import type { CreditPackage as PackageDto } from '@mtredi/api-contract';
import { DEFAULT_PACKAGES, validatePriceTable } from '@mtredi/billing';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { Tenancy } from '../../db/tenancy.js';
import { AuditService } from '../audit/audit.service.js';
import { toPackageDto } from './billing.service.js';
import { CreditPackage } from './credit-package.entity.js';

/** Staff maintain the price table; the "bigger package, lower price per SMS" rule holds for the whole table. */
@Injectable()
export class PackagesService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly audit: AuditService,
  ) {}

  async replace(staff: AuthContext, items: { id?: string; name: string; parts: number; priceTetri: number }[]) {
    const table = validatePriceTable(items.map((item) => ({ ...item, id: item.id ?? randomUUID() })));
    await this.tenancy.system().transactional(async (tx) => {
      const keep = table.map((p) => p.id);
      await tx.nativeUpdate(CreditPackage, { id: { $nin: keep } }, { active: false });
      for (const pkg of table) {
        await tx.upsert(
          CreditPackage,
          { ...pkg, active: true, createdAt: new Date() },
          { onConflictExcludeFields: ['createdAt'] },
        );
      }
      this.audit.record(tx, staff, {
        action: 'packages.replaced',
        organizationId: null,
        targetType: 'packages',
        targetId: 'price_table',
        details: { packages: table.map(({ name, parts, priceTetri }) => ({ name, parts, priceTetri })) },
      });
    });
    return this.list();
  }

  async list(): Promise<{ items: PackageDto[] }> {
    const rows = await this.tenancy.system().find(CreditPackage, { active: true }, { orderBy: { parts: 'asc' } });
    return { items: rows.map(toPackageDto) };
  }
}

/** Gives a new installation a price table to start from; leaves an existing one alone. */
export async function seedDefaultPackages(em: ReturnType<Tenancy['system']>): Promise<void> {
  if ((await em.count(CreditPackage, {})) > 0) return;
  for (const pkg of DEFAULT_PACKAGES)
    em.create(CreditPackage, { ...pkg, id: randomUUID(), active: true, createdAt: new Date() });
  await em.flush();
}
