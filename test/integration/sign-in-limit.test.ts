/**
 * The sign-in limit counts failures only, per email at an address, per address and per email,
 * and slows a guesser down (429 + Retry-After) instead of locking the owner out.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/server/app';
import { LOGIN_LIMITS } from '../../src/server/routes/auth';
import type { Store } from '../../src/server/store/store';
import { clientFor, type App } from '../support/api';
import { demoStore } from '../support/server';

let store: Store;
let app: App;
let clock = Date.parse('2026-03-02T09:00:00Z');

beforeAll(async () => {
  store = await demoStore();
  app = createApp({ store, now: () => clock });
});
afterAll(() => store.close());
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const signIn = (email: string, password: string, from: string) => {
  vi.stubEnv('TRUST_PROXY', '1');
  return clientFor(app).post(
    '/api/v1/auth/login',
    { email, password },
    { 'x-forwarded-for': from },
  );
};

describe('sign-in limit', () => {
  it('eleven wrong guesses from an attacker’s address do not lock the owner out of their own', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await signIn('learner@demo.test', `guess-${i}`, '203.0.113.9')).status);
    // Five free failures, then the guesser must wait before each further try.
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses.slice(6)).toEqual([429, 429, 429, 429, 429]);
    const refused = await signIn('learner@demo.test', 'learn-daily', '203.0.113.9');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).error.key).toBe('error.signInWait');

    // The owner, from their own address, signs in at once.
    expect((await signIn('learner@demo.test', 'learn-daily', '198.51.100.7')).status).toBe(200);
  });

  it('the wait grows with each failure, and a guess is only checked once the wait is over', async () => {
    const from = '203.0.113.10';
    for (let i = 0; i < 6; i++) await signIn('learner2@demo.test', `guess-${i}`, from);
    let res = await signIn('learner2@demo.test', 'guess-x', from);
    expect(res.headers.get('retry-after')).toBe('1');
    clock += 1000;
    expect((await signIn('learner2@demo.test', 'guess-7', from)).status).toBe(401);
    res = await signIn('learner2@demo.test', 'guess-x', from);
    expect(res.headers.get('retry-after')).toBe('2');
    clock += 2000;
    // The right password after the wait signs in, and forgets this address's failures.
    expect((await signIn('learner2@demo.test', 'learn-daily', from)).status).toBe(200);
    expect((await signIn('learner2@demo.test', 'guess-9', from)).status).toBe(401);
  });

  it('a person who signs in successfully many times in a row is never limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++)
      statuses.push((await signIn('manager@demo.test', 'learn-daily', '198.51.100.20')).status);
    expect(statuses).toEqual(Array(15).fill(200));
  });

  it('guesses spread over many addresses slow the email, but not where the owner signs in', async () => {
    // A smaller bound than the shipped 50, so the test hashes a handful of passwords.
    vi.spyOn(LOGIN_LIMITS.email, 'free', 'get').mockReturnValue(3);
    expect((await signIn('admin@demo.test', 'learn-daily', '198.51.100.30')).status).toBe(200);
    for (let i = 0; i < 4; i++) await signIn('admin@demo.test', `guess-${i}`, `192.0.2.${i}`);
    expect((await signIn('admin@demo.test', 'guess-x', '192.0.2.200')).status).toBe(429);
    expect((await signIn('admin@demo.test', 'learn-daily', '198.51.100.30')).status).toBe(200);
  });
});
