import { randomUUID } from 'node:crypto';
import { raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { ContactQuery } from '@mtredi/api-contract';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { Contact } from './contact.entity.js';
import { ContactGroup, GroupMember } from './contact-group.entity.js';
import { contactWhere } from './contact-search.js';

/** Bulk actions work through the selection in slices, so a million-contact search never sits in memory. */
const SLICE = 5000;

@Injectable()
export class GroupsService {
  constructor(private readonly tenancy: Tenancy) {}

  async list(auth: AuthContext) {
    const em = this.tenancy.of(auth);
    const groups = await em.find(ContactGroup, {}, { orderBy: { name: 'asc' } });
    const counts = groups.length
      ? ((await em
          .createQueryBuilder(GroupMember, 'gm')
          .select(['gm.groupId', raw('count(*) as members')])
          .where({ organizationId: auth.organizationId, groupId: { $in: groups.map((g) => g.id) } })
          .groupBy('gm.groupId')
          .execute('all', false)) as { group_id?: string; groupId?: string; members: number | string }[])
      : [];
    const countOf = new Map(counts.map((c) => [c.groupId ?? c.group_id, Number(c.members)]));
    return {
      items: groups.map((g) => ({
        id: g.id,
        name: g.name,
        memberCount: countOf.get(g.id) ?? 0,
        createdAt: g.createdAt.toISOString(),
      })),
    };
  }

  async create(auth: AuthContext, name: string) {
    const id = randomUUID();
    try {
      await this.tenancy
        .of(auth)
        .insert(ContactGroup, { id, organization: auth.organizationId, name, createdAt: new Date() });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new DomainError('contacts/duplicate_group', `A group named "${name}" exists`, 409, [
          { path: 'name', message: 'already exists' },
        ]);
      }
      throw error;
    }
    return { id, name, memberCount: 0, createdAt: new Date().toISOString() };
  }

  async rename(auth: AuthContext, id: string, name: string) {
    await this.assertGroup(auth, id);
    await this.tenancy.of(auth).nativeUpdate(ContactGroup, { id }, { name });
    return (await this.list(auth)).items.find((g) => g.id === id);
  }

  /** Deletes the group, not its contacts. */
  async remove(auth: AuthContext, id: string) {
    await this.assertGroup(auth, id);
    await this.tenancy.of(auth).transactional(async (tx) => {
      await tx.nativeDelete(GroupMember, { groupId: id, organizationId: auth.organizationId });
      await tx.nativeDelete(ContactGroup, { id });
    });
  }

  /** Add to / remove from a group, or delete: on explicit ids or on everything a search finds. */
  async bulk(
    auth: AuthContext,
    action: 'add_to_group' | 'remove_from_group' | 'delete',
    target: { ids?: string[] | undefined; query?: Pick<ContactQuery, 'search' | 'groupId'> | undefined },
    groupId?: string,
  ): Promise<{ affected: number }> {
    if (groupId) await this.assertGroup(auth, groupId);
    const em = this.tenancy.of(auth);
    const where = target.ids ? { id: { $in: target.ids } } : await contactWhere(em, target.query ?? {});
    let affected = 0;
    let afterId: string | undefined;
    for (;;) {
      const slice = await em.find(
        Contact,
        { $and: [where, afterId ? { id: { $gt: afterId } } : {}] },
        {
          fields: ['id'],
          orderBy: { id: 'asc' },
          limit: SLICE,
        },
      );
      if (slice.length === 0) break;
      const ids = slice.map((c) => c.id);
      afterId = ids.at(-1);
      await em.transactional(async (tx) => {
        if (action === 'add_to_group' && groupId) {
          await tx
            .createQueryBuilder(GroupMember)
            .insert(ids.map((contactId) => ({ groupId, contactId, organizationId: auth.organizationId })))
            .onConflict(['groupId', 'contactId'])
            .ignore()
            .execute('run');
        } else if (action === 'remove_from_group' && groupId) {
          await tx.nativeDelete(GroupMember, { groupId, contactId: { $in: ids }, organizationId: auth.organizationId });
        } else {
          await tx.nativeDelete(GroupMember, { contactId: { $in: ids }, organizationId: auth.organizationId });
          await tx.nativeDelete(Contact, { id: { $in: ids } });
        }
      });
      affected += ids.length;
      em.clear();
      if (slice.length < SLICE) break;
    }
    return { affected };
  }

  private async assertGroup(auth: AuthContext, id: string) {
    if (!(await this.tenancy.of(auth).findOne(ContactGroup, { id }))) throw new NotFoundError('groups', id);
  }
}
