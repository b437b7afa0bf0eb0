import { z } from 'zod';
import { GeorgianMobile } from './phone.js';

const Name = z.string().trim().max(100);
/** Custom field names become placeholders: letters, digits and underscores. */
const FieldName = z.string().regex(/^[\p{L}\p{N}_]{1,40}$/u, 'field names are letters, digits and _ (up to 40)');

export const ContactInput = z.object({
  phone: GeorgianMobile,
  firstName: Name.nullable().optional(),
  lastName: Name.nullable().optional(),
  fields: z.record(FieldName, z.string().max(500)).optional(),
  groupIds: z.array(z.string().uuid()).optional(),
});
export const ContactPatch = ContactInput.partial();

export const Contact = z.object({
  id: z.string(),
  phone: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
  groupIds: z.array(z.string()),
  stopped: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof Contact>;

export const ContactQuery = z.object({
  /** Digits search the number anywhere; other text searches first and last names. */
  search: z.string().trim().max(100).optional(),
  groupId: z.string().uuid().optional(),
  sort: z.enum(['created_desc', 'created_asc', 'name', 'phone']).default('created_desc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ContactQuery = z.infer<typeof ContactQuery>;
/** `total` is exact up to 10,000; beyond, `totalCapped` is true and the portal shows "10,000+". */
export const ContactPage = z.object({ items: z.array(Contact), total: z.number().int(), totalCapped: z.boolean() });

/** A bulk action on explicit contacts, or on everything a search finds. */
export const BulkContactsRequest = z
  .object({
    action: z.enum(['add_to_group', 'remove_from_group', 'delete']),
    groupId: z.string().uuid().optional(),
    ids: z.array(z.string().uuid()).max(10_000).optional(),
    query: ContactQuery.pick({ search: true, groupId: true }).optional(),
  })
  .refine((b) => (b.ids ? !b.query : !!b.query), { message: 'give either ids or query', path: ['ids'] })
  .refine((b) => b.action === 'delete' || !!b.groupId, {
    message: 'groupId is required for group actions',
    path: ['groupId'],
  });
export const BulkResult = z.object({ affected: z.number().int() });

export const Group = z.object({
  id: z.string(),
  name: z.string(),
  memberCount: z.number().int(),
  createdAt: z.string(),
});
export const GroupList = z.object({ items: z.array(Group) });
export const GroupInput = z.object({ name: z.string().trim().min(1).max(100) });

export const StopEntry = z.object({
  phone: z.string(),
  source: z.enum(['reply', 'customer', 'staff']),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export const StopList = z.object({ items: z.array(StopEntry), total: z.number().int() });
export const AddStopRequest = z.object({ phone: GeorgianMobile, reason: z.string().trim().max(300).optional() });
/** Removing a number from the stop list is a legal matter: it needs a reason, and it is audited. */
export const RemoveStopRequest = z.object({ reason: z.string().trim().min(5, 'give a reason').max(300) });

export const ImportPreview = z.object({
  id: z.string(),
  fileName: z.string(),
  kind: z.enum(['xlsx', 'csv']),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  rows: z.array(z.array(z.string())),
});
export const StartImportRequest = z.object({
  headerRow: z.number().int().min(1),
  /** Column index → phone | first_name | last_name | ignore | custom:<name>. */
  mapping: z.record(z.string().regex(/^\d+$/), z.string()),
  groupId: z.string().uuid().optional(),
});
export const ImportStatus = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(['uploaded', 'queued', 'running', 'completed', 'failed']),
  counts: z.object({
    rowsRead: z.number(),
    imported: z.number(),
    updated: z.number(),
    duplicates: z.number(),
    invalid: z.number(),
  }),
  failure: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const Template = z.object({
  id: z.string(),
  name: z.string(),
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const TemplateList = z.object({ items: z.array(Template) });
export const TemplateInput = z.object({ name: z.string().trim().min(1).max(100), body: z.string().min(1).max(5000) });
export const TemplatePreviewRequest = z.object({
  contactId: z.string().uuid(),
  missing: z.enum(['skip', 'fallback']).default('fallback'),
  fallback: z.string().max(100).default(''),
});

export const DraftContent = z.object({
  version: z.literal(1).default(1),
  text: z.string().max(10_000),
  sender: z.string().max(11).optional(),
  recipients: z.string().max(100_000).optional(),
  templateId: z.string().uuid().optional(),
});
export const Draft = z.object({ id: z.string(), content: DraftContent, createdAt: z.string(), updatedAt: z.string() });
export const DraftList = z.object({ items: z.array(Draft) });
