import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  sealedOrKept,
  SecretKeyMissing,
  seal,
  secretKey,
  unseal,
} from '../../src/server/auth/secrets';
import { ApiError } from '../../src/server/errors';

describe('sealed secrets (AES-256-GCM)', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and the sealed text does not contain the secret', () => {
    const sealed = seal('client-secret-42', key);
    expect(sealed).not.toContain('client-secret-42');
    expect(seal('client-secret-42', key)).not.toBe(sealed);
    expect(unseal(sealed, key)).toBe('client-secret-42');
  });

  it('refuses altered text and another key', () => {
    const sealed = seal('client-secret-42', key);
    const parts = sealed.split('.');
    const altered = [...parts.slice(0, 3), Buffer.from('client-secret-43').toString('base64url')];
    expect(() => unseal(altered.join('.'), key)).toThrow();
    expect(() => unseal(sealed, randomBytes(32))).toThrow();
  });

  it('reads the key from KINDLING_SECRET_KEY, and has none in production without it', () => {
    const b64 = key.toString('base64');
    expect(secretKey({ KINDLING_SECRET_KEY: b64 })).toEqual(key);
    expect(secretKey({ KINDLING_SECRET_KEY: key.toString('hex') })).toEqual(key);
    expect(() => secretKey({ KINDLING_SECRET_KEY: 'short' })).toThrow(/32 bytes/);
    expect(() => secretKey({ NODE_ENV: 'production' })).toThrow(SecretKeyMissing);
    expect(secretKey({ NODE_ENV: 'test' })).toHaveLength(32);
  });
});

describe('a setting whose secret is never answered (SSO, LRS forwarding)', () => {
  const errors = { keyMissing: 'error.ssoKeyMissing', needed: 'error.ssoSecretNeeded' } as const;
  afterEach(() => vi.unstubAllEnvs());

  it('seals a new secret, keeps the stored one when none is sent, and refuses having none', () => {
    const fresh = sealedOrKept('new-secret', 'old-sealed', errors);
    expect(unseal(fresh)).toBe('new-secret');
    expect(sealedOrKept(undefined, 'old-sealed', errors)).toBe('old-sealed');
    const none = (() => {
      try {
        return sealedOrKept(undefined, undefined, errors);
      } catch (err) {
        return err;
      }
    })();
    expect(none).toBeInstanceOf(ApiError);
    expect(none).toMatchObject({ status: 400, code: 'invalid_request' });
  });

  it('answers 503 when the server has no key to seal with', () => {
    vi.stubEnv('KINDLING_SECRET_KEY', '');
    vi.stubEnv('NODE_ENV', 'production');
    expect(() => sealedOrKept('new-secret', undefined, errors)).toThrow(
      expect.objectContaining({ status: 503, code: 'secret_key_missing' }),
    );
  });
});
