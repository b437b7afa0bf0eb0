import type { FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ContactQuery } from '@mtredi/api-contract';
import { Contact } from './contact.entity.js';
import { GroupMember } from './contact-group.entity.js';

/** Escapes LIKE wildcards in user input. */
function like(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The filter behind lists, bulk actions and exports: digits search the number anywhere (a trigram index
 * serves it on PostgreSQL), other text searches first and last names; a group restricts to its members.
 */
export async function contactWhere(
  em: SqlEntityManager,
  query: Pick<ContactQuery, 'search' | 'groupId'>,
): Promise<FilterQuery<Contact>> {
  const where: Record<string, unknown> = {};
  const search = query.search?.trim();
  if (search) {
    const digits = search.replace(/[\s()+-]/g, '');
    if (/^\d+$/.test(digits)) {
      where.phone = { $like: like(digits.replace(/^0/, '')) };
    } else {
      // Every word must match the first or the last name: "ნინო ბერიძე" finds Nino Beridze.
      const words = search.split(/\s+/).filter(Boolean);
      where.$and = words.map((word) => ({
        $or: [{ firstName: { $like: like(word) } }, { lastName: { $like: like(word) } }],
      }));
    }
  }
  if (query.groupId) {
    where.id = {
      $in: em.createQueryBuilder(GroupMember, 'gm').select('gm.contactId').where({ groupId: query.groupId }),
    };
  }
  return where as FilterQuery<Contact>;
}
