import { defineEntity, p } from '@mikro-orm/core';
import { Organization } from '../accounts/organization.entity.js';

export interface ImportCounts {
  rowsRead: number;
  imported: number;
  updated: number;
  duplicates: number;
  invalid: number;
}

/**
 * An upload of a customer's spreadsheet: previewed, then run as a background job. The file is kept in the
 * database until the job is done, so any worker instance can run it and a restart loses nothing.
 */
export const ContactImportSchema = defineEntity({
  name: 'ContactImport',
  tableName: 'contact_imports',
  indexes: [{ properties: ['organization', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).ref(),
    status: p.enum(['uploaded', 'queued', 'running', 'completed', 'failed'] as const),
    fileName: p.string().length(200),
    kind: p.enum(['xlsx', 'csv'] as const),
    file: p.blob().nullable().lazy(),
    headerRow: p.integer().nullable(),
    mapping: p.json<Record<string, string>>().nullable(),
    groupId: p.uuid().nullable(),
    counts: p.json<ImportCounts>(),
    /** The rows that could not be imported, as an .xlsx with the reason per row. */
    errorReport: p.blob().nullable().lazy(),
    failure: p.string().length(500).nullable(),
    createdBy: p.string().length(80).nullable(),
    createdAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
  },
});
export class ContactImport extends ContactImportSchema.class {}
ContactImportSchema.setClass(ContactImport);
