import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Contact as ContactDto, ContactInput, ContactQuery } from '@mtredi/api-contract';
import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { Contact } from './contact.entity.js';
import { ContactGroup, GroupMember } from './contact-group.entity.js';
import { contactWhere } from './contact-search.js';
import { StopEntry } from './stop-entry.entity.js';

type NewContact = z.output<typeof ContactInput>;
/** Exact totals up to this many contacts. */
const COUNT_CAP = 10_000;
const ORDER = {
  created_desc: { createdAt: 'desc', id: 'desc' },
  created_asc: { createdAt: 'asc', id: 'asc' },
  name: { lastName: 'asc', firstName: 'asc', id: 'asc' },
  phone: { phone: 'asc' },
} as const;

@Injectable()
export class ContactsService {
  constructor(private readonly tenancy: Tenancy) {}

  /**
   * One page. The total is exact up to 10,000 and reported as `totalCapped` beyond: counting a million rows
   * on every page costs more than the page itself, and nobody pages that far without searching.
   */
  async page(
    auth: AuthContext,
    query: ContactQuery,
  ): Promise<{ items: ContactDto[]; total: number; totalCapped: boolean }> {
    const em = this.tenancy.of(auth);
    const where = await contactWhere(em, query);
    // A query builder does not apply the tenant filter, so the organization is named here explicitly.
    const capped = em
      .createQueryBuilder(Contact)
      .select('id')
      .where({ $and: [where, { organization: auth.organizationId }] } as never)
      .limit(COUNT_CAP + 1);
    const [rows, counted] = await Promise.all([
      em.find(Contact, where, { orderBy: ORDER[query.sort], limit: query.limit, offset: query.offset }),
      em.execute<{ n: number | string }[]>(
        `select count(*) as n from (${capped.getQuery()}) as capped`,
        capped.getParams() as unknown[],
      ),
    ]);
    const count = Number(counted[0]?.n ?? 0);
    const totalCapped = count > COUNT_CAP;
    return { items: await this.toDtos(em, auth, rows), total: totalCapped ? COUNT_CAP : count, totalCapped };
  }

  async get(auth: AuthContext, id: string): Promise<ContactDto> {
    const em = this.tenancy.of(auth);
    const contact = await em.findOne(Contact, { id });
    if (!contact) throw new NotFoundError('contacts', id);
    const [dto] = await this.toDtos(em, auth, [contact]);
    return dto as ContactDto;
  }

  async create(auth: AuthContext, input: NewContact): Promise<ContactDto> {
    const em = this.tenancy.of(auth);
    const id = randomUUID();
    try {
      await em.transactional(async (tx) => {
        const now = new Date();
        tx.create(Contact, {
          id,
          organization: auth.organizationId,
          phone: input.phone,
          firstName: input.firstName ?? null,
          lastName: input.lastName ?? null,
          fields: input.fields ?? null,
          createdAt: now,
          updatedAt: now,
        });
        await tx.flush();
        await this.setGroups(tx, auth, id, input.groupIds);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainError('contacts/duplicate', `A contact with the number ${input.phone} exists`, 409, [
          { path: 'phone', message: 'already a contact' },
        ]);
      }
      throw error;
    }
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, patch: Partial<NewContact>): Promise<ContactDto> {
    await this.get(auth, id);
    await this.tenancy.of(auth).transactional(async (tx) => {
      const { groupIds, ...fields } = patch;
      await tx.nativeUpdate(Contact, { id }, { ...fields, updatedAt: new Date() });
      if (groupIds) await this.setGroups(tx, auth, id, groupIds, true);
    });
    return this.get(auth, id);
  }

  async remove(auth: AuthContext, id: string): Promise<void> {
    await this.get(auth, id);
    await this.tenancy.of(auth).transactional(async (tx) => {
      await tx.nativeDelete(GroupMember, { contactId: id, organizationId: auth.organizationId });
      await tx.nativeDelete(Contact, { id });
    });
  }

  private async setGroups(
    tx: SqlEntityManager,
    auth: AuthContext,
    contactId: string,
    groupIds?: string[],
    replace = false,
  ) {
    if (!groupIds) return;
    const known = await tx.count(ContactGroup, { id: { $in: groupIds }, organization: auth.organizationId });
    if (known !== new Set(groupIds).size) throw new NotFoundError('groups', groupIds.join(','));
    if (replace) await tx.nativeDelete(GroupMember, { contactId, organizationId: auth.organizationId });
    for (const groupId of new Set(groupIds)) {
      tx.create(GroupMember, { groupId, contactId, organizationId: auth.organizationId });
    }
  }

  private async toDtos(em: SqlEntityManager, auth: AuthContext, rows: Contact[]): Promise<ContactDto[]> {
    const ids = rows.map((r) => r.id);
    const memberships = ids.length
      ? await em.find(GroupMember, { contactId: { $in: ids }, organizationId: auth.organizationId })
      : [];
    const stopped = ids.length
      ? await em.find(StopEntry, { organizationId: auth.organizationId, phone: { $in: rows.map((r) => r.phone) } })
      : [];
    const stoppedPhones = new Set(stopped.map((s) => s.phone));
    return rows.map((c) => ({
      id: c.id,
      phone: c.phone,
      firstName: c.firstName ?? null,
      lastName: c.lastName ?? null,
      fields: c.fields ?? {},
      groupIds: memberships.filter((m) => m.contactId === c.id).map((m) => m.groupId),
      stopped: stoppedPhones.has(c.phone),
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    }));
  }
}
