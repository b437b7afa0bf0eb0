import { defineEntity, p } from '@mikro-orm/core';
import { Organization } from '../accounts/organization.entity.js';

/** A customer's contact; one per number per organization (imports merge into it). */
export const ContactSchema = defineEntity({
  name: 'Contact',
  tableName: 'contacts',
  uniques: [{ properties: ['organization', 'phone'] }],
  indexes: [{ properties: ['organization', 'lastName', 'firstName'] }, { properties: ['organization', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).ref(),
    /** E.164. */
    phone: p.string().length(20),
    firstName: p.string().length(100).nullable(),
    lastName: p.string().length(100).nullable(),
    /** Custom fields by name, used by template placeholders ({city}, {debt}…). */
    fields: p.json<Record<string, string>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
  },
});
export class Contact extends ContactSchema.class {}
ContactSchema.setClass(Contact);
