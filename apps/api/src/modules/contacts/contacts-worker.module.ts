import { Module } from '@nestjs/common';
import { ContactsModule } from './contacts.module.js';
import { ImportProcessor } from './import.processor.js';

/** The worker side of contacts: the import jobs. */
@Module({ imports: [ContactsModule], providers: [ImportProcessor] })
export class ContactsWorkerModule {}
