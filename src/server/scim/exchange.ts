/**
 * What every SCIM route reads and answers: the request's JSON body, the list parameters of
 * RFC 7644 §3.4.2, `attributes`/`excludedAttributes`, and one resource or a list of them as
 * SCIM JSON.
 */
import type { Context } from 'hono';
import { parse, type Filter } from 'scim2-parse-filter';
import type { AppDeps } from '../env';
import { FilterError } from '../store/scim-filter';
import type { DirectoryQuery } from '../store/store';
import { MAX_RESULTS } from './discovery';
import { invalidValue, ScimError, scimJson, tooLarge } from './errors';
import { pathList, project } from './projection';
import { LIST_SCHEMA } from './resources';

export interface ScimEnv {
  Variables: { deps: AppDeps; orgId: string };
}
export type C = Context<ScimEnv>;

const MAX_FILTER = 2000;

export const base = (c: C) => `${new URL(c.req.url).origin}/scim/v2`;
export const notFound = () => new ScimError(404, undefined, 'error.scim.notFound');

export async function body(c: C): Promise<unknown> {
  try {
    return await c.req.json();
  } catch (err) {
    if ((err as { status?: number }).status === 413) throw tooLarge();
    throw new ScimError(400, 'invalidSyntax', 'error.scim.invalidJson');
  }
}

/** The list parameters of RFC 7644 §3.4.2: filter, sort, paging. */
export function listQuery(c: C): DirectoryQuery {
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
export const membersWanted = (c: C) => {
  const { attributes, excluded } = shown(c);
  const names = (list: string[]) => list.map((p) => p.toLowerCase().replace(/^urn:.*:/, ''));
  if (attributes.length) return names(attributes).some((p) => p.startsWith('members'));
  return !names(excluded).includes('members');
};

export function listResponse(
  c: C,
  total: number,
  offset: number,
  resources: Record<string, unknown>[],
) {
  const { attributes, excluded } = shown(c);
  return scimJson(c, {
    schemas: [LIST_SCHEMA],
    totalResults: total,
    startIndex: offset + 1,
    itemsPerPage: resources.length,
    Resources: resources.map((r) => project(r, attributes, excluded)),
  });
}

export function one(c: C, resource: Record<string, unknown>, status: 200 | 201 = 200) {
  const { attributes, excluded } = shown(c);
  if (status === 201)
    c.header('Location', String((resource.meta as { location: string }).location));
  return scimJson(c, project(resource, attributes, excluded), status);
}

export const filterRefused = (err: unknown) => {
  if (err instanceof FilterError)
    throw new ScimError(400, 'invalidFilter', 'error.scim.invalidFilter', {
      reason: err.message,
    });
  throw err;
};
