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
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { parse, type Filter } from 'scim2-parse-filter';
import { scimPatch, ScimError as PatchError, NoPathInScimPatchOp, NoTarget } from 'scim-patch';
import type { ScimPatchOperation, ScimResource } from 'scim-patch';
import { revokeLostAccess } from '../auth/revoke';
import { scimTokenHash } from '../auth/tokens';
import type { AppDeps } from '../env';
import { MAX_API_BODY_BYTES } from '../middleware/body-limit';
import { FilterError } from '../store/scim-filter';
import type { DirectoryFields, DirectoryPerson, DirectoryQuery } from '../store/store';
import { MAX_RESULTS, resourceTypes, schemas, serviceProviderConfig } from './discovery';
import { invalidValue, onScimError, ScimError, scimJson, tooLarge } from './errors';
import { pathList, project } from './projection';
import {
  groupInput,
  groupResource,
  LIST_SCHEMA,
  PATCH_SCHEMA,
  personInput,
  samePerson,
  userResource,
} from './resources';

export interface ScimEnv {
  Variables: { deps: AppDeps; orgId: string };
}
type C = Context<ScimEnv>;

const TOUCH_EVERY_MS = 60_000;
const MAX_FILTER = 2000;
const MAX_OPERATIONS = 1000;

const base = (c: C) => `${new URL(c.req.url).origin}/scim/v2`;
const notFound = () => new ScimError(404, undefined, 'error.scim.notFound');

async function body(c: C): Promise<unknown> {
  try {
    return await c.req.json();
  } catch (err) {
    if ((err as { status?: number }).status === 413) throw tooLarge();
    throw new ScimError(400, 'invalidSyntax', 'error.scim.invalidJson');
  }
}

/** The list parameters of RFC 7644 §3.4.2: filter, sort, paging. */
function listQuery(c: C): DirectoryQuery {
  const q = (name: string) => c.req.query(name);
  let filter: Filter | undefined;
  const text = q('filter');
  if (text !== undefined && text.trim() !== '') {
    if (text.length > MAX_FILTER)
      throw new ScimError(400, 'invalidFilter', 'error.scim.invalidFilter', {
        reason: 'it is too long',
      });
    try {
      filter = parse(text);
    } catch {
      throw new ScimError(400, 'invalidFilter', 'error.scim.invalidFilter', {
        reason: 'it is not SCIM filter syntax',
      });
    }
  }
  const integer = (name: string, fallback: number) => {
    const value = q(name);
    if (value === undefined || value === '') return fallback;
    if (!/^-?\d{1,9}$/.test(value)) throw invalidValue(name);
    return Number(value);
  };
  const startIndex = Math.max(1, integer('startIndex', 1));
  const count = Math.min(MAX_RESULTS, Math.max(0, integer('count', 100)));
  const sortBy = q('sortBy');
  const sortKey = sortBy
    ? (['userName', 'displayName', 'externalId'] as const).find(
        (k) => k.toLowerCase() === sortBy.toLowerCase().replace(/^urn:.*:/, ''),
      )
    : undefined;
  if (sortBy && !sortKey) throw invalidValue('sortBy');
  const order = q('sortOrder')?.toLowerCase();
  if (order && order !== 'ascending' && order !== 'descending') throw invalidValue('sortOrder');
  return {
    ...(filter ? { filter } : {}),
    ...(sortKey ? { sortBy: sortKey } : {}),
    descending: order === 'descending',
    offset: startIndex - 1,
    limit: count,
  };
}

const shown = (c: C) => ({
  attributes: pathList(c.req.query('attributes')),
  excluded: pathList(c.req.query('excludedAttributes')),
});
const membersWanted = (c: C) => {
  const { attributes, excluded } = shown(c);
  const names = (list: string[]) => list.map((p) => p.toLowerCase().replace(/^urn:.*:/, ''));
  if (attributes.length) return names(attributes).some((p) => p.startsWith('members'));
  return !names(excluded).includes('members');
};

function listResponse(c: C, total: number, offset: number, resources: Record<string, unknown>[]) {
  const { attributes, excluded } = shown(c);
  return scimJson(c, {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex: offset + 1,
    itemsPerPage: resources.length,
    Resources: resources.map((r) => project(r, attributes, excluded)),
  });
}

