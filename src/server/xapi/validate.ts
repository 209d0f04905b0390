/**
 * Statement validation as the xAPI 2.0 Data part states it (IEEE 9274.1.1-2023, part two, §2.4):
 * every property of a statement, of its actor, verb, object, result, context and attachments, is
 * checked here, and the first problem found is thrown as `StatementProblem` with the JSON path it
 * concerns, so a 400 says exactly what to fix.
 *
 * Checklist of the rules that are easy to miss:
 * - No property the specification does not define, anywhere but inside `extensions`.
 * - An Agent has exactly one inverse functional identifier (mbox, mbox_sha1sum, openid, account);
 *   a Group either has one (identified) or none and a `member` list (anonymous); members are Agents.
 * - A SubStatement has no id, stored, version or authority, and holds no SubStatement.
 * - `context.revision` and `context.platform` only when the object is an Activity.
 * - Timestamps carry a time zone (and never `-00:00`); durations are ISO 8601 durations.
 * - Language map keys are RFC 5646 tags; extension keys are IRIs.
 *
 * The checks of single JSON values live in validate-values.ts, those of actors in
 * validate-actors.ts; this file checks the statement's own parts.
 */
import { actor, agent, group } from './validate-actors';
import {
  bool,
  extensions,
  fail,
  iri,
  isTimestamp,
  LANGUAGE_TAG,
  languageMap,
  list,
  number,
  object,
  only,
  optional,
  string,
  uuid,
  type Json,
} from './validate-values';

export { actor } from './validate-actors';
export { isIri, isTimestamp, isUuid, StatementProblem } from './validate-values';

const DURATION =
  /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;
const SHA2 = /^[0-9a-f]{56,128}$/i;
export const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const INTERACTIONS = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
];

function verb(value: unknown, path: string) {
  const v = object(value, path);
  only(v, path, ['id', 'display']);
  iri(v.id, `${path}.id`);
  if (v.display !== undefined) languageMap(v.display, `${path}.display`);
}

function interactionComponents(value: unknown, path: string) {
  const ids = new Set<string>();
  list(value, path).forEach((c, i) => {
    const component = object(c, `${path}[${i}]`);
    only(component, `${path}[${i}]`, ['id', 'description']);
    const id = string(component.id, `${path}[${i}].id`);
    if (ids.has(id)) fail(`${path}[${i}].id`, 'is not unique');
    ids.add(id);
    if (component.description !== undefined)
      languageMap(component.description, `${path}[${i}].description`);
  });
}

function activity(value: unknown, path: string) {
  const a = object(value, path);
  only(a, path, ['objectType', 'id', 'definition']);
  if (a.objectType !== undefined && a.objectType !== 'Activity')
    fail(`${path}.objectType`, 'must be "Activity"');
  iri(a.id, `${path}.id`);
  if (a.definition === undefined) return;
  const d = object(a.definition, `${path}.definition`);
  const at = `${path}.definition`;
  only(d, at, [
    'name',
    'description',
    'type',
    'moreInfo',
    'extensions',
    'interactionType',
    'correctResponsesPattern',
    'choices',
    'scale',
    'source',
    'target',
    'steps',
  ]);
  optional(d, at, {
    name: languageMap,
    description: languageMap,
    type: iri,
    moreInfo: iri,
    extensions,
  });
  if (d.interactionType !== undefined && !INTERACTIONS.includes(d.interactionType as string))
    fail(`${at}.interactionType`, `must be one of ${INTERACTIONS.join(', ')}`);
  if (d.correctResponsesPattern !== undefined)
    list(d.correctResponsesPattern, `${at}.correctResponsesPattern`).forEach((p, i) =>
      string(p, `${at}.correctResponsesPattern[${i}]`),
    );
  for (const key of ['choices', 'scale', 'source', 'target', 'steps'])
    if (d[key] !== undefined) {
      if (d.interactionType === undefined) fail(`${at}.${key}`, 'needs an interactionType');
      interactionComponents(d[key], `${at}.${key}`);
    }
}

function statementRef(value: unknown, path: string) {
  const r = object(value, path);
  only(r, path, ['objectType', 'id']);
  uuid(r.id, `${path}.id`);
}

