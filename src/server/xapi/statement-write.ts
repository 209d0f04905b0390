/**
 * Writing statements (xAPI 2.0 Communication §2.1.2): every statement is validated (validate.ts)
 * before anything is stored; ids are unique within the request; an id already stored answers
 * nothing new when the statement is the same (format.ts `sameStatement`) and 409 when it differs;
 * a voiding statement may not void a voiding statement. The LRS sets `stored`, `authority` (the
 * credential) and `version`, and `timestamp` when it is missing. Then all are stored in one
 * transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import { ApiError } from '../errors';
import type { NewStatement, XapiAttachment } from '../store/store';
import { matchAttachments } from './attachments';
import type { XapiEnv } from './env';
import { sameStatement } from './format';
import { localKey } from './kindling';
import { statementRefs } from './refs';
import { verifySignatures } from './signature';
import { origin, parameterError } from './statement-query';
import { StatementProblem, validateStatement, VOIDED } from './validate';

type Json = Record<string, unknown>;

/** The authority the LRS records for a credential: an account on this deployment. */
function authorityOf(c: Context<XapiEnv>): Json {
  return {
    objectType: 'Agent',
    name: c.var.lrs.name,
    account: { homePage: origin(c), name: c.var.lrs.key },
  };
}

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

export interface Prepared {
  sent: Json;
  row: NewStatement;
}

export function prepare(c: Context<XapiEnv>, raw: unknown, path: string, stored: number): Prepared {
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
export async function storeAll(
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
