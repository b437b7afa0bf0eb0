import {
  type AddStopRequest,
  BulkContactsRequest,
  BulkResult,
  Contact,
  type ContactInput,
  ContactPage,
  type ContactPatch,
  type ContactQuery,
  Draft,
  type DraftContent,
  DraftList,
  Group,
  GroupList,
  ImportPreview,
  ImportStatus,
  type StartImportRequest,
  StopList,
  Template,
  type TemplateInput,
  TemplateList,
  type TemplatePreviewRequest,
} from '@mtredi/api-contract';
import { z } from 'zod';
import { queryString } from './query.js';
import type { Transport } from './transport.js';

const id = (value: string): string => encodeURIComponent(value);

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The filters of the contact list, which a bulk action or the export can also take as a whole. */
export type ContactFilter = Partial<Pick<ContactQuery, 'search' | 'groupId'>>;
export type ContactListQuery = Partial<ContactQuery>;
export type BulkRequest = z.input<typeof BulkContactsRequest>;

/** What the template preview answers: the text one contact gets, the placeholders it cannot fill, its size. */
export const TemplatePreview = z.object({
  text: z.string(),
  missing: z.array(z.string()),
  skipped: z.boolean(),
  placeholders: z.array(z.string()).default([]),
  analysis: z.object({ encoding: z.enum(['gsm7', 'ucs2']), characters: z.number(), parts: z.number() }).nullable(),
});
export type TemplatePreview = z.infer<typeof TemplatePreview>;

/** The API decides the file kind by its bytes; the type only has to be one it accepts as a raw body. */
export function uploadContentType(fileName: string): string {
  return /\.(csv|txt)$/i.test(fileName) ? 'text/csv' : XLSX_CONTENT_TYPE;
}

/** Contacts and groups, spreadsheet imports, the stop list, templates and drafts. */
export function contactEndpoints(t: Transport, baseUrl: string) {
  return {
    listContacts: (query: ContactListQuery = {}) => t.get(ContactPage, `/v1/contacts${queryString(query)}`),
    getContact: (contactId: string) => t.get(Contact, `/v1/contacts/${id(contactId)}`),
    /** 400 with `details[].path` naming the field (`phone`, `fields.<name>`). */
    createContact: (input: z.input<typeof ContactInput>) => t.send(Contact, 'POST', '/v1/contacts', input),
    /** `groupIds` replaces the contact's groups. */
    updateContact: (contactId: string, patch: z.input<typeof ContactPatch>) =>
      t.send(Contact, 'PATCH', `/v1/contacts/${id(contactId)}`, patch),
    async deleteContact(contactId: string): Promise<void> {
      await t.call('DELETE', `/v1/contacts/${id(contactId)}`);
    },
    /** On the chosen `ids`, or on everything `query` finds (however many pages that is). */
    bulkContacts: (request: BulkRequest) => t.send(BulkResult, 'POST', '/v1/contacts/bulk', request),
    /** A plain link: the browser downloads the workbook with the session cookie. */
    contactsExportUrl: (filter: ContactFilter, language: 'ka' | 'en') =>
      `${baseUrl}/v1/contacts/export.xlsx${queryString({ ...filter, language })}`,

    listGroups: () => t.get(GroupList, '/v1/groups'),
    createGroup: (name: string) => t.send(Group, 'POST', '/v1/groups', { name }),
    renameGroup: (groupId: string, name: string) => t.send(Group, 'PATCH', `/v1/groups/${id(groupId)}`, { name }),
    /** The group's contacts stay. */
    async deleteGroup(groupId: string): Promise<void> {
      await t.call('DELETE', `/v1/groups/${id(groupId)}`);
    },

    /** 422 `import/…` for a file that cannot be read (wrong kind, password, damaged, too many rows); 413 too large. */
    uploadImport: (file: Blob, fileName: string) =>
      t.send(ImportPreview, 'POST', `/v1/imports${queryString({ fileName })}`, {
        raw: file,
        contentType: uploadContentType(fileName),
      }),
    startImport: (importId: string, request: z.input<typeof StartImportRequest>) =>
      t.send(ImportStatus, 'POST', `/v1/imports/${id(importId)}/start`, request),
    importStatus: (importId: string) => t.get(ImportStatus, `/v1/imports/${id(importId)}`),
    importErrorsUrl: (importId: string) => `${baseUrl}/v1/imports/${id(importId)}/errors.xlsx`,

    listStopList: (limit: number, offset: number) => t.get(StopList, `/v1/stop-list${queryString({ limit, offset })}`),
    async addStop(request: z.input<typeof AddStopRequest>): Promise<void> {
      await t.call('POST', '/v1/stop-list', request);
    },
    /** The reason is required and audited: taking a number off the list needs the person's new consent. */
    async removeStop(phone: string, reason: string): Promise<void> {
      await t.call('DELETE', `/v1/stop-list/${id(phone)}`, { reason });
    },

    listTemplates: () => t.get(TemplateList, '/v1/templates'),
    createTemplate: (input: z.input<typeof TemplateInput>) => t.send(Template, 'POST', '/v1/templates', input),
    updateTemplate: (templateId: string, input: z.input<typeof TemplateInput>) =>
      t.send(Template, 'PUT', `/v1/templates/${id(templateId)}`, input),
    async deleteTemplate(templateId: string): Promise<void> {
      await t.call('DELETE', `/v1/templates/${id(templateId)}`);
    },
    previewTemplate: (templateId: string, request: z.input<typeof TemplatePreviewRequest>) =>
      t.send(TemplatePreview, 'POST', `/v1/templates/${id(templateId)}/preview`, request),

    listDrafts: () => t.get(DraftList, '/v1/drafts'),
    /** Creates the draft under this id the first time, so repeated saves while typing never make two. */
    saveDraft: (draftId: string, content: z.input<typeof DraftContent>) =>
      t.send(Draft, 'PUT', `/v1/drafts/${id(draftId)}`, content),
    async deleteDraft(draftId: string): Promise<void> {
      await t.call('DELETE', `/v1/drafts/${id(draftId)}`);
    },
  };
}
