/**
 * Secrets kept at rest (an OpenID provider's client secret) are sealed with AES-256-GCM under the
 * key in `KINDLING_SECRET_KEY`: 32 bytes as base64 or hex (`openssl rand -base64 32`). Outside
 * production, with the variable unset, a fixed development key is used (derived from a constant:
 * it protects nothing, and says so in the log once); production refuses to seal or open without
 * a key. Sealed text: `v1.<iv>.<tag>.<ciphertext>`, each base64url.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { ErrorKey } from '../../core/phrases/errors';
import { ApiError } from '../errors';

const DEV_KEY = createHash('sha256').update('kindling development secret key').digest();

export class SecretKeyMissing extends Error {
  constructor() {
    super('KINDLING_SECRET_KEY is not set');
  }
}

let warned = false;

/** The sealing key from the environment, or the development key outside production. */
export function secretKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const text = env.KINDLING_SECRET_KEY?.trim();
  if (text) {
    const key = /^[0-9a-f]{64}$/i.test(text)
      ? Buffer.from(text, 'hex')
      : Buffer.from(text, 'base64');
    if (key.length !== 32) throw new Error('KINDLING_SECRET_KEY must be 32 bytes (base64 or hex)');
    return key;
  }
  if (env.NODE_ENV === 'production') throw new SecretKeyMissing();
  if (!warned && env.NODE_ENV !== 'test' && !env.VITEST) {
    warned = true;
    console.warn('KINDLING_SECRET_KEY is not set: sealing secrets with the development key.');
  }
  return DEV_KEY;
}

export function seal(plain: string, key = secretKey()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/** Opens sealed text; throws when it was sealed under another key or altered. */
export function unseal(sealed: string, key = secretKey()): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(data, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}

/**
 * The sealed secret an admin's setting keeps: `sent` sealed when a new one came, else `kept` (a
 * blank field keeps the stored secret). 503 with `keyMissing` when this server has no key to seal
 * with; 400 with `needed` when there is no secret at all.
 */
export function sealedOrKept(
  sent: string | undefined,
  kept: string | undefined,
  errors: { keyMissing: ErrorKey; needed: ErrorKey },
): string {
  let sealed = kept;
  try {
    if (sent !== undefined) sealed = seal(sent);
  } catch (err) {
    if (err instanceof SecretKeyMissing)
      throw new ApiError(503, 'secret_key_missing', errors.keyMissing);
    throw err;
  }
  if (!sealed) throw new ApiError(400, 'invalid_request', errors.needed);
  return sealed;
}
