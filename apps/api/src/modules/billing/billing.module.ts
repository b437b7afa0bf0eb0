import { Module } from '@nestjs/common';
import { BillingController } from './billing.controller.js';
import { BillingService } from './billing.service.js';
import { CreditService } from './credit.service.js';
import { LedgerService } from './ledger.service.js';
import { PackagesService } from './packages.service.js';

@Module({
  controllers: [BillingController],
  providers: [CreditService, BillingService, LedgerService, PackagesService],
  exports: [CreditService, BillingService, PackagesService],
})
export class BillingModule {}
