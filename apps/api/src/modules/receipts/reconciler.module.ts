import { Module } from '@nestjs/common';
import { MessagingWorkerModule } from '../messaging/messaging-worker.module.js';
import { ReceiptsModule } from './receipts.module.js';
import { Reconciler } from './reconciler.service.js';

/** Worker side: reconciles stored receipts and unconfirmed submits of the channels this process runs. */
@Module({ imports: [ReceiptsModule, MessagingWorkerModule], providers: [Reconciler], exports: [Reconciler] })
export class ReconcilerModule {}
