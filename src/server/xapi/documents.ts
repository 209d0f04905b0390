/**
 * The document resources (xAPI 2.0 Communication §2.3–2.7): State (per activity, agent and
 * optional registration), Activity Profile and Agent Profile — one implementation, keyed
 * differently — and the Activities and Agents resources.
 *
 * Concurrency, as the specification asks:
 * - `If-Match` must name the document's current ETag (or `*` for any existing document), else 412;
 * - `If-None-Match: *` fails with 412 when the document exists;
 * - a profile PUT without either header onto an existing document is 409 (it could overwrite a
 *   change the writer has not seen);
 * - POST merges JSON objects key by key (the sent value wins); anything else on either side is 400.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { ApiError } from '../errors';
import type { DocumentKey, XapiDocument } from '../store/store';
import type { XapiEnv } from './env';
import { localKey } from './kindling';
import { agentParameter, origin, parameterError } from './statement-query';
import { isIri, isTimestamp, isUuid } from './validate';

interface Resource {
  kind: DocumentKey['kind'];
  /** The parameter naming one document. */
  idParam: 'stateId' | 'profileId';
  activity: boolean;
  agent: boolean;
  registration: boolean;
  /** PUT onto an existing document needs a precondition. */
  guarded: boolean;
}

const STATE: Resource = {
  kind: 'state',
  idParam: 'stateId',
  activity: true,
  agent: true,
  registration: true,
  guarded: false,
};
const ACTIVITY_PROFILE: Resource = {
  kind: 'activity',
  idParam: 'profileId',
  activity: true,
  agent: false,
  registration: false,
  guarded: true,
};
const AGENT_PROFILE: Resource = {
  kind: 'agent',
  idParam: 'profileId',
  activity: false,
  agent: true,
  registration: false,
  guarded: true,
};

function keyOf(c: Context<XapiEnv>, r: Resource): DocumentKey {
  const q = c.req.query();
  const home = origin(c);
  let activityId = '';
  if (r.activity) {
    if (!isIri(q.activityId)) throw parameterError('activityId', 'is required and must be an IRI');
    activityId = localKey(q.activityId, home);
  }
  let agent = '';
  if (r.agent) {
    if (q.agent === undefined) throw parameterError('agent', 'is required');
    agent = agentParameter(q.agent, 'agent', home);
  }
  let registration = '';
  if (r.registration && q.registration !== undefined) {
    if (!isUuid(q.registration)) throw parameterError('registration', 'must be a UUID');
    registration = q.registration.toLowerCase();
  }
  return { orgId: c.var.lrs.orgId, kind: r.kind, activityId, agent, registration };
}

const etagOf = (body: Buffer) => `"${createHash('sha1').update(body).digest('hex')}"`;

