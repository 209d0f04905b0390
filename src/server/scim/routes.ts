/**
 * `/scim/v2`: SCIM 2.0 provisioning (RFC 7644) for one organisation per bearer token. Users are
 * the organisation's people, Groups its cohorts. Filters are parsed by scim2-parse-filter and
 * answered in SQL (store/scim-filter.ts); PATCH is applied by scim-patch to the resource as shown
 * and the result read like a PUT (resources.ts). A write that would change nothing writes nothing,
 * so a directory's full re-sync leaves the database as it was.
 *
 * Deleting never removes anyone: a deleted person is deactivated (sessions end, history and pilot
 * figures stay) and answered 404; a POST of their userName brings them back with their history.
 * A deleted group keeps its cohort and members and is no longer shown to the directory.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { revokeLostAccess } from '../auth/revoke';
import { scimTokenHash } from '../auth/tokens';
import type { AppDeps } from '../env';
import { MAX_API_BODY_BYTES } from '../middleware/body-limit';
import { resourceTypes, schemas, serviceProviderConfig } from './discovery';
import { onScimError, ScimError, scimJson, tooLarge } from './errors';
import {
  base,
  body,
  filterRefused,
  listQuery,
  listResponse,
  membersWanted,
  notFound,
  one,
  type C,
  type ScimEnv,
} from './exchange';
import { bareMembers, patched } from './patch';
import { givesTimezone, groupInput, groupResource, personInput, userResource } from './resources';
import { checkMembers, person, saveGroup, savePerson } from './save';

export type { ScimEnv } from './exchange';

const TOUCH_EVERY_MS = 60_000;

/** Bearer token → the organisation it was issued for; anything else is 401. */
async function requireScimToken(c: C, next: () => Promise<void>) {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
  const { store, now } = c.var.deps;
  const token = match ? await store.scimTokenByHash(scimTokenHash(match[1]!)) : undefined;
  if (!token) throw new ScimError(401, undefined, 'error.scim.unauthorized');
  if (token.lastUsedAt === null || now() - token.lastUsedAt > TOUCH_EVERY_MS)
    await store.touchScimToken(token.id, now());
  c.set('orgId', token.orgId);
  await next();
}

/** A fixed discovery resource (ResourceTypes, Schemas), all of it as one list. */
const listAll = (all: (base: string) => Record<string, unknown>[]) => (c: C) => {
  const found = all(base(c));
  return listResponse(c, found.length, 0, found);
};

/** One of a fixed discovery resource, by its `:id`; 404 when there is none such. */
const oneById = (all: (base: string) => Array<{ id: string }>) => (c: C) => {
  const found = all(base(c)).find((r) => r.id === c.req.param('id'));
  if (!found) throw notFound();
  return scimJson(c, found);
};

function notImplemented(endpoint: string): never {
  throw new ScimError(501, undefined, 'error.scim.notImplemented', { endpoint });
}

