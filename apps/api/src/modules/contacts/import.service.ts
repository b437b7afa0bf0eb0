import { randomUUID } from 'node:crypto';
import {
  type ColumnMapping,
  type ContactRow,
  detectFileKind,
  IMPORT_LIMITS,
  ImportFileError,
  previewFile,
  type RowError,
  readContacts,
  writeErrorReport,
} from '@mtredi/contacts-import';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { Tenancy } from '../../db/tenancy.js';
import { CONTACT_IMPORT_JOB, IMPORTS_QUEUE, importJob } from '../../jobs/import-jobs.js';
import { Contact } from './contact.entity.js';
import { ContactGroup, GroupMember } from './contact-group.entity.js';
import { ContactImport, type ImportCounts } from './contact-import.entity.js';

/** Errors kept for the report; a file that bad is reported by its first rows. */
const MAX_REPORTED_ERRORS = 100_000;

@Injectable()
export class ImportService {
  private readonly logger = new Logger(ImportService.name);

  constructor(
    private readonly tenancy: Tenancy,
    @InjectQueue(IMPORTS_QUEUE) private readonly queue: Queue,
  ) {}

  /** Stores the upload and answers with the detected header row, mapping and first rows. */
  async upload(auth: AuthContext, fileName: string, file: Buffer) {
    if (file.length > IMPORT_LIMITS.maxBytes) {
      throw new DomainError(
        'import/too_large',
        `The file is larger than ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB`,
        413,
      );
    }
    const kind = this.asDomain(() => detectFileKind(file.subarray(0, 64 * 1024), fileName));
    const preview = await this.asDomainAsync(() => previewFile(file, kind));
    const id = randomUUID();
    await this.tenancy.of(auth).insert(ContactImport, {
      id,
      organization: auth.organizationId,
      status: 'uploaded',
      fileName,
      kind,
      file,
      headerRow: preview.headerRow,
      mapping: stringifyMapping(preview.mapping),
      counts: emptyCounts(),
      createdBy: auth.userId ?? auth.apiKeyId,
      createdAt: new Date(),
    });
    return {
      id,
      fileName,
      kind,
      headerRow: preview.headerRow,
      headers: preview.headers,
      mapping: stringifyMapping(preview.mapping),
      rows: preview.rows,
    };
  }

  async start(
    auth: AuthContext,
    id: string,
    options: { headerRow: number; mapping: Record<string, string>; groupId?: string | undefined },
  ) {
    const em = this.tenancy.of(auth);
    const row = await em.findOne(ContactImport, { id });
    if (!row) throw new NotFoundError('imports', id);
    if (row.status !== 'uploaded') throw new DomainError('import/already_started', `This import is ${row.status}`, 409);
    if (!Object.values(options.mapping).includes('phone')) {
      throw new DomainError('import/no_phone_column', 'Choose which column holds the phone numbers', 422, [
        { path: 'mapping', message: 'no phone column' },
      ]);
    }
    if (options.groupId && !(await em.findOne(ContactGroup, { id: options.groupId })))
      throw new NotFoundError('groups', options.groupId);
    await em.nativeUpdate(
      ContactImport,
      { id, status: 'uploaded' },
      { status: 'queued', headerRow: options.headerRow, mapping: options.mapping, groupId: options.groupId ?? null },
    );
    await this.queue.add(CONTACT_IMPORT_JOB, importJob(id), { jobId: id, removeOnComplete: true, removeOnFail: true });
    return this.status(auth, id);
  }

  async status(auth: AuthContext, id: string) {
    const row = await this.tenancy.of(auth).findOne(ContactImport, { id }, { refresh: true });
    if (!row) throw new NotFoundError('imports', id);
    return {
      id: row.id,
      fileName: row.fileName,
      status: row.status,
      counts: row.counts,
      failure: row.failure ?? null,
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
    };
  }

  async errorReport(auth: AuthContext, id: string): Promise<Buffer> {
    const row = await this.tenancy.of(auth).findOne(ContactImport, { id }, { populate: ['errorReport'] });
    if (!row) throw new NotFoundError('imports', id);
    if (!row.errorReport)
      throw new DomainError('import/no_report', 'The import has no rejected rows (or has not finished)', 404);
    return Buffer.from(row.errorReport);
  }