function one(c: C, resource: Record<string, unknown>, status: 200 | 201 = 200) {
  const { attributes, excluded } = shown(c);
  if (status === 201)
    c.header('Location', String((resource.meta as { location: string }).location));
  return scimJson(c, project(resource, attributes, excluded), status);
}

const filterRefused = (err: unknown) => {
  if (err instanceof FilterError)
    throw new ScimError(400, 'invalidFilter', 'error.scim.invalidFilter', {
      reason: err.message,
    });
  throw err;
};

/** Applies a PATCH request to a resource as shown; refusals in SCIM's terms. */
function patched(resource: Record<string, unknown>, request: unknown): unknown {
  const r = request as { schemas?: unknown; Operations?: unknown };
  if (
    typeof request !== 'object' ||
    request === null ||
    !Array.isArray(r.schemas) ||
    !r.schemas.includes(PATCH_SCHEMA) ||
    !Array.isArray(r.Operations) ||
    r.Operations.length === 0 ||
    r.Operations.length > MAX_OPERATIONS ||
    !r.Operations.every((op) => typeof op === 'object' && op !== null && !Array.isArray(op))
  )
    throw new ScimError(400, 'invalidSyntax', 'error.scim.invalidSyntax', {
      reason: `a PatchOp message with 1 to ${MAX_OPERATIONS} Operations is expected`,
    });
  const operations = r.Operations as ScimPatchOperation[];
  for (const op of operations) {
    const path = (op as { path?: unknown }).path;
    if (path !== undefined && (typeof path !== 'string' || path.length > 1000))
      throw new ScimError(400, 'invalidPath', 'error.scim.invalidPath', { path: '(not text)' });
  }
  try {
    return scimPatch(resource as unknown as ScimResource, operations, {
      mutateDocument: false,
      treatMissingAsAdd: true,
    });
  } catch (err) {
    const path = String(operations.find((o) => o.path)?.path ?? '');
    if (err instanceof NoTarget || err instanceof NoPathInScimPatchOp)
      throw new ScimError(400, 'noTarget', 'error.scim.noTarget', { path });
    if (err instanceof PatchError && /path|filter|search|query/i.test(err.message))
      throw new ScimError(400, 'invalidPath', 'error.scim.invalidPath', { path });
    // Anything else the library trips over is a request it could not read.
    throw new ScimError(400, 'invalidSyntax', 'error.scim.invalidSyntax', {
      reason:
        err instanceof PatchError ? err.message.slice(0, 200) : 'the operations cannot be applied',
    });
  }
}

/** A manager must be another person of the org, and not someone who reports to this person. */
async function checkManager(c: C, id: string | undefined, managerId: string | null) {
  if (!managerId) return undefined;
  const { store } = c.var.deps;
  const manager = await store.getDirectoryPerson(c.var.orgId, managerId);
  if (!manager || managerId === id)
    throw new ScimError(400, 'invalidValue', 'error.scim.unknownManager', { id: managerId });
  let above: string | null = manager.managerId;
  for (let depth = 0; above && depth < 100; depth++) {
    if (above === id) throw new ScimError(400, 'invalidValue', 'error.scim.managerCycle');
    above = (await store.getDirectoryPerson(c.var.orgId, above))?.managerId ?? null;
  }
  return manager;
}

/** Whoever has this userName elsewhere (another org, or here) is a conflict, said the same way. */
const taken = () => new ScimError(409, 'uniqueness', 'error.scim.uniqueness');

/**
 * Writes a person's fields when they change anything. `current`: the person replaced; none for a
 * new one (or one the directory had deleted, brought back). Returns the person as stored.
 */
