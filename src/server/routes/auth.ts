import type { MeReply, OkReply } from '../../core/api';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { deviceIdField } from '../../core/events';
import { DUMMY_HASH, verifyPassword } from '../auth/password';
import { endSession, requireUser, startSession } from '../auth/session';
import type { AppEnv } from '../env';
import type { SignInLimit } from '../store/store';
import { ApiError, parseInput, readJson, tooManyRequests } from '../errors';
import { clientAddress } from '../middleware/client-address';
import { domainOf, ssoAuthRoutes } from './sso';

const loginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
  /** The device signing in, which the server then knows from now on (store/devices.ts). */
  deviceId: deviceIdField.optional(),
});

/**
 * Sign-in limits count failures only, never successes, and slow a guesser down instead of locking
 * the owner out. Each key has some free failures in 15 minutes, then each attempt waits for the
 * one before (1 s, 2 s, 4 s… up to the cap), answered 429 with `Retry-After`:
 *
 * - an email at one address: 5 free, waits up to 15 minutes. Someone guessing from their own
 *   address slows only themselves; the owner at another address signs in as ever.
 * - an address, whatever the email: 100 free (a whole office can share one NAT address).
 * - an email from anywhere: 50 free, waits up to 1 minute, against guessing spread over many
 *   addresses. It does not apply at an address where that person signed in within 30 days, so
 *   even a spread-out attack cannot keep the owner out where they usually sign in.
 *
 * A success forgets the failures of its email at its address and takes back its own count
 * elsewhere, so a person who signs in fifty times is never limited.
 */
export const LOGIN_LIMITS = {
  pair: { free: 5, capMs: 15 * 60_000, windowMs: 15 * 60_000 },
  address: { free: 100, capMs: 15 * 60_000, windowMs: 15 * 60_000 },
  email: { free: 50, capMs: 60_000, windowMs: 15 * 60_000 },
  knownMs: 30 * 86_400_000,
} satisfies Record<string, SignInLimit | number>;

/**
 * Counts this attempt against its keys (pair first: whether the address is known to be the
 * owner's), or refuses it with the longest wait; a refused attempt takes back what it counted.
 */
async function claimSignIn(c: Context<AppEnv>, email: string): Promise<string[]> {
  const { store, now } = c.var.deps;
  const address = clientAddress(c);
  const keys: Array<[string, SignInLimit]> = [
    [`login:pair:${email}|${address}`, LOGIN_LIMITS.pair],
    [`login:ip:${address}`, LOGIN_LIMITS.address],
    [`login:email:${email}`, LOGIN_LIMITS.email],
  ];
  const claimed: string[] = [];
  for (const [key, limit] of keys) {
    const claim = await store.claimSignIn(key, limit, now());
    if (!claim.ok) {
      await Promise.all(claimed.map((k) => store.releaseSignIn(k)));
      const seconds = Math.max(1, Math.ceil((claim.retryAt - now()) / 1000));
      throw tooManyRequests('error.signInWait', seconds, { count: seconds });
    }
    claimed.push(key);
    if (key.startsWith('login:pair:') && claim.known) break;
  }
  return claimed;
}

export const authRoutes = new Hono<AppEnv>()
  .post('/auth/login', async (c) => {
    const { email, password, deviceId } = parseInput(loginBody, await readJson(c));
    const { store, now } = c.var.deps;
    const [pair, ...others] = await claimSignIn(c, email);
    const login = await store.findLogin(email);
    const ok = await verifyPassword(password, login?.passwordHash ?? DUMMY_HASH);
    if (!login || !ok) throw new ApiError(401, 'bad_credentials', 'error.badCredentials');
    await store.signInSucceeded(pair!, now(), now() + LOGIN_LIMITS.knownMs);
    await Promise.all(others.map((k) => store.releaseSignIn(k)));
    // Where the organisation signs in at its provider, passwords stay only for admins (break-glass).
    if (login.user.role !== 'admin') {
      const sso = await store.ssoConfigForDomain(domainOf(email));
      if (sso && !sso.passwordSignIn)
        throw new ApiError(403, 'password_sign_in_off', 'error.ssoPasswordOnly');
    }
    await startSession(c, login.user.id);
    if (deviceId) await store.noteDevice(login.user.id, deviceId, now());
    return c.json({ user: login.user } satisfies MeReply);
  })
  .post('/auth/logout', requireUser(), async (c) => {
    await endSession(c);
    return c.json({ ok: true } satisfies OkReply);
  })
  .get('/me', requireUser(), (c) => c.json({ user: c.var.user } satisfies MeReply))
  .route('/', ssoAuthRoutes);
