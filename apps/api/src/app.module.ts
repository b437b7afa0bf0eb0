import { MikroOrmModule } from '@mikro-orm/nestjs';
import { BullModule } from '@nestjs/bull';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from './config/config.js';
import { ConfigModule } from './config/config.module.js';
import { DbModule } from './db/db.module.js';
import { ormOptions } from './db/orm-config.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { AdminModule } from './modules/admin/admin.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { BillingModule } from './modules/billing/billing.module.js';
import { CampaignsModule } from './modules/campaigns/campaigns.module.js';
import { CampaignsWorkerModule } from './modules/campaigns/campaigns-worker.module.js';
import { ChannelAdminModule } from './modules/channels/channel-admin.module.js';
import { ChannelsModule } from './modules/channels/channels.module.js';
import { CompatModule } from './modules/compat/compat.module.js';
import { ContactsModule } from './modules/contacts/contacts.module.js';
import { ContactsWorkerModule } from './modules/contacts/contacts-worker.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { MessagingModule } from './modules/messaging/messaging.module.js';
import { MessagingWorkerModule } from './modules/messaging/messaging-worker.module.js';
import { StatusEventsModule } from './modules/messaging/status-events.module.js';
import { ReconcilerModule } from './modules/receipts/reconciler.module.js';
import { RedisModule } from './modules/redis/redis.module.js';
import { SendersModule } from './modules/senders/senders.module.js';
import { StatisticsModule } from './modules/statistics/statistics.module.js';
import { TemplatesModule } from './modules/templates/templates.module.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';
import { WebhooksWorkerModule } from './modules/webhooks/webhooks-worker.module.js';

/**
 * One codebase, two roles: `api` serves HTTP, `worker` runs queue processors and channels, `all` does both
 * in one process (the laptop default). A provider scales them apart by starting processes with each role.
 */
@Module({})
export class AppModule {
  static forConfig(config: AppConfig): DynamicModule {
    const serveHttp = config.role !== 'worker';
    const runWorkers = config.role !== 'api';
    return {
      module: AppModule,
      imports: [
        ConfigModule.forConfig(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            autoLogging: false,
            ...(config.env === 'development'
              ? { transport: { target: 'pino-pretty', options: { singleLine: true } } }
              : {}),
          },
        }),
        MikroOrmModule.forRoot({ ...ormOptions(config), registerRequestContext: false }),
        DbModule,
        BullModule.forRoot({ redis: config.redis.url, prefix: config.redis.prefix }),
        RedisModule,
        AuditModule,
        StatusEventsModule,
        StatisticsModule,
        ChannelsModule,
        ...(serveHttp
          ? [
              AccountsModule,
              SendersModule,
              MessagingModule,
              BillingModule,
              AdminModule,
              ChannelAdminModule,
              ContactsModule,
              TemplatesModule,
              CampaignsModule,
              WebhooksModule,
              CompatModule,
              HealthModule,
            ]
          : []),
        ...(runWorkers
          ? [MessagingWorkerModule, ReconcilerModule, ContactsWorkerModule, CampaignsWorkerModule, WebhooksWorkerModule]
          : []),
      ],
    };
  }
}