function statementObject(value: unknown, path: string, nested: boolean) {
  const o = object(value, path);
  switch (o.objectType) {
    case undefined:
    case 'Activity':
      return activity(o, path);
    case 'Agent':
      return agent(o, path);
    case 'Group':
      return group(o, path);
    case 'StatementRef':
      return statementRef(o, path);
    case 'SubStatement':
      if (nested) fail(`${path}.objectType`, 'a SubStatement cannot hold another SubStatement');
      return subStatement(o, path);
    default:
      return fail(
        `${path}.objectType`,
        'must be Activity, Agent, Group, StatementRef or SubStatement',
      );
  }
}

function score(value: unknown, path: string) {
  const s = object(value, path);
  only(s, path, ['scaled', 'raw', 'min', 'max']);
  const scaled = s.scaled === undefined ? undefined : number(s.scaled, `${path}.scaled`);
  if (scaled !== undefined && (scaled < -1 || scaled > 1))
    fail(`${path}.scaled`, 'must be between -1 and 1');
  const raw = s.raw === undefined ? undefined : number(s.raw, `${path}.raw`);
  const min = s.min === undefined ? undefined : number(s.min, `${path}.min`);
  const max = s.max === undefined ? undefined : number(s.max, `${path}.max`);
  if (min !== undefined && max !== undefined && min >= max)
    fail(`${path}.min`, 'must be less than max');
  if (raw !== undefined && min !== undefined && raw < min)
    fail(`${path}.raw`, 'must not be below min');
  if (raw !== undefined && max !== undefined && raw > max)
    fail(`${path}.raw`, 'must not be above max');
}

function result(value: unknown, path: string) {
  const r = object(value, path);
  only(r, path, ['score', 'success', 'completion', 'response', 'duration', 'extensions']);
  if (r.score !== undefined) score(r.score, `${path}.score`);
  if (r.success !== undefined) bool(r.success, `${path}.success`);
  if (r.completion !== undefined) bool(r.completion, `${path}.completion`);
  if (r.response !== undefined) string(r.response, `${path}.response`);
  if (r.duration !== undefined && !(typeof r.duration === 'string' && DURATION.test(r.duration)))
    fail(`${path}.duration`, 'must be an ISO 8601 duration such as PT4M30S');
  if (r.extensions !== undefined) extensions(r.extensions, `${path}.extensions`);
}

function contextActivities(value: unknown, path: string) {
  const c = object(value, path);
  only(c, path, ['parent', 'grouping', 'category', 'other']);
  for (const [key, entry] of Object.entries(c)) {
    if (Array.isArray(entry)) entry.forEach((a, i) => activity(a, `${path}.${key}[${i}]`));
    else activity(entry, `${path}.${key}`);
  }
}

function relevantTypes(value: unknown, path: string) {
  const types = list(value, path);
  if (types.length === 0) fail(path, 'must not be empty');
  types.forEach((t, i) => iri(t, `${path}[${i}]`));
}

/** `contextAgents` or `contextGroups`: a list of `{ objectType, agent|group, relevantTypes? }`. */
function contextActors(
  value: unknown,
  path: string,
  objectType: 'contextAgent' | 'contextGroup',
  key: 'agent' | 'group',
  check: (value: unknown, path: string) => void,
) {
  list(value, path).forEach((entry, i) => {
    const at = `${path}[${i}]`;
    const e = object(entry, at);
    only(e, at, ['objectType', key, 'relevantTypes']);
    if (e.objectType !== objectType) fail(`${at}.objectType`, `must be "${objectType}"`);
    check(e[key], `${at}.${key}`);
    if (e.relevantTypes !== undefined) relevantTypes(e.relevantTypes, `${at}.relevantTypes`);
  });
}

