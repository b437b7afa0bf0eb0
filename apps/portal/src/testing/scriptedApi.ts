import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  url: string;
  body: unknown;
}

export type Handler = (request: RecordedRequest) => ScriptedResponse;

/**
 * A loopback HTTP server answering from a script, for specs of the client and stores: real fetch, real
 * sockets, only the answers are chosen by the spec.
 */
export async function startScriptedApi(handle: Handler) {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const request: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', body: await readJson(req) };
    requests.push(request);
    const answer = handle(request);
    res.statusCode = answer.status;
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    if (answer.body === undefined) {
      res.end();
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}
