import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpTimeouts {
  /** Until the TCP (and TLS) connection is up. */
  connectMs: number;
  /** Until the whole answer is read, from the start. */
  requestMs: number;
}

/**
 * The request got no answer. `sent` tells the two cases apart that matter for a submit: false when
 * the request never fully left (refused, connect timeout): nothing can have been accepted; true when it
 * was written and then the answer timed out or the connection broke: the outcome is unknown.
 */
export class HttpFailure extends Error {
  constructor(
    readonly sent: boolean,
    message: string,
  ) {
    super(message);
  }
}

/** How the driver talks HTTP; injected so tests and other runtimes can supply their own. */
export interface HttpTransport {
  send(request: HttpRequest, timeouts: HttpTimeouts): Promise<HttpResponse>;
  close(): void;
}

/** node:http(s) with keep-alive connections, at most `maxSockets` per aggregator. */
export function nodeHttpTransport(maxSockets: number): HttpTransport {
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, maxSockets }),
    'https:': new HttpsAgent({ keepAlive: true, maxSockets }),
  };
  return {
    send: (req, timeouts) => {
      const url = new URL(req.url);
      const secure = url.protocol === 'https:';
      const options: RequestOptions = {
        method: req.method,
        headers:
          req.body === undefined ? req.headers : { ...req.headers, 'content-length': Buffer.byteLength(req.body) },
        agent: secure ? agents['https:'] : agents['http:'],
      };
      return new Promise((resolve, reject) => {
        let sent = false;
        let settled = false;
        const settle = (outcome: HttpResponse | HttpFailure) => {
          if (settled) return;
          settled = true;
          clearTimeout(overall);
          if (outcome instanceof HttpFailure) {
            outgoing.destroy();
            reject(outcome);
          } else resolve(outcome);
        };
        const outgoing = (secure ? httpsRequest : httpRequest)(url, options, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            settle({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', (e) => settle(new HttpFailure(true, `answer cut off: ${e.message}`)));
        });
        const overall = setTimeout(
          () => settle(new HttpFailure(sent, `no answer within ${timeouts.requestMs} ms`)),
          timeouts.requestMs,
        );
        outgoing.on('socket', (socket) => {
          if (!socket.connecting) return;
          const connect = setTimeout(
            () => settle(new HttpFailure(false, `no connection within ${timeouts.connectMs} ms`)),
            timeouts.connectMs,
          );
          socket.once('connect', () => clearTimeout(connect));
          socket.once('close', () => clearTimeout(connect));
        });
        outgoing.on('finish', () => {
          sent = true;
        });
        outgoing.on('error', (error: NodeJS.ErrnoException) =>
          settle(new HttpFailure(sent, error.code ?? error.message)),
        );
        outgoing.end(req.body);
      });
    },
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
