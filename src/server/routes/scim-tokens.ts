/**
 * Admins issue and revoke the bearer tokens a directory (Entra ID, Okta, Keycloak…) uses for
 * `/scim/v2`, each scoped to the admin's organisation. The token is answered once, at creation;
 * the store keeps its SHA-256 only, so a list never shows it again.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import type { RevokedReply, ScimTokenCreated, ScimTokensReply } from '../../core/api-admin';
import { requireRole } from '../auth/access';
import { requireUser } from '../auth/session';
import { newScimToken, scimTokenHash } from '../auth/tokens';
import type { AppEnv } from '../env';
import { ApiError, parseInput, readJson } from '../errors';

const tokenBody = z.object({ name: z.string().trim().min(1).max(80) }).strict();

export const scimTokenRoutes = new Hono<AppEnv>()
  .use('/admin/scim-tokens', requireUser(), requireRole('admin'))
  .use('/admin/scim-tokens/*', requireUser(), requireRole('admin'))
  .get('/admin/scim-tokens', async (c) => {
    const tokens = await c.var.deps.store.listScimTokens(c.var.user.orgId);
    return c.json({
      tokens: tokens.map((t) => ({
        id: t.id,
        name: t.name,
        createdAt: new Date(t.createdAt).toISOString(),
        lastUsedAt: t.lastUsedAt === null ? null : new Date(t.lastUsedAt).toISOString(),
      })),
      scimUrl: `${new URL(c.req.url).origin}/scim/v2`,
    } satisfies ScimTokensReply);
  })
  .post('/admin/scim-tokens', async (c) => {
    const { name } = parseInput(tokenBody, await readJson(c));
    const { store, now } = c.var.deps;
    const id = randomUUID();
    const token = newScimToken();
    await store.createScimToken({
      id,
      orgId: c.var.user.orgId,
      name,
      tokenHash: scimTokenHash(token),
      createdBy: c.var.user.id,
      createdAt: now(),
    });
    return c.json({ id, name, token } satisfies ScimTokenCreated, 201);
  })
  .delete('/admin/scim-tokens/:id', async (c) => {
    const { store, now } = c.var.deps;
    if (!(await store.revokeScimToken(c.var.user.orgId, c.req.param('id'), now())))
      throw new ApiError(404, 'not_found', 'error.noScimToken');
    return c.json({ revoked: true } satisfies RevokedReply);
  });
