import { defineEntity, p } from '@mikro-orm/core';
import { Organization } from '../accounts/organization.entity.js';

export const ContactGroupSchema = defineEntity({
  name: 'ContactGroup',
  tableName: 'contact_groups',
  uniques: [{ properties: ['organization', 'name'] }],
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).ref(),
    name: p.string().length(100),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class ContactGroup extends ContactGroupSchema.class {}
ContactGroupSchema.setClass(ContactGroup);

/** Membership of a contact in a group (many-to-many), kept as plain ids for bulk inserts and deletes. */
export const GroupMemberSchema = defineEntity({
  name: 'GroupMember',
  tableName: 'group_members',
  indexes: [{ properties: ['contactId'] }],
  properties: {
    groupId: p.uuid().primary(),
    contactId: p.uuid().primary(),
    organizationId: p.uuid(),
  },
});
export class GroupMember extends GroupMemberSchema.class {}
GroupMemberSchema.setClass(GroupMember);
