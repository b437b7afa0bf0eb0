import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Redis } from 'ioredis';
import { from, type Observable, of, switchMap } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { REDIS, redisKey } from '../modules/redis/redis.module.js';
import type { AuthenticatedRequest } from './auth/auth-context.js';
import { DomainError } from './domain-error.js';

const HEADER = 'idempotency-key';
const KEEP_SECONDS = 24 * 3600;
const IN_FLIGHT_SECONDS = 60;

interface Stored {
  fingerprint: string;
  status: number;
  body: unknown;
}

/**
 * `Idempotency-Key` on any creating request: the first answer is kept for 24 hours and replayed for a retry
 * with the same key and body, so a client that lost the answer can resend without sending twice. The same
 * key with a different body is refused; a retry while the first is still running waits its turn (409).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const key = request.headers[HEADER];
    if (typeof key !== 'string' || !['POST', 'PUT', 'PATCH'].includes(request.method) || !request.auth)
      return next.handle();
    if (key.length > 200)
      throw new DomainError('idempotency/invalid_key', 'Idempotency-Key must be at most 200 characters', 400);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const storeKey = redisKey(
      this.config,
      'idem',
      request.auth.organizationId,
      request.auth.apiKeyId ?? request.auth.userId ?? '-',
      key,
    );
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.url}\u0000`)
      .update(Buffer.isBuffer(request.body) ? request.body : JSON.stringify(request.body ?? null))
      .digest('hex');

    return from(this.begin(storeKey, fingerprint)).pipe(
      switchMap((stored) => {
        if (stored) {
          void reply.header('Idempotent-Replayed', 'true').status(stored.status);
          return of(stored.body);
        }
        return next
          .handle()
          .pipe(
            switchMap((body) =>
              from(
                this.redis
                  .set(
                    storeKey,
                    JSON.stringify({ fingerprint, status: reply.statusCode, body } satisfies Stored),
                    'EX',
                    KEEP_SECONDS,
                  )
                  .then(() => body),
              ),
            ),
          );
      }),
    );
  }

  /** Claims the key, or returns the kept answer of an earlier request with it. */
  private async begin(storeKey: string, fingerprint: string): Promise<Stored | null> {
    const claimed = await this.redis.set(
      storeKey,
      JSON.stringify({ fingerprint, status: 0, body: null }),
      'EX',
      IN_FLIGHT_SECONDS,
      'NX',
    );
    if (claimed) return null;
    const existing = JSON.parse((await this.redis.get(storeKey)) ?? 'null') as Stored | null;
    if (!existing) return this.begin(storeKey, fingerprint);
    if (existing.fingerprint !== fingerprint) {
      throw new DomainError('idempotency/key_reused', 'This Idempotency-Key was used for a different request', 422);
    }
    if (existing.status === 0)
      throw new DomainError(
        'idempotency/in_progress',
        'A request with this Idempotency-Key is still being processed',
        409,
      );
    return existing;
  }
}
