/** Signs people in without a password round-trip: a real session row, a real cookie. */
import { randomBytes } from 'node:crypto';
import { hashToken, SESSION_COOKIE } from '../../src/server/auth/session';
import type { Store } from '../../src/server/store/store';

export async function sessionCookie(store: Store, userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await store.createSession(hashToken(token), userId, Date.now() + 30 * 86_400_000);
  return `${SESSION_COOKIE}=${token}`;
}
