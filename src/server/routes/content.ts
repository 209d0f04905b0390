import { Hono } from 'hono';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';

/** Content is the same for every signed-in learner; the version lets caches replace old copies. */
export const contentRoutes = new Hono<AppEnv>()
  .use(requireUser())
  .get('/catalog', async (c) => {
    c.header('Cache-Control', 'private, no-cache');
    return c.json(await c.var.deps.store.getCatalog());
  })
  .get('/modules/:id', async (c) => {
    const module = await c.var.deps.store.getModule(c.req.param('id'));
    if (!module) throw new ApiError(404, 'not_found', 'There is no module with that id.');
    c.header('Cache-Control', 'private, no-cache');
    c.header('ETag', `"${module.version}"`);
    return c.json(module);
  });
