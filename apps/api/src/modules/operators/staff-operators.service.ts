import { OPERATORS, type OperatorCode } from '@mtredi/sender-auth';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { Tenancy } from '../../db/tenancy.js';
import { AuditService } from '../audit/audit.service.js';
import { GenericSenderName } from '../senders/generic-sender-name.entity.js';
import { OperatorDirectory } from './operator-directory.service.js';
import { OperatorPrefix } from './operator-prefix.entity.js';
import { PortedNumber } from './ported-number.entity.js';

/** Staff-maintained reference data: number blocks per operator, ported numbers, generic sender words. */
@Injectable()
export class StaffOperatorsService {
  constructor(
    private readonly tenancy: Tenancy,
    private readonly directory: OperatorDirectory,
    private readonly audit: AuditService,
  ) {}

  async prefixes() {
    const rows = await this.tenancy.system().find(OperatorPrefix, {}, { orderBy: { prefix: 'asc' } });
    return {
      items: OPERATORS.map((operator) => ({
        operator,
        prefixes: rows.filter((r) => r.operator === operator).map((r) => r.prefix),
      })),
    };
  }

  async replacePrefixes(staff: AuthContext, operator: OperatorCode, prefixes: string[]) {
    await this.tenancy.system().transactional(async (tx) => {
      await tx.nativeDelete(OperatorPrefix, { $or: [{ operator }, { prefix: { $in: prefixes } }] });
      for (const prefix of new Set(prefixes)) tx.create(OperatorPrefix, { prefix, operator });
      this.audit.record(tx, staff, {
        action: 'operator.prefixes_replaced',
        organizationId: null,
        targetType: 'operator',
        targetId: operator,
        details: { prefixes },
      });
    });
    this.directory.invalidate();
    return this.prefixes();
  }

  async portedNumbers() {
    const rows = await this.tenancy.system().find(PortedNumber, {}, { orderBy: { number: 'asc' }, limit: 10_000 });
    return {
      items: rows.map((r) => ({ number: r.number, operator: r.operator, updatedAt: r.updatedAt.toISOString() })),
    };
  }

  async setPortedNumbers(staff: AuthContext, items: { number: string; operator: OperatorCode }[]) {
    await this.tenancy.system().transactional(async (tx) => {
      for (const item of items) {
        await tx.upsert(PortedNumber, { number: item.number, operator: item.operator, updatedAt: new Date() });
      }
      this.audit.record(tx, staff, {
        action: 'operator.ported_numbers_set',
        organizationId: null,
        targetType: 'ported_numbers',
        targetId: String(items.length),
      });
    });
    this.directory.invalidate();
    return this.portedNumbers();
  }

  async genericNames() {
    const rows = await this.tenancy.system().find(GenericSenderName, {}, { orderBy: { name: 'asc' } });
    return { items: rows.map((r) => r.name) };
  }

  async replaceGenericNames(staff: AuthContext, names: string[]) {
    await this.tenancy.system().transactional(async (tx) => {
      await tx.nativeDelete(GenericSenderName, {});
      for (const name of new Set(names.map((n) => n.trim()))) tx.create(GenericSenderName, { name });
      this.audit.record(tx, staff, {
        action: 'senders.generic_names_replaced',
        organizationId: null,
        targetType: 'generic_sender_names',
        targetId: String(names.length),
      });
    });
    return this.genericNames();
  }
}
