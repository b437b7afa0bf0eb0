import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from './domain-error.js';

/** Paths the API owns; any other GET may be one of the portal's client-side routes (/messages, /send…). */
const API_PATHS = /^\/(v1|api|health)(\/|$|\?)/;

function isPortalRoute(request: FastifyRequest): boolean {
  return request.method === 'GET' && !API_PATHS.test(request.url);
}

/** Codes for the framework's own refusals (unparsable JSON, a malformed id in the path, no such route). */
const HTTP_CODES: Record<number, string> = {
  400: 'validation/malformed_request',
  401: 'auth/unauthenticated',
  404: 'http/not_found',
  413: 'validation/payload_too_large',
  415: 'validation/unsupported_media_type',
};

/** HTTP status of domain-package error codes that are not 422 (a refusal of a valid request). */
const STATUS_BY_CODE: Record<string, number> = {
  'billing/insufficient_credit': 402,
  'senders/illegal_transition': 409,
};

function isCodedError(error: unknown): error is Error & { code: string } {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[a-z_]+\/[a-z_]+$/.test(code);
}

/** The one place errors become HTTP answers: `{code, message, details?}` with a stable code. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  /** `portalIndex`: the portal is served, so unknown non-API GETs are its client-side routes. */
  constructor(private readonly options: { portalIndex: boolean } = { portalIndex: false }) {}

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (this.options.portalIndex && error instanceof NotFoundException && isPortalRoute(request)) {
      void reply.type('text/html').sendFile('index.html');
      return;
    }
    const { status, body } = this.toResponse(error);
    if (error instanceof DomainError && error.headers) void reply.headers(error.headers);
    if (status >= 500) this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    void reply.status(status).send(body);
  }

  private toResponse(error: unknown) {
    if (error instanceof DomainError) {
      return {
        status: error.httpStatus,
        body: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
      };
    }
    if (isCodedError(error)) {
      // Errors of the domain packages (billing/…, encoding/…, senders/…): stable code, status by table.
      return { status: STATUS_BY_CODE[error.code] ?? 422, body: { code: error.code, message: error.message } };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const code = HTTP_CODES[status] ?? `http/${status}`;
      return { status, body: { code, message: error.message } };
    }
    const fastifyError = error as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
      // e.g. malformed JSON or a wrong content type, rejected by Fastify before any handler ran
      return {
        status: fastifyError.statusCode,
        body: { code: 'validation/malformed_request', message: fastifyError.message ?? 'Malformed request' },
      };
    }
    return { status: 500, body: { code: 'internal/error', message: 'Internal error; it has been logged' } };
  }
}
