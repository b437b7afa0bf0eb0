import { defineEntity, p } from '@mikro-orm/core';
import { Organization } from '../accounts/organization.entity.js';

/**
 * A sender name an organization asked for. Whether it may be used depends on each operator's
 * authorization (SenderAuthorization); deleted names are kept, hidden, for the history.
 */
export const SenderNameSchema = defineEntity({
  name: 'SenderName',
  tableName: 'sender_names',
  indexes: [{ properties: ['organization', 'name'] }],
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).ref(),
    name: p.string().length(11),
    /** Why the name fits the organization (or why not), as the matching check explained it. */
    matchExplanation: p.string().length(300),
    matches: p.boolean(),
    /** Staff accepted a name that did not match, and why. */
    overrideReason: p.string().length(300).nullable(),
    overriddenBy: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    deletedAt: p.datetime().nullable(),
  },
});
export class SenderName extends SenderNameSchema.class {}
SenderNameSchema.setClass(SenderName);
