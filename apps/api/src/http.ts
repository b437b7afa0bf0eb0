import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { IMPORT_LIMITS } from '@mtredi/contacts-import';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/exception.filter.js';
import type { AppConfig } from './config/config.js';

const UPLOAD_TYPES = [
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
  'text/csv',
] as const;
/** As large as the biggest import the contacts importer takes. */
const UPLOAD_LIMIT_BYTES = IMPORT_LIMITS.maxBytes;

/** Builds the HTTP application (not yet listening), so tests and main.ts start it the same way. */
export async function createHttpApp(config: AppConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forConfig(config),
    new FastifyAdapter({ trustProxy: true, bodyLimit: 5 * 1024 * 1024 }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new AllExceptionsFilter({ portalIndex: existsSync(join(config.portalDist, 'index.html')) }));
  app.enableShutdownHooks();
  await app.register(fastifyCookie);
  // Spreadsheets and CSV files arrive as the raw request body (imports, operators' answers).
  app
    .getHttpAdapter()
    .getInstance()
    .addContentTypeParser(
      [...UPLOAD_TYPES],
      { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT_BYTES },
      (_request, body, done) => done(null, body),
    );

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Mtredi API')
      .setDescription('Send SMS to Georgian numbers, follow their delivery, manage your account.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key from the portal' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });

  servePortal(app, config.portalDist);
  return app;
}

function servePortal(app: NestFastifyApplication, portalDist: string): void {
  if (!existsSync(join(portalDist, 'index.html'))) return;
  void app.getHttpAdapter().getInstance().register(fastifyStatic, { root: portalDist, wildcard: false });
}
