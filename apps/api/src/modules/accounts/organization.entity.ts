import { defineEntity, p } from '@mikro-orm/core';

export const OrganizationSchema = defineEntity({
  name: 'Organization',
  tableName: 'organizations',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    website: p.string().length(200).nullable(),
    contactName: p.string().length(200).nullable(),
    contactEmail: p.string().length(254).nullable(),
    contactPhone: p.string().length(20).nullable(),
    /** `pending` until staff verify the company (opening an account takes about a day). */
    status: p.enum(['pending', 'active', 'suspended'] as const).default('pending'),
    createdAt: p.datetime().onCreate(() => new Date()),
    activatedAt: p.datetime().nullable(),
  },
});
export class Organization extends OrganizationSchema.class {}
OrganizationSchema.setClass(Organization);
