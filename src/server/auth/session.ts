/**
 * Sessions: a random token in an HttpOnly, SameSite=Lax cookie (Secure outside localhost); the
 * database keeps only its SHA-256, so a leaked table cannot be replayed as cookies.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
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

/** Requires a live session; answers 401 `unauthenticated` otherwise. */
export const requireUser = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  const { store, now } = c.var.deps;
  const sessionHash = token ? hashToken(token) : undefined;
  const session = sessionHash ? await store.getSession(sessionHash, now()) : undefined;
  const user = session ? await store.getUser(session.userId) : undefined;
  if (!user || !sessionHash) throw new ApiError(401, 'unauthenticated', 'error.unauthenticated');
  c.set('user', user);
  c.set('sessionHash', sessionHash);
  await next();
};
