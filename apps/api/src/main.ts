import 'reflect-metadata';
import { loadConfig } from './config/config.js';
import { createHttpApp } from './http.js';

/** HTTP entrypoint (MTREDI_ROLE=api, or `all` to run the queue workers in the same process). */
const config = loadConfig();
const app = await createHttpApp(config.role === 'worker' ? { ...config, role: 'api' } : config);
await app.listen({ port: config.port, host: config.host });
