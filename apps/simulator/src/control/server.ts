import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OperatorSimulator } from '@mtredi/operator-sim';
import { parseScenarioText, ScenarioError } from '../scenario/load.js';
import type { SmscServer } from '../smsc/smsc.js';
import { BodyError, type Route, smscRoutes } from './smsc-routes.js';

const MAX_BODY_BYTES = 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/**
 * The simulator's HTTP control API, for drills and CI:
 * GET /health, GET /stats, GET /scenario, PUT /scenario (YAML or JSON body, switches live),
 * POST /reset, and with an SMSC the /smpp/… routes (smsc-routes.ts). Errors answer
 * `{ code, message, details? }` like the platform's API.
 */
export function createControlServer(simulator: OperatorSimulator, startedAt = Date.now(), smsc?: SmscServer): Server {
  const routes: Record<string, Route> = {
    'GET /health': () => [
      200,
      { status: 'ok', operator: simulator.isAvailable() ? 'up' : 'down', uptimeMs: Date.now() - startedAt },
    ],
    'GET /stats': () => [200, simulator.stats()],
    'GET /scenario': () => [200, simulator.currentScenario],
    'PUT /scenario': async (req) => {
      const scenario = parseScenarioText(await readBody(req), 'request body');
      const applied = simulator.setScenario(scenario);
      await smsc?.sync();
      return [200, applied];
    },
    'POST /reset': () => {
      simulator.reset();
      return [200, simulator.stats()];
    },
    ...(smsc ? smscRoutes(smsc) : {}),
  };
  const paths = new Set(Object.keys(routes).map((k) => k.split(' ')[1]));

  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = routes[`${req.method} ${path}`];
    const handle = async (): Promise<[number, unknown]> => {
      if (route) return route(req, () => readBody(req));
      if (paths.has(path))
        throw new HttpError(405, 'simulator/method_not_allowed', `${req.method} is not allowed on ${path}`);
      throw new HttpError(404, 'simulator/not_found', `no such endpoint: ${path}`);
    };
    handle().then(
      ([status, body]) => send(res, status, body),
      (error: unknown) => {
        if (error instanceof ScenarioError) {
          return send(res, 400, { code: error.code, message: error.message, details: error.details });
        }
        if (error instanceof BodyError) {
          return send(res, 400, { code: error.code, message: error.message, details: error.details });
        }
        if (error instanceof HttpError) {
          return send(res, error.status, { code: error.code, message: error.message });
        }
        send(res, 500, { code: 'simulator/internal', message: (error as Error).message });
      },
    );
  });
}

/** Listens on loopback only: the control API switches outages on and must not be reachable from outside. */
export async function listenLoopback(server: Server, port: number): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server.address() as AddressInfo;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new HttpError(413, 'simulator/body_too_large', `body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
