import { PassThrough, type Readable } from 'node:stream';
import type { ContactQuery } from '@mtredi/api-contract';
import { type ExportContact, writeContactsWorkbook } from '@mtredi/contacts-import';
import { Injectable, Logger } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { Tenancy } from '../../db/tenancy.js';
import { Contact } from './contact.entity.js';
import { ContactGroup, GroupMember } from './contact-group.entity.js';
import { contactWhere } from './contact-search.js';

const BATCH = 2000;

/** Contacts, a group or a search result as an .xlsx that imports back unchanged; streamed batch by batch. */
@Injectable()
export class ContactExportService {
  private readonly logger = new Logger(ContactExportService.name);

  constructor(private readonly tenancy: Tenancy) {}

  export(auth: AuthContext, query: Pick<ContactQuery, 'search' | 'groupId'>, language: 'en' | 'ka'): Readable {
    const output = new PassThrough();
    writeContactsWorkbook(this.rows(auth, query), output, { language }).catch((error: Error) => {
      this.logger.error(`Contact export failed: ${error.message}`);
      output.destroy(error);
    });
    return output;
  }

  private async *rows(
    auth: AuthContext,
    query: Pick<ContactQuery, 'search' | 'groupId'>,
  ): AsyncGenerator<ExportContact> {
    const em = this.tenancy.of(auth);
    const groups = new Map((await em.find(ContactGroup, {})).map((g) => [g.id, g.name]));
    const where = await contactWhere(em, query);
    let afterId: string | undefined;
    for (;;) {
      const batch = await em.find(
        Contact,
        { $and: [where, afterId ? { id: { $gt: afterId } } : {}] },
        { orderBy: { id: 'asc' }, limit: BATCH },
      );
      if (batch.length === 0) return;
      const members = await em.find(GroupMember, { contactId: { $in: batch.map((c) => c.id) } });
      for (const c of batch) {
        yield {
          phone: c.phone,
          firstName: c.firstName ?? null,
          lastName: c.lastName ?? null,
          fields: c.fields ?? {},
          groups: members.filter((m) => m.contactId === c.id).flatMap((m) => groups.get(m.groupId) ?? []),
        };
      }
      afterId = batch.at(-1)?.id;
      em.clear();
      if (batch.length < BATCH) return;
    }
  }
}
