import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretKeyMissing, seal, secretKey, unseal } from '../../src/server/auth/secrets';

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
