import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * The caller's address for rate limits. Behind a reverse proxy set TRUST_PROXY=1 so the first
 * X-Forwarded-For hop is used; otherwise the socket address (or "local" under app.request()).
 */
export function clientAddress(c: Context): string {
  if (process.env.TRUST_PROXY === '1') {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'local';
  }
}

/**
 * The origin the browser sees. A reverse proxy that ends TLS talks plain HTTP to us, so with
 * TRUST_PROXY=1 the scheme comes from its X-Forwarded-Proto; otherwise from the request itself.
 */
export function publicOrigin(c: Context): string {
  const url = new URL(c.req.url);
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
  if (process.env.TRUST_PROXY === '1' && (proto === 'https' || proto === 'http'))
    url.protocol = `${proto}:`;
  return url.origin;
}
