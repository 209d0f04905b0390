import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { requireUser } from '../auth/session';
import { sealAssessment } from '../../core/mastery';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import { isLocale } from '../content/translation';
import type { Locale } from '../../core/wording';

/** The language the app asks content in (`?lang=de`); the original (undefined) otherwise. */
export function contentLocale(c: Context<AppEnv>): Locale | undefined {
  const lang = c.req.query('lang');
  return isLocale(lang) ? lang : undefined;
}

/**
 * Content is shipped content plus the caller's organisation's uploads (never another org's). ETags name what changed: the catalog's is a
 * hash of its body (the service worker tells pages when a revalidation brings a new one), a
 * module's is its version. A module's `?v=` only keys caches; the current version is served, its
 * assessment sealed (no answer key, no explanations: see `sealAssessment`). Both come in the
 * language the app asks for (`?lang=`), falling back to the original for what is not translated.
 */
export const contentRoutes = new Hono<AppEnv>()
  .get('/catalog', requireUser(), async (c) => {
    const body = JSON.stringify(
      await c.var.deps.store.getCatalog(c.var.user.orgId, contentLocale(c)),
    );
    c.header('Cache-Control', 'private, no-cache');
    c.header('ETag', `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`);
    c.header('Content-Type', 'application/json');
    return c.body(body);
  })
  .get('/modules/:id', requireUser(), async (c) => {
    const module = await c.var.deps.store.getModule(
      c.req.param('id'),
      c.var.user.orgId,
      contentLocale(c),
    );
    if (!module) throw new ApiError(404, 'not_found', 'error.noModule');
    c.header('Cache-Control', 'private, no-cache');
    c.header('ETag', `"${module.version}"`);
    // The assessment's key never leaves the server (downloads and the service worker's cache
    // store this very response).
    return c.json(sealAssessment(module));
  });
