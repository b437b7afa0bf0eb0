import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { Contact } from '../contacts/contact.entity.js';
import { analyzeText } from '../messaging/text-analysis.js';
import { fillTemplate, placeholdersOf } from './fill-template.js';
import { Draft, Template } from './template.entity.js';

type DraftContent = Draft['content'];

@Injectable()
export class TemplatesService {
  constructor(private readonly tenancy: Tenancy) {}

  async list(auth: AuthContext) {
    const rows = await this.tenancy.of(auth).find(Template, {}, { orderBy: { name: 'asc' } });
    return { items: rows.map(toTemplateDto) };
  }

  async create(auth: AuthContext, input: { name: string; body: string }) {
    const now = new Date();
    const row = await this.tenancy.of(auth).transactional(async (tx) =>
      tx.create(Template, {
        id: randomUUID(),
        organization: auth.organizationId,
        ...input,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return toTemplateDto(row);
  }

  async update(auth: AuthContext, id: string, input: { name: string; body: string }) {
    await this.find(auth, id);
    await this.tenancy.of(auth).nativeUpdate(Template, { id }, { ...input, updatedAt: new Date() });
    return toTemplateDto(await this.find(auth, id));
  }

  async remove(auth: AuthContext, id: string) {
    await this.find(auth, id);
    await this.tenancy.of(auth).nativeDelete(Template, { id });
  }

  /** The text a contact would receive, what it costs, and which placeholders the contact cannot fill. */
  async preview(auth: AuthContext, id: string, contactId: string, missing: 'skip' | 'fallback', fallback: string) {
    const template = await this.find(auth, id);
    const contact = await this.tenancy.of(auth).findOne(Contact, { id: contactId });
    if (!contact) throw new NotFoundError('contacts', contactId);
    const filled = fillTemplate(
      template.body,
      {
        phone: contact.phone,
        firstName: contact.firstName ?? null,
        lastName: contact.lastName ?? null,
        fields: contact.fields ?? {},
      },
      fallback,
    );
    const skipped = missing === 'skip' && filled.missing.length > 0;
    return {
      text: filled.text,
      missing: filled.missing,
      skipped,
      placeholders: placeholdersOf(template.body),
      analysis: skipped ? null : analyzeText(filled.text),
    };
  }

  private async find(auth: AuthContext, id: string): Promise<Template> {
    const row = await this.tenancy.of(auth).findOne(Template, { id });
    if (!row) throw new NotFoundError('templates', id);
    return row;
  }

  async drafts(auth: AuthContext) {
    const rows = await this.tenancy.of(auth).find(Draft, {}, { orderBy: { updatedAt: 'desc' }, limit: 200 });
    return { items: rows.map(toDraftDto) };
  }

  /** Saves what is being composed; called repeatedly while the user types (upsert by id). */
  async saveDraft(auth: AuthContext, id: string | null, content: DraftContent) {
    const em = this.tenancy.of(auth);
    const now = new Date();
    if (id && (await em.findOne(Draft, { id }))) {
      await em.nativeUpdate(Draft, { id }, { content, updatedAt: now });
      return toDraftDto(await em.findOneOrFail(Draft, { id }, { refresh: true }));
    }
    const row = await em.transactional(async (tx) =>
      tx.create(Draft, {
        id: id ?? randomUUID(),
        organization: auth.organizationId,
        userId: auth.userId,
        content,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return toDraftDto(row);
  }

  async deleteDraft(auth: AuthContext, id: string) {
    const removed = await this.tenancy.of(auth).nativeDelete(Draft, { id });
    if (!removed) throw new NotFoundError('drafts', id);
  }
}

function toTemplateDto(t: Template) {
  return {
    id: t.id,
    name: t.name,
    body: t.body,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

function toDraftDto(d: Draft) {
  return { id: d.id, content: d.content, createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString() };
}
