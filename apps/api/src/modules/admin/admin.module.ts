import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module.js';
import { AdminController } from './admin.controller.js';
import { StaffAccountsService } from './staff-accounts.service.js';

@Module({ imports: [BillingModule], controllers: [AdminController], providers: [StaffAccountsService] })
export class AdminModule {}