export function scimRoutes(deps: AppDeps) {
  const scim = new Hono<ScimEnv>();
  scim.onError(onScimError);
  scim.use('*', async (c, next) => {
    c.set('deps', deps);
    c.header('Cache-Control', 'no-store');
    await next();
  });
  scim.use(
    '*',
    bodyLimit({ maxSize: MAX_API_BODY_BYTES, onError: (c) => onScimError(tooLarge(), c) }),
  );
  scim.use('*', requireScimToken);
  return (
    scim
      .get('/ServiceProviderConfig', (c) => scimJson(c, serviceProviderConfig(base(c))))
      .get('/ResourceTypes', listAll(resourceTypes))
      .get('/ResourceTypes/:id', oneById(resourceTypes))
      .get('/Schemas', listAll(schemas))
      .get('/Schemas/:id', oneById(schemas))
      .get('/Users', async (c) => {
        const query = listQuery(c);
        const { total, people } = await c.var.deps.store
          .findDirectoryPeople(c.var.orgId, query)
          .catch(filterRefused);
        return listResponse(
          c,
          total,
          query.offset,
          people.map((p) => userResource(p, base(c))),
        );
      })
      .get('/Users/:id', async (c) => one(c, userResource(await person(c), base(c))))
      .post('/Users', async (c) => {
        const raw = await body(c);
        const { person: saved } = await savePerson(
          c,
          undefined,
          personInput(raw),
          givesTimezone(raw),
        );
        return one(c, userResource(saved, base(c)), 201);
      })
      .put('/Users/:id', async (c) => {
        const current = await person(c);
        const { person: saved } = await savePerson(c, current, personInput(await body(c), current));
        return one(c, userResource(saved, base(c)));
      })
      .patch('/Users/:id', async (c) => {
        const current = await person(c);
        const next = patched(userResource(current, base(c)), await body(c));
        const { person: saved } = await savePerson(c, current, personInput(next, current));
        return one(c, userResource(saved, base(c)));
      })
      .delete('/Users/:id', async (c) => {
        const { store, now } = c.var.deps;
        const id = c.req.param('id');
        if (!(await store.deleteDirectoryPerson(c.var.orgId, id, now()))) throw notFound();
        await revokeLostAccess(
          store,
          { orgId: c.var.orgId, userId: id, active: false, role: 'learner' },
          now(),
        );
        return c.body(null, 204);
      })
      .get('/Groups', async (c) => {
        const query = listQuery(c);
        const { total, groups } = await c.var.deps.store
          .findDirectoryGroups(c.var.orgId, query, membersWanted(c))
          .catch(filterRefused);
        return listResponse(
          c,
          total,
          query.offset,
          groups.map((g) => groupResource(g, base(c))),
        );
      })
      .get('/Groups/:id', async (c) => {
        const group = await c.var.deps.store.getDirectoryGroup(
          c.var.orgId,
          c.req.param('id'),
          membersWanted(c),
        );
        if (!group) throw notFound();
        return one(c, groupResource(group, base(c)));
      })
      .post('/Groups', async (c) => {
        const input = groupInput(await body(c));
        await checkMembers(c, input.memberIds);
        const { store, now } = c.var.deps;
        const id = `c-${randomUUID()}`;
        await store.createDirectoryGroup(
          { id, orgId: c.var.orgId, name: input.name, externalId: input.externalId, tz: 'UTC' },
          input.memberIds,
          now(),
        );
        const group = (await store.getDirectoryGroup(c.var.orgId, id, true))!;
        return one(c, groupResource(group, base(c)), 201);
      })
      .put('/Groups/:id', async (c) => {
        const id = c.req.param('id');
        await saveGroup(c, id, groupInput(await body(c), id));
        const group = (await c.var.deps.store.getDirectoryGroup(c.var.orgId, id, true))!;
        return one(c, groupResource(group, base(c)));
      })
      .patch('/Groups/:id', async (c) => {
        const id = c.req.param('id');
        const current = await c.var.deps.store.getDirectoryGroup(c.var.orgId, id, true);
        if (!current) throw notFound();
        // Members as bare values, so `remove` with `[{ "value": … }]` matches them exactly.
        const shownGroup = {
          ...groupResource({ ...current, memberIds: [] }, base(c)),
          members: current.memberIds!.map((value) => ({ value })),
        };
        await saveGroup(c, id, groupInput(patched(shownGroup, bareMembers(await body(c))), id));
        const group = (await c.var.deps.store.getDirectoryGroup(c.var.orgId, id, true))!;
        return one(c, groupResource(group, base(c)));
      })
      .delete('/Groups/:id', async (c) => {
        const { store, now } = c.var.deps;
        if (!(await store.deleteDirectoryGroup(c.var.orgId, c.req.param('id'), now())))
          throw notFound();
        return c.body(null, 204);
      })
      // What ServiceProviderConfig says is not supported answers so (RFC 7644 §3.11: /Me 501).
      .on(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], '/Me', () => notImplemented('/Me'))
      .post('/Bulk', () => notImplemented('/Bulk'))
      .all('*', () => {
        throw new ScimError(404, undefined, 'error.scim.noRoute');
      })
  );
}
