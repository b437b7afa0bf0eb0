import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { CONTACT_IMPORT_JOB, ContactImportJob, IMPORTS_QUEUE } from '../../jobs/import-jobs.js';
import { ImportService } from './import.service.js';

@Processor(IMPORTS_QUEUE)
export class ImportProcessor {
  constructor(private readonly imports: ImportService) {}

  @Process({ name: CONTACT_IMPORT_JOB, concurrency: 1 })
  handle(job: Job<unknown>) {
    return this.imports.run(ContactImportJob.parse(job.data).importId);
  }
}
