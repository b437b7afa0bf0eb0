import { defineEntity, p } from '@mikro-orm/core';
import { Organization } from '../accounts/organization.entity.js';

/** A reusable text with placeholders filled from contact fields: {first_name}, {last_name}, {city}… */
export const TemplateSchema = defineEntity({
  name: 'Template',
  tableName: 'templates',
  indexes: [{ properties: ['organization', 'name'] }],
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).ref(),
    name: p.string().length(100),
    body: p.text(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export class Template extends TemplateSchema.class {}
TemplateSchema.setClass(Template);

/** What a user was composing, saved as they type. */
export const DraftSchema = defineEntity({
  name: 'Draft',
  tableName: 'drafts',
  indexes: [{ properties: ['organization', 'updatedAt'] }],
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).ref(),
    userId: p.uuid().nullable(),
    /** Versioned composer state: text, sender, recipients, options. */
    content: p.json<{ version: 1; text: string; sender?: string; recipients?: string; templateId?: string }>(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export class Draft extends DraftSchema.class {}
DraftSchema.setClass(Draft);
