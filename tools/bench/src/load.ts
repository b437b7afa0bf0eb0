import { Agent, request } from 'node:http';

export interface LoadOptions {
  /** `http://127.0.0.1:port`: loopback only. */
  baseUrl: string;
  path: string;
  headers: Record<string, string>;
  /** The JSON body of request number `i`. */
  body: (i: number) => string;
  /** Keep-alive connections, each with one request in flight at a time. */
  connections: number;
  /** Requests during this time are sent but not counted (JIT, connection pools). */
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  /** Requests answered 2xx within the measured window, per second. */
  okPerSecond: number;
  ok: number;
  /** Answers that were not 2xx (by status; 0 = connection error) within the measured window. */
  failures: Record<number, number>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Requests sent in all, warm-up included (each one a stored message when answered 2xx). */
  sent: number;
  sentOk: number;
}

/**
 * A closed-loop load generator on node:http: `connections` keep-alive sockets, each sending the next
 * request when the previous one is answered, for warm-up plus the measured window. Latency is from
 * writing the request to reading the whole answer.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const url = new URL(options.baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error('load is sent to 127.0.0.1 only');
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;
  const latencies: number[] = [];
  const failures: Record<number, number> = {};
  let next = 0;
  let sentOk = 0;
  const one = (i: number): Promise<number> =>
    new Promise((resolve) => {
      const payload = options.body(i);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: options.path,
          method: 'POST',
          agent,
          headers: {
            ...options.headers,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', () => resolve(0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(payload);
    });
  const loop = async (): Promise<void> => {
    while (performance.now() < end) {
      const sentAt = performance.now();
      const status = await one(next++);
      const doneAt = performance.now();
      const ok = status >= 200 && status < 300;
      if (ok) sentOk++;
      if (sentAt < measureFrom || doneAt > end) continue;
      if (ok) latencies.push(doneAt - sentAt);
      else failures[status] = (failures[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? Number.NaN;
  return {
    okPerSecond: latencies.length / (options.durationMs / 1000),
    ok: latencies.length,
    failures,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    sent: next,
    sentOk,
  };
}
