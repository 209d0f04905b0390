/**
 * The Statements resource (xAPI 2.0 Communication §2.1): PUT one statement by `statementId`,
 * POST one or a list, GET one (`statementId`, `voidedStatementId`) or a page of a query with
 * `more` paging, HEAD (Hono answers it with GET's headers).
 *
 * Writing, in order: every statement is validated (validate.ts) before anything is stored; ids
 * are unique within the request; an id already stored answers nothing new when the statement is
 * the same (format.ts `sameStatement`) and 409 when it differs; a voiding statement may not void
 * a voiding statement. The LRS sets `stored`, `authority` (the credential) and `version`, and
 * `timestamp` when it is missing. Then all are stored in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { contentSnapshot } from '../content-snapshot';
import { ApiError } from '../errors';
import type { NewStatement, StatementQuery, StatementRow, XapiAttachment } from '../store/store';
import {
  attachmentHashes,
  matchAttachments,
  multipartAnswer,
  statementRequest,
} from './attachments';
import type { XapiEnv } from './env';
import { acceptedLanguages, formatStatement, sameStatement, type StatementFormat } from './format';
import { eventStatement, localKey, type ContentLookup } from './kindling';
import { agentKey, statementRefs } from './refs';
import { verifySignatures } from './signature';
import {
  actor,
  isIri,
  isTimestamp,
  isUuid,
  StatementProblem,
  validateStatement,
  VOIDED,
} from './validate';

type Json = Record<string, unknown>;
export const MAX_PAGE = 500;

export const origin = (c: Context) => new URL(c.req.url).origin;

export const parameterError = (name: string, problem: string) =>
  new ApiError(400, 'invalid_parameter', 'error.xapi.parameter', { name, problem });

/** The authority the LRS records for a credential: an account on this deployment. */
function authorityOf(c: Context<XapiEnv>): Json {
  return {
    objectType: 'Agent',
    name: c.var.lrs.name,
    account: { homePage: origin(c), name: c.var.lrs.key },
  };
}

/** Kindling's own authority, on the statements built from learning events. */
const kindlingAuthority = (home: string): Json => ({
  objectType: 'Agent',
  name: 'Kindling',
  account: { homePage: home, name: 'kindling' },
});

function definitionsOf(s: Json): NewStatement['definitions'] {
  const found: NewStatement['definitions'] = [];
  const add = (a: unknown) => {
    const activity = a as Json | undefined;
    if (activity && typeof activity.id === 'string' && activity.definition)
      found.push({ id: activity.id, definition: activity.definition as Json });
  };
  const object = s.object as Json;
  if (object.objectType === undefined || object.objectType === 'Activity') add(object);
  const activities = (s.context as Json | undefined)?.contextActivities as Json | undefined;
  for (const entry of Object.values(activities ?? {}))
    for (const a of Array.isArray(entry) ? entry : [entry]) add(a);
  return found;
}

interface Prepared {
  sent: Json;
  row: NewStatement;
}

function prepare(c: Context<XapiEnv>, raw: unknown, path: string, stored: number): Prepared {
  try {
    validateStatement(raw, path);
  } catch (err) {
    if (err instanceof StatementProblem)
      throw new ApiError(400, 'invalid_statement', 'error.xapi.statement', {
        path: err.path,
        problem: err.problem,
      });
    throw err;
  }
  const home = origin(c);
  const storedIso = new Date(stored).toISOString();
  const id = typeof raw.id === 'string' ? raw.id.toLowerCase() : randomUUID();
  const statement: Json = {
    ...raw,
    id,
    timestamp: raw.timestamp ?? storedIso,
    stored: storedIso,
    authority: authorityOf(c),
    version: raw.version ?? '2.0.0',
  };
  const refs = statementRefs(statement);
  const local = (m: Map<string, boolean>) =>
    new Map([...m].map(([k, direct]) => [localKey(k, home), direct]));
  const verbId = (statement.verb as Json).id as string;
  const object = statement.object as Json;
  return {
    sent: raw,
    row: {
      id,
      stored,
      verbId,
      registration:
        (
          (statement.context as Json | undefined)?.registration as string | undefined
        )?.toLowerCase() ?? null,
      voids: verbId === VOIDED ? String(object.id).toLowerCase() : null,
      body: JSON.stringify(statement),
      refs: { ...refs, agents: local(refs.agents), activities: local(refs.activities) },
      definitions: definitionsOf(statement),
    },
  };
}

