import { randomUUID } from 'node:crypto';
import type { ApiKeySummary, CreatedApiKey } from '@mtredi/api-contract';
import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../../common/auth/auth-context.js';
import { DomainError, NotFoundError } from '../../common/domain-error.js';
import { ReadCache } from '../../common/read-cache.js';
import { Tenancy } from '../../db/tenancy.js';
import { ApiKey } from './api-key.entity.js';
import { newSecret, sha256 } from './secrets.js';

/** Keys look like `mtr_<8 char prefix>_<secret>`; the prefix is kept in clear so lists can show it. */
const KEY_PATTERN = /^mtr_([A-Za-z0-9]{8})_[A-Za-z0-9_-]{30,}$/;
/** last_used_at is refreshed at most this often, so busy keys do not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** A revocation reaches other API processes within this time (this process forgets the key at once). */
const KEY_CACHE_MS = 5_000;

interface KnownKey {
  id: string;
  organizationId: string;
  lastUsedAt: number;
}

@Injectable()
export class ApiKeysService {
  private readonly known = new ReadCache<KnownKey>({ ttlMs: KEY_CACHE_MS, max: 10_000 });

  constructor(private readonly tenancy: Tenancy) {}

  async list(auth: AuthContext): Promise<{ items: ApiKeySummary[] }> {
    const keys = await this.tenancy.of(auth).find(ApiKey, {}, { orderBy: { createdAt: 'desc' } });
    return { items: keys.map(toSummary) };
  }

  async createFor(auth: AuthContext, name: string): Promise<CreatedApiKey> {
    const { id, key } = await this.create(auth.organizationId, name);
    const created = await this.tenancy.of(auth).findOneOrFail(ApiKey, { id });
    return { ...toSummary(created), key };
  }

  /** Revokes a key of the caller's organization; requests with it fail from now on. Idempotent. */
  async revoke(auth: AuthContext, id: string): Promise<void> {
    const em = this.tenancy.of(auth);
    const key = await em.findOne(ApiKey, { id });
    if (!key) throw new NotFoundError('api_keys', id);
    if (!key.revokedAt) await em.nativeUpdate(ApiKey, { id }, { revokedAt: new Date() });
    this.known.clear();
  }

  /** Creates a key and returns its secret; this is the only time the secret exists outside the caller. */
  async create(organizationId: string, name: string): Promise<{ id: string; key: string }> {
    const prefix = newSecret(6)
      .replace(/[^A-Za-z0-9]/g, 'x')
      .slice(0, 8);
    const key = `mtr_${prefix}_${newSecret(32)}`;
    const id = randomUUID();
    await this.tenancy.system().insert(ApiKey, {
      id,
      organization: organizationId,
      name,
      prefix,
      keyHash: sha256(key),
      createdAt: new Date(),
    });
    return { id, key };
  }

  async authenticate(key: string): Promise<AuthContext> {
    const invalid = () => new DomainError('auth/invalid_api_key', 'The API key is not valid or has been revoked', 401);
    if (!KEY_PATTERN.test(key)) throw invalid();
    const found = await this.known.get(sha256(key), async () => {
      const row = await this.tenancy.system().findOne(ApiKey, { keyHash: sha256(key), revokedAt: null });
      return row
        ? { id: row.id, organizationId: row.organization.id, lastUsedAt: row.lastUsedAt?.getTime() ?? 0 }
        : undefined;
    });
    if (!found) throw invalid();
    const now = Date.now();
    if (now - found.lastUsedAt > LAST_USED_RESOLUTION_MS) {
      found.lastUsedAt = now;
      await this.tenancy.system().nativeUpdate(ApiKey, { id: found.id }, { lastUsedAt: new Date(now) });
    }
    return { organizationId: found.organizationId, userId: null, apiKeyId: found.id, role: 'integrator' };
  }
}

function toSummary(k: ApiKey): ApiKeySummary {
  return {
    id: k.id,
    name: k.name,
    prefix: `mtr_${k.prefix}_…`,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