function context(value: unknown, path: string, objectIsActivity: boolean) {
  const c = object(value, path);
  only(c, path, [
    'registration',
    'instructor',
    'team',
    'contextActivities',
    'contextAgents',
    'contextGroups',
    'revision',
    'platform',
    'language',
    'statement',
    'extensions',
  ]);
  optional(c, path, { registration: uuid, instructor: actor, team: group, contextActivities });
  if (c.contextAgents !== undefined)
    contextActors(c.contextAgents, `${path}.contextAgents`, 'contextAgent', 'agent', agent);
  if (c.contextGroups !== undefined)
    contextActors(c.contextGroups, `${path}.contextGroups`, 'contextGroup', 'group', group);
  for (const key of ['revision', 'platform'] as const)
    if (c[key] !== undefined) {
      string(c[key], `${path}.${key}`);
      if (!objectIsActivity)
        fail(`${path}.${key}`, 'is only allowed when the object is an Activity');
    }
  if (
    c.language !== undefined &&
    !(typeof c.language === 'string' && LANGUAGE_TAG.test(c.language))
  )
    fail(`${path}.language`, 'must be an RFC 5646 language tag');
  if (c.statement !== undefined) {
    statementRef(c.statement, `${path}.statement`);
    if ((c.statement as Json).objectType !== 'StatementRef')
      fail(`${path}.statement.objectType`, 'must be "StatementRef"');
  }
  if (c.extensions !== undefined) extensions(c.extensions, `${path}.extensions`);
}

function attachments(value: unknown, path: string) {
  list(value, path).forEach((entry, i) => {
    const at = `${path}[${i}]`;
    const a = object(entry, at);
    only(a, at, [
      'usageType',
      'display',
      'description',
      'contentType',
      'length',
      'sha2',
      'fileUrl',
    ]);
    iri(a.usageType, `${at}.usageType`);
    languageMap(a.display, `${at}.display`);
    if (a.description !== undefined) languageMap(a.description, `${at}.description`);
    if (!/^[\w.+-]+\/[\w.+-]+/.test(string(a.contentType, `${at}.contentType`)))
      fail(`${at}.contentType`, 'must be an Internet media type');
    if (!Number.isInteger(a.length) || (a.length as number) < 0)
      fail(`${at}.length`, 'must be a whole number');
    if (!(typeof a.sha2 === 'string' && SHA2.test(a.sha2)))
      fail(`${at}.sha2`, 'must be a hex SHA-2 hash');
    if (a.fileUrl !== undefined) iri(a.fileUrl, `${at}.fileUrl`);
  });
}

/** The parts a Statement and a SubStatement share. */
function core(s: Json, path: string, nested: boolean) {
  if (s.actor === undefined) fail(`${path}.actor`, 'is required');
  actor(s.actor, `${path}.actor`);
  if (s.verb === undefined) fail(`${path}.verb`, 'is required');
  verb(s.verb, `${path}.verb`);
  if (s.object === undefined) fail(`${path}.object`, 'is required');
  statementObject(s.object, `${path}.object`, nested);
  if (s.result !== undefined) result(s.result, `${path}.result`);
  const objectType = (s.object as Json).objectType;
  if (s.context !== undefined)
    context(s.context, `${path}.context`, objectType === undefined || objectType === 'Activity');
  if (s.timestamp !== undefined && !isTimestamp(s.timestamp))
    fail(`${path}.timestamp`, 'must be an ISO 8601 timestamp with a time zone');
  if (s.attachments !== undefined) attachments(s.attachments, `${path}.attachments`);
}

/** The properties `core` checks, which a Statement and a SubStatement share. */
const CORE = ['actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'];

function subStatement(s: Json, path: string) {
  only(s, path, ['objectType', ...CORE]);
  core(s, path, true);
}

/** Throws `StatementProblem` unless `value` is a valid statement. */
export function validateStatement(value: unknown, path = 'statement'): asserts value is Json {
  const s = object(value, path);
  only(s, path, ['id', ...CORE, 'stored', 'authority', 'version']);
  if (s.id !== undefined) uuid(s.id, `${path}.id`);
  core(s, path, false);
  if (s.stored !== undefined && !isTimestamp(s.stored))
    fail(`${path}.stored`, 'must be an ISO 8601 timestamp');
  if (s.authority !== undefined) actor(s.authority, `${path}.authority`);
  if (
    s.version !== undefined &&
    !(typeof s.version === 'string' && /^[12]\.0(\.\d+)?$/.test(s.version))
  )
    fail(`${path}.version`, 'must be 1.0.x or 2.0.x');
  const v = s.verb as Json;
  if (v.id === VOIDED && (s.object as Json).objectType !== 'StatementRef')
    fail(`${path}.object`, 'a voiding statement must refer to a StatementRef');
}