/** Stores prepared statements after the id and voiding rules; throws 409/400 otherwise. */
async function storeAll(
  c: Context<XapiEnv>,
  prepared: Prepared[],
  paths: string[],
  attachments: XapiAttachment[],
): Promise<void> {
  const sent = prepared.map((p) => p.sent);
  matchAttachments(sent, paths, attachments);
  verifySignatures(sent, paths, attachments);
  const { store } = c.var.deps;
  const orgId = c.var.lrs.orgId;
  const ids = prepared.map((p) => p.row.id);
  const dupe = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dupe) throw parameterError('statements', `the id ${dupe} is used twice in this request`);
  const existing = new Map((await store.getStatements(orgId, ids)).map((r) => [r.id, r]));
  for (const p of prepared) {
    const old = existing.get(p.row.id);
    if (old && (old.body === null || !sameStatement(JSON.parse(old.body) as Json, p.sent)))
      throw new ApiError(409, 'conflict', 'error.xapi.conflict', { id: p.row.id });
  }
  const targets = prepared.flatMap((p) => (p.row.voids ? [p.row.voids] : []));
  const voidingTargets = [
    ...(await store.getStatements(orgId, targets)),
    ...prepared.filter((p) => targets.includes(p.row.id)).map((p) => p.row),
  ].filter((t) => t.verbId === VOIDED);
  if (voidingTargets.length)
    throw parameterError('object', 'a voiding statement cannot void another voiding statement');
  await store.insertStatements(
    orgId,
    prepared.filter((p) => !existing.has(p.row.id)).map((p) => p.row),
    attachments,
  );
}

// ——— reading ———

const QUERY_PARAMS = [
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
const SINGLE_PARAMS = ['statementId', 'voidedStatementId', 'format', 'attachments'];

interface Page {
  query: Omit<StatementQuery, 'orgId'>;
  format: StatementFormat;
  attachments: boolean;
}

function flag(params: Record<string, string>, name: string): boolean {
  const value = params[name];
  if (value === undefined) return false;
  if (value !== 'true' && value !== 'false') throw parameterError(name, 'must be true or false');
  return value === 'true';
}

function formatOf(params: Record<string, string>): StatementFormat {
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

function instant(params: Record<string, string>, name: string): number | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!isTimestamp(value))
    throw parameterError(name, 'must be an ISO 8601 timestamp with a time zone');
  return Date.parse(value);
}

