import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/domain-error.js';
import { SmsofficeCode } from './smsoffice-codes.js';

/**
 * Refusals raised before the compatible endpoints run (the rate limit) answered in smsoffice's envelope:
 * −100 is its "temporary, try again" code. The HTTP status and Retry-After stay, for clients that read them.
 */
@Catch(DomainError)
export class CompatExceptionFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error.headers) void reply.headers(error.headers);
    void reply.status(error.httpStatus).send({
      Success: false,
      Message: error.message,
      Output: null,
      ErrorCode: error.httpStatus === 429 ? SmsofficeCode.temporary : SmsofficeCode.unsupported,
    });
  }
}
