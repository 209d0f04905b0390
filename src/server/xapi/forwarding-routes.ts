/**
 * Forwarding to the organisation's own LRS, as admins set it (issue 19): `GET`, `PUT` and
 * `DELETE /admin/xapi-forwarding`, admin-only and scoped to the admin's organisation.
 *
 * The endpoint must pass forward-target.ts's rule (https and a public host unless the server
 * allows private targets). The secret is sealed at rest and never answered: a reply says only
 * that one is set, and an update without `secret` keeps it. The reply carries how sending
 * stands: the backlog, the last success and the last error (a code the admin screen words).
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { ForwardingReply } from '../../core/api-admin';
import { requireRole } from '../auth/access';
import { sealedOrKept } from '../auth/secrets';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../env';
import { ApiError, parseInput, readJson } from '../errors';
import { withoutTrailingSlashes } from '../mail/outbox';
import { publicOrigin } from '../middleware/client-address';
import { forwardEndpointAllowed } from './forward-target';

const forwardingBody = z
  .object({
    endpoint: z.string().trim().min(1).max(500),
    key: z.string().trim().min(1).max(255),
    /** Left out on an update: the stored secret stays. */
    secret: z.string().min(1).max(1024).optional(),
  })
  .strict();

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

async function forwardingAnswer(c: Context<AppEnv>): Promise<ForwardingReply> {
  const f = await c.var.deps.store.getForwarding(c.var.user.orgId);
  return {
    forwarding: f
      ? {
          endpoint: f.endpoint,
          key: f.key,
          secretSet: true as const,
          backlog: f.backlog,
          lastSuccessAt: iso(f.lastSuccessAt),
          lastError: f.lastError && { ...f.lastError, at: iso(f.lastError.at)! },
          retryAt: f.failures > 0 ? iso(f.nextAttemptAt) : null,
        }
      : null,
  };
}

const admin = [requireUser(), requireRole('admin')] as const;

export const forwardingRoutes = new Hono<AppEnv>()
  .use('/admin/xapi-forwarding', ...admin)
  .get('/admin/xapi-forwarding', async (c) => c.json(await forwardingAnswer(c)))
  .put('/admin/xapi-forwarding', async (c) => {
    const body = parseInput(forwardingBody, await readJson(c));
    const { store, now, forwardPrivate } = c.var.deps;
    const orgId = c.var.user.orgId;
    const endpoint = withoutTrailingSlashes(body.endpoint);
    if (!(await forwardEndpointAllowed(endpoint, forwardPrivate === true)))
      throw new ApiError(400, 'invalid_endpoint', 'error.forwardEndpoint');
    const sealedSecret = sealedOrKept(
      body.secret,
      (await store.getForwarding(orgId))?.sealedSecret,
      {
        keyMissing: 'error.forwardKeyMissing',
        needed: 'error.forwardSecret',
      },
    );
    await store.saveForwarding({
      orgId,
      endpoint,
      key: body.key,
      sealedSecret,
      home: publicOrigin(c),
      updatedAt: now(),
    });
    return c.json(await forwardingAnswer(c));
  })
  .delete('/admin/xapi-forwarding', async (c) => {
    if (!(await c.var.deps.store.deleteForwarding(c.var.user.orgId)))
      throw new ApiError(404, 'not_found', 'error.noForwarding');
    return c.json({ forwarding: null } satisfies ForwardingReply);
  });
