import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { IMPORTS_QUEUE } from '../../jobs/import-jobs.js';
import { ContactExportService } from './contact-export.service.js';
import { ContactsController } from './contacts.controller.js';
import { ContactsService } from './contacts.service.js';
import { GroupsService } from './groups.service.js';
import { ImportService } from './import.service.js';
import { ImportsController } from './imports.controller.js';
import { StopListController } from './stop-list.controller.js';
import { StopListService } from './stop-list.service.js';

@Module({
  imports: [BullModule.registerQueue({ name: IMPORTS_QUEUE })],
  controllers: [ContactsController, StopListController, ImportsController],
  providers: [ContactsService, GroupsService, StopListService, ImportService, ContactExportService],
  exports: [ContactsService, GroupsService, StopListService, ImportService],
})
export class ContactsModule {}
