import { defineEntity, p } from '@mikro-orm/core';
import { Organization } from './organization.entity.js';

/**
 * An integrator's key. The secret is shown once; only its SHA-256 is kept (keys are 32 random bytes, so a
 * fast hash is as safe as a slow one and keeps every API request cheap).
 */
export const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_keys',
  properties: {
    id: p.uuid().primary(),
    organization: () => p.manyToOne(Organization).ref().index(),
    name: p.string().length(100),
    /** The first characters of the key, shown in lists so a customer can tell keys apart. */
    prefix: p.string().length(16),
    keyHash: p.string().length(64).unique(),
    createdAt: p.datetime().onCreate(() => new Date()),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
