import { z } from 'zod';

/** Contact imports run as background jobs, one per uploaded file. */
export const IMPORTS_QUEUE = 'imports';
export const CONTACT_IMPORT_JOB = 'contact-import';

export const ContactImportJob = z.object({ version: z.literal(1), importId: z.uuid() });
export type ContactImportJob = z.infer<typeof ContactImportJob>;

export function importJob(importId: string): ContactImportJob {
  return { version: 1, importId };
}