  /**
   * The background job: streams the file in batches, upserts each batch in one transaction (new numbers
   * inserted, existing ones updated only where a value changed, so re-importing a file changes nothing),
   * adds members to the target group, and records progress as it goes.
   */
  async run(id: string): Promise<void> {
    const em = this.tenancy.system();
    const row = await em.findOne(ContactImport, { id }, { populate: ['file'] });
    if (!row || !row.file || (row.status !== 'queued' && row.status !== 'running')) return;
    const organizationId = row.organization.id;
    const counts = emptyCounts();
    const errors: RowError[] = [];
    await em.nativeUpdate(ContactImport, { id }, { status: 'running', counts });
    try {
      const batches = readContacts(Buffer.from(row.file), row.kind, {
        headerRow: row.headerRow ?? 1,
        mapping: parseMapping(row.mapping ?? {}),
      });
      for await (const batch of batches) {
        const { imported, updated } = await this.upsert(organizationId, batch.contacts, row.groupId ?? null);
        counts.rowsRead = batch.rowsRead;
        counts.imported += imported;
        counts.updated += updated;
        counts.duplicates += batch.duplicates;
        counts.invalid += batch.errors.length;
        if (errors.length < MAX_REPORTED_ERRORS)
          errors.push(...batch.errors.slice(0, MAX_REPORTED_ERRORS - errors.length));
        await this.tenancy.system().nativeUpdate(ContactImport, { id }, { counts: { ...counts } });
      }
      await this.tenancy.system().nativeUpdate(
        ContactImport,
        { id },
        {
          status: 'completed',
          counts,
          errorReport: errors.length ? await writeErrorReport(errors) : null,
          file: null,
          finishedAt: new Date(),
        },
      );
    } catch (error) {
      const message =
        error instanceof ImportFileError ? error.message : `The import stopped: ${(error as Error).message}`;
      this.logger.warn(`Import ${id} failed: ${(error as Error).message}`);
      await this.tenancy
        .system()
        .nativeUpdate(
          ContactImport,
          { id },
          { status: 'failed', failure: message.slice(0, 500), counts, finishedAt: new Date() },
        );
    }
  }

  private async upsert(organizationId: string, rows: ContactRow[], groupId: string | null) {
    if (rows.length === 0) return { imported: 0, updated: 0 };
    return this.tenancy.of({ organizationId }).transactional(async (tx) => {
      const existing = await tx.find(Contact, { phone: { $in: rows.map((r) => r.phone) } });
      const byPhone = new Map(existing.map((c) => [c.phone, c]));
      const now = new Date();
      const fresh = rows.filter((r) => !byPhone.has(r.phone));
      if (fresh.length) {
        await tx.insertMany(
          Contact,
          fresh.map((r) => ({
            id: randomUUID(),
            organization: organizationId,
            phone: r.phone,
            firstName: r.firstName,
            lastName: r.lastName,
            fields: Object.keys(r.fields).length ? r.fields : null,
            createdAt: now,
            updatedAt: now,
          })),
        );
      }
      let updated = 0;
      for (const r of rows) {
        const current = byPhone.get(r.phone);
        if (!current) continue;
        const fields = { ...(current.fields ?? {}), ...r.fields };
        const changes = {
          firstName: r.firstName ?? current.firstName ?? null,
          lastName: r.lastName ?? current.lastName ?? null,
          fields: Object.keys(fields).length ? fields : null,
        };
        const same =
          changes.firstName === (current.firstName ?? null) &&
          changes.lastName === (current.lastName ?? null) &&
          JSON.stringify(changes.fields) === JSON.stringify(current.fields ?? null);
        if (same) continue;
        await tx.nativeUpdate(Contact, { id: current.id }, { ...changes, updatedAt: now });
        if (r.duplicateOf === null) updated++;
      }
      if (groupId) {
        const ids = await tx.find(Contact, { phone: { $in: rows.map((r) => r.phone) } }, { fields: ['id'] });
        await tx
          .createQueryBuilder(GroupMember)
          .insert(ids.map((c) => ({ groupId, contactId: c.id, organizationId })))
          .onConflict(['groupId', 'contactId'])
          .ignore()
          .execute('run');
      }
      return { imported: fresh.length, updated };
    });
  }

  private asDomain<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw toDomain(error);
    }
  }

  private async asDomainAsync<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toDomain(error);
    }
  }
}

function toDomain(error: unknown): unknown {
  if (error instanceof ImportFileError) return new DomainError(error.code, error.message, 422);
  return error;
}

function emptyCounts(): ImportCounts {
  return { rowsRead: 0, imported: 0, updated: 0, duplicates: 0, invalid: 0 };
}

function stringifyMapping(mapping: ColumnMapping): Record<string, string> {
  return Object.fromEntries(Object.entries(mapping).map(([k, v]) => [String(k), String(v)]));
}

function parseMapping(mapping: Record<string, string>): ColumnMapping {
  return Object.fromEntries(Object.entries(mapping).map(([k, v]) => [Number(k), v])) as ColumnMapping;
}