async function savePerson(
  c: C,
  current: DirectoryPerson | undefined,
  fields: DirectoryFields,
): Promise<{ person: DirectoryPerson; created: boolean }> {
  const { store, now } = c.var.deps;
  const orgId = c.var.orgId;
  let id = current?.id;
  let revived = false;
  if (!current || current.email !== fields.email) {
    const holder = await store.emailHolder(fields.email);
    if (holder && holder.userId !== id) {
      if (current || holder.orgId !== orgId || !holder.deleted) throw taken();
      id = holder.userId;
      revived = true;
    }
  }
  const manager = await checkManager(c, id, fields.managerId);
  if (current && samePerson(current, fields)) return { person: current, created: false };
  if (id) {
    await store.updateDirectoryPerson(orgId, id, fields, now());
    // A directory deactivation leaves behind what the admin screen's does (auth/revoke.ts).
    if (!fields.active)
      await revokeLostAccess(store, { orgId, userId: id, active: false, role: 'learner' }, now());
  } else {
    id = randomUUID();
    try {
      await store.createDirectoryPerson(orgId, id, fields, now());
    } catch (err) {
      // Someone took the email between the check and the insert (unique constraint).
      if (await store.emailHolder(fields.email)) throw taken();
      throw err;
    }
  }
  // Someone with reports leads a team: a learner becomes a manager so their team view opens.
  if (manager?.role === 'learner') await store.updatePerson(orgId, manager.id, { role: 'manager' });
  const person = (await store.getDirectoryPerson(orgId, id))!;
  return { person, created: !current || revived };
}

async function saveGroup(c: C, id: string, input: ReturnType<typeof groupInput>) {
  const { store, now } = c.var.deps;
  const current = await store.getDirectoryGroup(c.var.orgId, id, true);
  if (!current) throw notFound();
  await checkMembers(c, input.memberIds);
  const had = new Set(current.memberIds);
  const wanted = new Set(input.memberIds);
  const add = input.memberIds.filter((m) => !had.has(m));
  const remove = current.memberIds!.filter((m) => !wanted.has(m));
  if (
    add.length ||
    remove.length ||
    current.name !== input.name ||
    current.externalId !== input.externalId
  )
    await store.updateDirectoryGroup(
      c.var.orgId,
      id,
      { name: input.name, externalId: input.externalId, add, remove },
      now(),
    );
}

/**
 * Members in PATCH values as bare `{ value }`, like the members they are matched against: Entra ID
 * removes members with `[{ "$ref": null, "value": … }]`, Okta adds them with a `display`.
 */
function bareMembers(request: unknown): unknown {
  const r = request as { Operations?: unknown };
  if (typeof request !== 'object' || request === null || !Array.isArray(r.Operations))
    return request;
  const bare = (list: unknown) =>
    Array.isArray(list)
      ? list.map((m) =>
          typeof m === 'object' && m !== null && 'value' in m ? { value: m.value } : m,
        )
      : list;
  const operations = r.Operations.map((op: unknown) => {
    if (typeof op !== 'object' || op === null) return op;
    const { path, value } = op as { path?: unknown; value?: unknown };
    if (typeof path === 'string' && path.toLowerCase() === 'members')
      return { ...op, value: bare(value) };
    if (path === undefined && typeof value === 'object' && value !== null && 'members' in value)
      return { ...op, value: { ...value, members: bare(value.members) } };
    return op;
  });
  return { ...request, Operations: operations };
}

async function checkMembers(c: C, ids: string[]) {
  if (!ids.length) return;
  const known = new Set(await c.var.deps.store.directoryPersonIds(c.var.orgId, ids));
  const unknown = ids.find((m) => !known.has(m));
  if (unknown)
    throw new ScimError(400, 'invalidValue', 'error.scim.unknownMember', { id: unknown });
}

async function person(c: C) {
  const found = await c.var.deps.store.getDirectoryPerson(c.var.orgId, c.req.param('id')!);
  if (!found) throw notFound();
  return found;
}

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
      .get('/ResourceTypes', (c) => {
        const all = resourceTypes(base(c));
        return listResponse(c, all.length, 0, all);
      })
      .get('/ResourceTypes/:id', (c) => {
        const found = resourceTypes(base(c)).find((r) => r.id === c.req.param('id'));
        if (!found) throw notFound();
        return scimJson(c, found);
      })
      .get('/Schemas', (c) => {
        const all = schemas(base(c));
        return listResponse(c, all.length, 0, all);
      })
      .get('/Schemas/:id', (c) => {
        const found = schemas(base(c)).find((s) => s.id === c.req.param('id'));
        if (!found) throw notFound();
        return scimJson(c, found);
      })
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
        const fields = personInput(await body(c));
        const { person: saved } = await savePerson(c, undefined, fields);
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
