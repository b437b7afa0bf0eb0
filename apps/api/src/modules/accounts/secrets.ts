import { createHash, randomBytes } from 'node:crypto';

/** Random URL-safe secret of `bytes` bytes. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Lookup hash for high-entropy secrets (session tokens, API keys); passwords use argon2id instead. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
