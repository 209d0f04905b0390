/**
 * Security headers on every response, and an Origin check on every state-changing request.
 * The CSP allows no inline script: the built app ships only same-origin files.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { errorBody } from '../errors';
import { publicOrigin } from './client-address';

const policy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

const headersWith = (hsts: boolean) =>
  secureHeaders({
    contentSecurityPolicy: policy,
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: hsts ? 'max-age=31536000; includeSubDomains' : false,
    crossOriginEmbedderPolicy: false,
    xFrameOptions: 'DENY',
  });

/** HSTS only where the site is served over HTTPS for real: not on localhost. */
export const securityHeaders = (): MiddlewareHandler => {
  const remote = headersWith(true);
  const local = headersWith(false);
  return (c, next) => (isLocalhost(new URL(c.req.url).hostname) ? local(c, next) : remote(c, next));
};

export function isLocalhost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname.startsWith('127.');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Browsers always send Origin on cross-site writes; a foreign one is refused. */
export const sameOrigin = (): MiddlewareHandler => async (c, next) => {
  const origin = c.req.header('origin');
  if (!SAFE_METHODS.has(c.req.method) && origin && origin !== publicOrigin(c))
    return c.json(errorBody('bad_origin', 'error.badOrigin'), 403);
  await next();
};
