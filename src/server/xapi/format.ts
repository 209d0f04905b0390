/**
 * How a stored statement is answered (`format=exact|ids|canonical`, Data §2.5) and how two
 * statements with one id are compared (Data §2.3.1: properties the LRS sets or may change —
 * stored, authority, version, an LRS-filled timestamp — do not make them differ).
 */
type Json = Record<string, unknown>;
export type StatementFormat = 'exact' | 'ids' | 'canonical';

const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

function agentIds(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const a = value as Json;
  const out: Json = { objectType: a.objectType ?? 'Agent' };
  for (const k of IFIS) if (a[k] !== undefined) out[k] = a[k];
  if (a.objectType === 'Group' && !IFIS.some((k) => a[k] !== undefined) && Array.isArray(a.member))
    out.member = a.member.map(agentIds);
  return out;
}

const activityIds = (value: unknown) => ({
  objectType: 'Activity',
  id: (value as Json).id,
});

function objectIds(value: Json): Json {
  switch (value.objectType) {
    case 'Agent':
    case 'Group':
      return agentIds(value) as Json;
    case 'StatementRef':
      return value;
    case 'SubStatement':
      return partsIds(value);
    default:
      return activityIds(value);
  }
}

function partsIds(s: Json): Json {
  const out: Json = { ...s, actor: agentIds(s.actor), verb: { id: (s.verb as Json).id } };
  out.object = objectIds(s.object as Json);
  if (s.authority) out.authority = agentIds(s.authority);
  const context = s.context as Json | undefined;
  if (context) {
    const c: Json = { ...context };
    if (c.instructor) c.instructor = agentIds(c.instructor);
    if (c.team) c.team = agentIds(c.team);
    if (Array.isArray(c.contextAgents))
      c.contextAgents = c.contextAgents.map((e: Json) => ({ ...e, agent: agentIds(e.agent) }));
    if (Array.isArray(c.contextGroups))
      c.contextGroups = c.contextGroups.map((e: Json) => ({ ...e, group: agentIds(e.group) }));
    if (c.contextActivities)
      c.contextActivities = Object.fromEntries(
        Object.entries(c.contextActivities as Json).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.map(activityIds) : [activityIds(v)],
        ]),
      );
    out.context = c;
  }
  return out;
}

const LANGUAGE_MAPS = new Set(['display', 'name', 'description']);

/** The one entry of a language map the reader prefers (Accept-Language), else the first. */
function pickLanguage(map: Json, languages: string[]): Json {
  const tags = Object.keys(map);
  for (const want of languages) {
    const hit =
      tags.find((t) => t.toLowerCase() === want) ??
      tags.find((t) => t.toLowerCase().split('-')[0] === want.split('-')[0]);
    if (hit) return { [hit]: map[hit] };
  }
  return tags.length ? { [tags[0]!]: map[tags[0]!] } : {};
}

function canonical(value: unknown, languages: string[], key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => canonical(v, languages));
  if (typeof value !== 'object' || value === null) return value;
  const json = value as Json;
  if (LANGUAGE_MAPS.has(key) && Object.values(json).every((v) => typeof v === 'string'))
    return pickLanguage(json, languages);
  if (key === 'extensions') return json;
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, canonical(v, languages, k)]));
}

/** Languages of an Accept-Language header, best first, lowercase. */
export function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: (tag ?? '').toLowerCase(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

export function formatStatement(s: Json, format: StatementFormat, languages: string[]): Json {
  if (format === 'ids') return partsIds(s);
  if (format === 'canonical') return canonical(s, languages) as Json;
  return s;
}

/** JSON with object keys sorted, so equal statements give equal text. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sorted((value as Json)[k])]),
  );
}

/** Whether a statement sent again with a stored statement's id is the same statement. */
export function sameStatement(stored: Json, sent: Json): boolean {
  const strip = (s: Json) => {
    const { stored: _s, authority: _a, version: _v, id: _i, timestamp: _t, ...rest } = s;
    return JSON.stringify(sorted(rest));
  };
  return (
    strip(stored) === strip(sent) &&
    (sent.timestamp === undefined ||
      Date.parse(String(stored.timestamp)) === Date.parse(String(sent.timestamp)))
  );
}
