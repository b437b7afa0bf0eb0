import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/config.js';

/** Worker entrypoint: queue processors, channel drivers, receipts and the sweeper; no HTTP. */
export async function startWorker(config = loadConfig()) {
  const app = await NestFactory.createApplicationContext(AppModule.forConfig({ ...config, role: 'worker' }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}

if (import.meta.url === `file://${process.argv[1]}`) await startWorker();