function parsePage(params: Record<string, string>, home: string): Page {
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

const moreToken = (page: Page) => Buffer.from(JSON.stringify(page)).toString('base64url');

function fromMoreToken(token: string): Page {
  try {
    const page = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Page;
    if (typeof page.query?.limit !== 'number') throw new Error('no limit');
    return page;
  } catch {
    throw parameterError('more', 'is not a link this LRS gave');
  }
}

/** Content titles for the statements built from learning events. */
async function contentLookup(c: Context<XapiEnv>): Promise<ContentLookup> {
  const snapshot = await contentSnapshot(c.var.deps.store);
  return {
    lesson(lessonId) {
      for (const outline of snapshot.catalog.modules) {
        const lesson = outline.lessons.find((l) => l.id === lessonId);
        const module = lesson && snapshot.module(outline.id);
        if (lesson && module) return { module, title: lesson.title };
      }
      return undefined;
    },
  };
}

/** The statement a stored row stands for. */
export async function statementsOf(c: Context<XapiEnv>, rows: StatementRow[]): Promise<Json[]> {
  const home = origin(c);
  const content = rows.some((r) => r.event) ? await contentLookup(c) : undefined;
  return rows.map((r) =>
    r.event
      ? eventStatement(
          { id: r.id, stored: r.stored, verbId: r.verbId, ...r.event },
          home,
          content!,
          kindlingAuthority(home),
        )
      : (JSON.parse(r.body ?? '{}') as Json),
  );
}

/**
 * Answers statements as JSON, or with `attachments=true` as multipart/mixed with the raw data of
 * the attachments they name (those of `statements`, in full, before any format).
 */
async function answerStatements(
  c: Context<XapiEnv>,
  body: unknown,
  lastStored: number | undefined,
  withAttachments?: Json[],
) {
  c.header('X-Experience-API-Consistent-Through', new Date(c.var.deps.now()).toISOString());
  if (lastStored !== undefined) c.header('Last-Modified', new Date(lastStored).toUTCString());
  if (!withAttachments) return c.json(body as Json);
  const found = await c.var.deps.store.getAttachments(
    c.var.lrs.orgId,
    attachmentHashes(withAttachments),
  );
  const answer = multipartAnswer(body, found);
  return c.body(new Uint8Array(answer.body), 200, { 'Content-Type': answer.type });
}

export const statementRoutes = new Hono<XapiEnv>()
  .put('/statements', async (c) => {
    const statementId = c.req.query('statementId');
    if (!isUuid(statementId)) throw parameterError('statementId', 'is required and must be a UUID');
    const { json: raw, attachments } = await statementRequest(c);
    if (Array.isArray(raw))
      throw new ApiError(400, 'invalid_body', 'error.xapi.body', { what: 'one statement' });
    const body = raw as Json | null;
    if (
      body &&
      typeof body === 'object' &&
      body.id !== undefined &&
      String(body.id).toLowerCase() !== statementId.toLowerCase()
    )
      throw parameterError('statementId', 'differs from the statement’s id');
    const sent =
      body && typeof body === 'object' ? { ...body, id: statementId.toLowerCase() } : body;
    await storeAll(
      c,
      [prepare(c, sent, 'statement', c.var.deps.now())],
      ['statement'],
      attachments,
    );
    return c.body(null, 204);
  })
  .post('/statements', async (c) => {
    const { json: raw, attachments } = await statementRequest(c);
    const list = Array.isArray(raw) ? raw : [raw];
    if (list.length === 0)
      throw new ApiError(400, 'invalid_body', 'error.xapi.body', {
        what: 'one statement or a list of them',
      });
    const stored = c.var.deps.now();
    const paths = list.map((_, i) => (Array.isArray(raw) ? `statements[${i}]` : 'statement'));
    const prepared = list.map((s, i) => prepare(c, s, paths[i]!, stored));
    await storeAll(c, prepared, paths, attachments);
    return c.json(prepared.map((p) => p.row.id));
  })
  .get('/statements', async (c) => {
    const params = c.req.query();
    const home = origin(c);
    const languages = acceptedLanguages(c.req.header('accept-language'));
    const { store, now } = c.var.deps;
    const orgId = c.var.lrs.orgId;
    const single = params.statementId ?? params.voidedStatementId;
    if (params.statementId !== undefined || params.voidedStatementId !== undefined) {
      for (const name of Object.keys(params))
        if (!SINGLE_PARAMS.includes(name))
          throw parameterError(name, 'cannot be combined with statementId or voidedStatementId');
      if (params.statementId !== undefined && params.voidedStatementId !== undefined)
        throw parameterError('statementId', 'cannot be combined with voidedStatementId');
      const name = params.statementId !== undefined ? 'statementId' : 'voidedStatementId';
      if (!isUuid(single)) throw parameterError(name, 'must be a UUID');
      const format = formatOf(params);
      const withAttachments = flag(params, 'attachments');
      const [row] = await store.getStatements(orgId, [single.toLowerCase()]);
      if (!row || row.voided !== (name === 'voidedStatementId'))
        throw new ApiError(404, 'not_found', 'error.xapi.noStatement');
      const [statement] = await statementsOf(c, [row]);
      return answerStatements(
        c,
        formatStatement(statement!, format, languages),
        row.stored,
        withAttachments ? [statement!] : undefined,
      );
    }
    let page: Page;
    if (params.more !== undefined) {
      if (Object.keys(params).length > 1)
        throw parameterError('more', 'cannot be combined with other parameters');
      page = fromMoreToken(params.more);
    } else {
      page = parsePage(params, home);
      // The page and all that follow read as of now: what is stored later waits for a new query.
      page.query.until = Math.min(page.query.until ?? Infinity, now());
    }
    const rows = await store.queryStatements({ ...page.query, orgId, limit: page.query.limit + 1 });
    const shown = rows.slice(0, page.query.limit);
    const last = shown.at(-1);
    const more =
      rows.length > page.query.limit && last
        ? `/xapi/statements?more=${moreToken({ ...page, query: { ...page.query, after: { stored: last.stored, id: last.id } } })}`
        : '';
    const full = await statementsOf(c, shown);
    const statements = full.map((s) => formatStatement(s, page.format, languages));
    const newest = shown.reduce<number | undefined>(
      (m, r) => Math.max(m ?? 0, r.stored),
      undefined,
    );
    return answerStatements(c, { statements, more }, newest, page.attachments ? full : undefined);
  });