const tags = (header: string) => header.split(',').map((t) => t.trim().replace(/^W\//, ''));

/** Throws 412/409 when the request's preconditions do not hold for `current`. */
function checkPreconditions(
  c: Context<XapiEnv>,
  current: XapiDocument | undefined,
  guarded: boolean,
) {
  const ifMatch = c.req.header('if-match');
  const ifNoneMatch = c.req.header('if-none-match');
  if (ifMatch !== undefined) {
    const wanted = tags(ifMatch);
    if (!current || !(wanted.includes('*') || wanted.includes(current.etag)))
      throw new ApiError(412, 'precondition_failed', 'error.xapi.precondition');
  }
  if (ifNoneMatch !== undefined && current) {
    const unwanted = tags(ifNoneMatch);
    if (unwanted.includes('*') || unwanted.includes(current.etag))
      throw new ApiError(412, 'precondition_failed', 'error.xapi.precondition');
  }
  if (guarded && current && ifMatch === undefined && ifNoneMatch === undefined)
    throw new ApiError(409, 'conflict', 'error.xapi.documentExists');
}

function docId(c: Context<XapiEnv>, r: Resource, required: boolean): string | undefined {
  const id = c.req.query(r.idParam);
  if (id === undefined && required) throw parameterError(r.idParam, 'is required');
  if (id !== undefined && (id.length === 0 || id.length > 500))
    throw parameterError(r.idParam, 'must be 1 to 500 characters');
  return id;
}

const isJsonType = (type: string) => /^application\/json\b/i.test(type);

function jsonObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

async function readDocument(c: Context<XapiEnv>): Promise<{ type: string; body: Buffer }> {
  const type = c.req.header('content-type') ?? 'application/octet-stream';
  const body = Buffer.from(await c.req.arrayBuffer());
  if (isJsonType(type)) {
    try {
      JSON.parse(body.toString('utf8'));
    } catch {
      throw new ApiError(400, 'invalid_json', 'error.invalidJson');
    }
  }
  return { type, body };
}

function documentResource(r: Resource) {
  return new Hono<XapiEnv>()
    .get('/', async (c) => {
      const key = keyOf(c, r);
      const id = docId(c, r, false);
      const { store } = c.var.deps;
      if (id === undefined) {
        const sinceText = c.req.query('since');
        if (sinceText !== undefined && !isTimestamp(sinceText))
          throw parameterError('since', 'must be an ISO 8601 timestamp with a time zone');
        const since = sinceText === undefined ? undefined : Date.parse(sinceText);
        return c.json(await store.listDocumentIds(key, since));
      }
      const doc = await store.getDocument(key, id);
      if (!doc) throw new ApiError(404, 'not_found', 'error.xapi.noDocument');
      c.header('ETag', doc.etag);
      c.header('Last-Modified', new Date(doc.updated).toUTCString());
      c.header('Content-Type', doc.contentType);
      return c.body(new Uint8Array(doc.body));
    })
    .put('/', async (c) => {
      const key = keyOf(c, r);
      const id = docId(c, r, true)!;
      const { store, now } = c.var.deps;
      const sent = await readDocument(c);
      checkPreconditions(c, await store.getDocument(key, id), r.guarded);
      await store.putDocument(key, {
        docId: id,
        contentType: sent.type,
        body: sent.body,
        etag: etagOf(sent.body),
        updated: now(),
      });
      return c.body(null, 204);
    })
    .post('/', async (c) => {
      const key = keyOf(c, r);
      const id = docId(c, r, true)!;
      const { store, now } = c.var.deps;
      const sent = await readDocument(c);
      const current = await store.getDocument(key, id);
      checkPreconditions(c, current, false);
      let body = sent.body;
      if (current) {
        const before = isJsonType(current.contentType) ? jsonObject(current.body) : undefined;
        const after = isJsonType(sent.type) ? jsonObject(sent.body) : undefined;
        if (!before || !after) throw new ApiError(400, 'not_json', 'error.xapi.notJson');
        body = Buffer.from(JSON.stringify({ ...before, ...after }));
      } else if (isJsonType(sent.type) && !jsonObject(sent.body))
        throw new ApiError(400, 'not_json', 'error.xapi.notJson');
      await store.putDocument(key, {
        docId: id,
        contentType: current?.contentType ?? sent.type,
        body,
        etag: etagOf(body),
        updated: now(),
      });
      return c.body(null, 204);
    })
    .delete('/', async (c) => {
      const key = keyOf(c, r);
      // Only the State resource deletes every document under its key at once.
      const id = docId(c, r, r.kind !== 'state');
      const { store } = c.var.deps;
      if (id !== undefined) checkPreconditions(c, await store.getDocument(key, id), false);
      await store.deleteDocuments(key, id);
      return c.body(null, 204);
    });
}

export const documentRoutes = new Hono<XapiEnv>()
  .route('/activities/state', documentResource(STATE))
  .route('/activities/profile', documentResource(ACTIVITY_PROFILE))
  .route('/agents/profile', documentResource(AGENT_PROFILE))
  .get('/activities', async (c) => {
    const id = c.req.query('activityId');
    if (!isIri(id)) throw parameterError('activityId', 'is required and must be an IRI');
    const definition = await c.var.deps.store.getActivityDefinition(
      c.var.lrs.orgId,
      localKey(id, origin(c)),
    );
    return c.json({ objectType: 'Activity', id, ...(definition ? { definition } : {}) });
  })
  .get('/agents', (c) => {
    const text = c.req.query('agent');
    if (text === undefined) throw parameterError('agent', 'is required');
    agentParameter(text, 'agent', origin(c));
    const agent = JSON.parse(text) as Record<string, unknown>;
    const person: Record<string, unknown> = { objectType: 'Person' };
    for (const k of ['name', 'mbox', 'mbox_sha1sum', 'openid', 'account'])
      if (agent[k] !== undefined) person[k] = [agent[k]];
    return c.json(person);
  });
