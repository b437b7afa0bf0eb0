import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ScriptedRequest {
  method: string;
  path: string;
  body: unknown;
}

/** What to do with a request: answer it (status, JSON body, headers), or `hang` (never answer). */
export type Script = (
  req: ScriptedRequest,
) => { status: number; body?: unknown; headers?: Record<string, string> } | 'hang';

export interface ScriptedAggregator {
  url: string;
  readonly requests: ScriptedRequest[];
  script: Script;
  close(): Promise<void>;
}

/**
 * An aggregator on 127.0.0.1 that answers whatever the test scripts: for the faults the simulator
 * does not produce (hung requests, 5xx, answers without an id).
 */
export async function startScripted(script: Script): Promise<ScriptedAggregator> {
  const hung = new Set<ServerResponse>();
  const state: ScriptedAggregator = {
    url: '',
    requests: [],
    script,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const request = { method: req.method ?? '', path: req.url ?? '', body: text ? JSON.parse(text) : undefined };
    state.requests.push(request);
    const answer = state.script(request);
    if (answer === 'hang') {
      hung.add(res);
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
