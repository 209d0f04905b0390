/**
 * LRS credentials (issue 19): an admin creates HTTP Basic key/secret pairs for their
 * organisation's Learning Record Store at `/xapi`, sees them listed (never the secret again) and
 * revokes them. The secret is shown once and stored as its SHA-256 (it is 32 random bytes, so a
 * fast hash is enough: there is nothing to guess).
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { LrsCredentialCreated, LrsCredentialsReply, RevokedReply } from '../../core/api-admin';
import { requireRole } from '../auth/access';
import { hashToken, requireUser } from '../auth/session';
import type { AppEnv } from '../env';
import { ApiError, parseInput, readJson } from '../errors';
import type { LrsCredential } from '../store/store';
import type { XapiEnv } from './env';

const credentialBody = z.object({
  name: z.string().trim().min(1).max(80),
  scope: z.enum(['read', 'all']),
});

const secretHash = (secret: string) => hashToken(`lrs:${secret}`);

const admin = [requireUser(), requireRole('admin')] as const;

export const lrsCredentialRoutes = new Hono<AppEnv>()
  .use('/admin/lrs-credentials', ...admin)
  .use('/admin/lrs-credentials/*', ...admin)
  .post('/admin/lrs-credentials', async (c) => {
    const { name, scope } = parseInput(credentialBody, await readJson(c));
    const { store, now } = c.var.deps;
    const id = randomUUID();
    const key = `lrs-${randomBytes(12).toString('hex')}`;
    const secret = randomBytes(32).toString('base64url');
    await store.createLrsCredential({
      id,
      orgId: c.var.user.orgId,
      name,
      key,
      scope,
      createdAt: now(),
      revokedAt: null,
      secretHash: secretHash(secret),
    });
    return c.json({ id, key, secret, name, scope } satisfies LrsCredentialCreated, 201);
  })
  .get('/admin/lrs-credentials', async (c) =>
    c.json({
      credentials: await c.var.deps.store.listLrsCredentials(c.var.user.orgId),
    } satisfies LrsCredentialsReply),
  )
  .post('/admin/lrs-credentials/:id/revoke', async (c) => {
    const { store, now } = c.var.deps;
    if (!(await store.revokeLrsCredential(c.var.user.orgId, c.req.param('id'), now())))
      throw new ApiError(404, 'not_found', 'error.xapi.noCredential');
    return c.json({ revoked: true } satisfies RevokedReply);
  });

function basicCredentials(header: string | undefined): { key: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const text = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? undefined : { key: text.slice(0, colon), secret: text.slice(colon + 1) };
}

const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * HTTP Basic with a live LRS credential: the request acts for the credential's organisation.
 * A read-only credential may use GET and HEAD only (403 otherwise).
 */
export const requireLrsCredential = (): MiddlewareHandler<XapiEnv> => async (c, next) => {
  const given = basicCredentials(c.req.header('authorization'));
  const credential = given && (await c.var.deps.store.lrsCredential(given.key));
  if (!given || !credential || !sameHash(credential.secretHash, secretHash(given.secret))) {
    c.header('WWW-Authenticate', 'Basic realm="Kindling LRS", charset="UTF-8"');
    throw new ApiError(401, 'unauthenticated', 'error.xapi.credentials');
  }
  if (credential.scope === 'read' && c.req.method !== 'GET' && c.req.method !== 'HEAD')
    throw new ApiError(403, 'forbidden', 'error.xapi.readOnly');
  const { secretHash: _hash, ...caller } = credential;
  c.set('lrs', caller satisfies LrsCredential);
  await next();
};
