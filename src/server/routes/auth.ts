import type { MeReply } from '../../core/api';
import { Hono } from 'hono';
import { z } from 'zod';
import { DUMMY_HASH, verifyPassword } from '../auth/password';
import { endSession, requireUser, startSession } from '../auth/session';
import type { AppEnv } from '../env';
import { ApiError, parseInput, readJson } from '../errors';
import { clientAddress } from '../middleware/client-address';
import { domainOf, ssoAuthRoutes } from './sso';

const loginBody = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

/**
 * Sign-in attempts allowed in one window: per email (guessing one password), and a wider one per
 * address, since a whole office can share one NAT address.
 */
export const LOGIN_LIMIT = { perEmail: 10, perAddress: 200, windowMs: 15 * 60_000 };

export const authRoutes = new Hono<AppEnv>()
  .post('/auth/login', async (c) => {
    const { email, password } = parseInput(loginBody, await readJson(c));
    const { store, now } = c.var.deps;
    const [byEmail, byAddress] = await Promise.all(
      [`login:email:${email}`, `login:ip:${clientAddress(c)}`].map((k) =>
        store.hitRateLimit(k, LOGIN_LIMIT.windowMs, now()),
      ),
    );
    if (byEmail! > LOGIN_LIMIT.perEmail || byAddress! > LOGIN_LIMIT.perAddress)
      throw new ApiError(429, 'rate_limited', 'error.tooManySignIns');
    const login = await store.findLogin(email);
    const ok = await verifyPassword(password, login?.passwordHash ?? DUMMY_HASH);
    if (!login || !ok) throw new ApiError(401, 'bad_credentials', 'error.badCredentials');
    // Where the organisation signs in at its provider, passwords stay only for admins (break-glass).
    if (login.user.role !== 'admin') {
      const sso = await store.ssoConfigForDomain(domainOf(email));
      if (sso && !sso.passwordSignIn)
        throw new ApiError(403, 'password_sign_in_off', 'error.ssoPasswordOnly');
    }
    await startSession(c, login.user.id);
    return c.json({ user: login.user } satisfies MeReply);
  })
  .post('/auth/logout', requireUser(), async (c) => {
    await endSession(c);
    return c.json({ ok: true });
  })
  .get('/me', requireUser(), (c) => c.json({ user: c.var.user } satisfies MeReply))
  .route('/', ssoAuthRoutes);
