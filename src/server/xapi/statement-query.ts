/**
 * The parameters of a statement query (xAPI 2.0 Communication §2.1.3): each checked with a 400
 * naming it, agents and activities put in their stored, origin-free form, and the `more` link
 * that carries a page's query and cursor.
 */
import type { Context } from 'hono';
import { ApiError } from '../errors';
import type { StatementQuery } from '../store/store';
import type { StatementFormat } from './format';
import { localKey } from './kindling';
import { agentKey } from './refs';
import { actor, isIri, isTimestamp, isUuid, StatementProblem } from './validate';

type Json = Record<string, unknown>;
export const MAX_PAGE = 500;

export const origin = (c: Context) => new URL(c.req.url).origin;

export const parameterError = (name: string, problem: string) =>
  new ApiError(400, 'invalid_parameter', 'error.xapi.parameter', { name, problem });

export const QUERY_PARAMS = [
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
] as const;
export const SINGLE_PARAMS = ['statementId', 'voidedStatementId', 'format', 'attachments'];

export interface Page {
  query: Omit<StatementQuery, 'orgId'>;
  format: StatementFormat;
  attachments: boolean;
}

export function flag(params: Record<string, string>, name: string): boolean {
  const value = params[name];
  if (value === undefined) return false;
  if (value !== 'true' && value !== 'false') throw parameterError(name, 'must be true or false');
  return value === 'true';
}

export function formatOf(params: Record<string, string>): StatementFormat {
  const format = params.format ?? 'exact';
  if (format !== 'exact' && format !== 'ids' && format !== 'canonical')
    throw parameterError('format', 'must be ids, exact or canonical');
  return format;
}

/** An `agent` parameter: JSON of an Agent or identified Group, as its stored key. */
export function agentParameter(text: string, name: string, home: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw parameterError(name, 'must be the JSON of an Agent or Group');
  }
  try {
    actor(value, name);
  } catch (err) {
    if (err instanceof StatementProblem) throw parameterError(err.path, err.problem);
    throw err;
  }
  const key = agentKey(value as Json);
  if (!key)
    throw parameterError(name, 'must identify the agent or group (an anonymous group cannot)');
  return localKey(key, home);
}

export function instant(params: Record<string, string>, name: string): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!isTimestamp(value))
    throw parameterError(name, 'must be an ISO 8601 timestamp with a time zone');
  return Date.parse(value);
}

export function parsePage(params: Record<string, string>, home: string): Page {
  for (const name of Object.keys(params))
    if (!(QUERY_PARAMS as readonly string[]).includes(name))
      throw parameterError(name, 'is not a parameter of this resource');
  const query: Page['query'] = { limit: MAX_PAGE };
  if (params.agent !== undefined) query.agent = agentParameter(params.agent, 'agent', home);
  if (params.verb !== undefined) {
    if (!isIri(params.verb)) throw parameterError('verb', 'must be an IRI');
    query.verb = params.verb;
  }
  if (params.activity !== undefined) {
    if (!isIri(params.activity)) throw parameterError('activity', 'must be an IRI');
    query.activity = localKey(params.activity, home);
  }
  if (params.registration !== undefined) {
    if (!isUuid(params.registration)) throw parameterError('registration', 'must be a UUID');
    query.registration = params.registration.toLowerCase();
  }
  query.relatedAgents = flag(params, 'related_agents');
  query.relatedActivities = flag(params, 'related_activities');
  query.ascending = flag(params, 'ascending');
  const since = instant(params, 'since');
  const until = instant(params, 'until');
  if (since !== undefined) query.since = since;
  if (until !== undefined) query.until = until;
  if (params.limit !== undefined) {
    if (!/^\d{1,9}$/.test(params.limit)) throw parameterError('limit', 'must be a whole number');
    const limit = Number(params.limit);
    query.limit = limit === 0 ? MAX_PAGE : Math.min(limit, MAX_PAGE);
  }
  return { query, format: formatOf(params), attachments: flag(params, 'attachments') };
}

export const moreToken = (page: Page) => Buffer.from(JSON.stringify(page)).toString('base64url');

export function fromMoreToken(token: string): Page {
  try {
    const page = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Page;
    if (typeof page.query?.limit !== 'number') throw new Error('no limit');
    return page;
  } catch {
    throw parameterError('more', 'is not a link this LRS gave');
  }
}
