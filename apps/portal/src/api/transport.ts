import type { z } from 'zod';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request body sent as it is (a workbook), instead of as JSON. */
export interface RawBody {
  raw: Blob | ArrayBuffer | Uint8Array<ArrayBuffer>;
  contentType: string;
}

/** A file the API answered with, and the headers that describe it (`X-Batch-Count`, `Content-Disposition`). */
export interface FileAnswer {
  blob: Blob;
  headers: Headers;
}

/**
 * What the client's endpoint groups are written against: typed JSON calls parsed with the shared
 * contract schemas, plain calls for answers without a body, and files both ways. Every failure is an
 * `ApiError`.
 */
export interface Transport {
  get<S extends z.ZodType>(schema: S, path: string): Promise<z.infer<S>>;
  /** `body` is sent as JSON, or as it is when it is a `RawBody`. */
  send<S extends z.ZodType>(schema: S, method: Method, path: string, body?: unknown): Promise<z.infer<S>>;
  /** The answer body as JSON (undefined when empty), unparsed. */
  call(method: Method, path: string, body?: unknown | RawBody): Promise<unknown>;
  /** For endpoints answering with a file instead of JSON. */
  file(method: Method, path: string, body?: unknown): Promise<FileAnswer>;
}

export function isRawBody(body: unknown): body is RawBody {
  return typeof body === 'object' && body !== null && 'raw' in body && 'contentType' in body;
}
