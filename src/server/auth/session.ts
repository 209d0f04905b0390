/**
 * Sessions: a random token in an HttpOnly, SameSite=Lax cookie (Secure outside localhost); the
 * database keeps only its SHA-256, so a leaked table cannot be replayed as cookies.
 *
 * A cookie rides along on any request the browser makes, whoever started it, so a change made
 * with the session must prove it comes from this site (CSRF): `Origin` equal to the app's origin,
 * or — where a browser leaves Origin out — `Sec-Fetch-Site: same-origin`. Neither: 403. A form or
 * `text/plain` fetch from another site gets no further than this guard, SameSite or not. Machine
 * clients (SCIM bearer tokens, xAPI Basic credentials) have no session and are not asked.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { publicOrigin } from '../middleware/client-address';
import { isLocalhost } from '../middleware/security';

export const SESSION_COOKIE = 'kindling_session';
export const SESSION_DAYS = 30;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function startSession(c: Context<AppEnv>, userId: string): Promise<void> {
  const { store, now } = c.var.deps;
  const token = randomBytes(32).toString('base64url');
  const expiresAt = now() + SESSION_DAYS * 86_400_000;
  await store.createSession(hashToken(token), userId, expiresAt);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: !isLocalhost(new URL(c.req.url).hostname),
    path: '/',
    maxAge: SESSION_DAYS * 86_400,
  });
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await c.var.deps.store.deleteSession(hashToken(token));
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether a request says it was made by this site's own pages (or its service worker). */
export function fromThisSite(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) return origin === publicOrigin(c);
  return c.req.header('sec-fetch-site') === 'same-origin';
}

/**
 * Requires a live session; answers 401 `unauthenticated` otherwise. A change (any method but
 * GET/HEAD/OPTIONS) must also come from this site: 403 `bad_origin` otherwise.
 */
export const requireUser = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  if (token && !READS.has(c.req.method) && !fromThisSite(c))
    throw new ApiError(403, 'bad_origin', 'error.originRequired');
  const { store, now } = c.var.deps;
  const sessionHash = token ? hashToken(token) : undefined;
  const session = sessionHash ? await store.getSession(sessionHash, now()) : undefined;
  const user = session ? await store.getUser(session.userId) : undefined;
  if (!user || !sessionHash) throw new ApiError(401, 'unauthenticated', 'error.unauthenticated');
  c.set('user', user);
  c.set('sessionHash', sessionHash);
  await next();
};
