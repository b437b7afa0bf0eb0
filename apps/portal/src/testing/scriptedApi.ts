import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedResponse {
  status: number;
  body?: unknown;
  /** Sent as it is instead of `body` as JSON (a workbook). */
  raw?: Buffer;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** Parsed JSON, or the bytes when the request was not JSON. */
  body: unknown;
  /** Set only for a body that was not JSON. */
  contentType?: string;
}

export type Handler = (request: RecordedRequest) => ScriptedResponse;

/**
 * A loopback HTTP server answering from a script, for specs of the client and stores: real fetch, real
 * sockets, only the answers are chosen by the spec.
 */
export async function startScriptedApi(handle: Handler) {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const contentType = req.headers['content-type'];
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      body,
      ...(Buffer.isBuffer(body) && contentType ? { contentType } : {}),
    };
    requests.push(request);
    const answer = handle(request);
    res.statusCode = answer.status;
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    if (answer.raw) {
      res.end(answer.raw);
      return;
    }
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

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0) return undefined;
  return req.headers['content-type']?.startsWith('application/json') ? JSON.parse(bytes.toString('utf8')) : bytes;
}
