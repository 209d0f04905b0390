/**
 * What a statement refers to, as the query filters of the Statements resource see it: agents by
 * their inverse functional identifier and activities by id, each marked `direct` when it is the
 * statement's actor or object (the plain `agent` and `activity` filters) and otherwise reached
 * only by `related_agents` / `related_activities` (context, authority, sub-statement, members).
 */
import { VOIDED } from './validate';

type Json = Record<string, unknown>;

export interface StatementRefs {
  agents: Map<string, boolean>;
  activities: Map<string, boolean>;
  /**
   * The statement this one targets through a StatementRef object, which lets it meet the filters
   * its target meets (Communication §2.1.3, "Filter Conditions for StatementRefs"). Never set for
   * a voiding statement: the rule excludes it.
   */
  target?: string;
}

/**
 * The identifier that names an agent or identified group, as one string; undefined for an
 * anonymous group.
 *
 * @example agentKey({ mbox: 'mailto:ann@example.com' }) === 'mbox:mailto:ann@example.com'
 */
export function agentKey(agent: Json): string | undefined {
  if (typeof agent.mbox === 'string') return `mbox:${agent.mbox.toLowerCase()}`;
  if (typeof agent.mbox_sha1sum === 'string') return `sha1:${agent.mbox_sha1sum.toLowerCase()}`;
  if (typeof agent.openid === 'string') return `openid:${agent.openid}`;
  const account = agent.account as Json | undefined;
  if (account) return `account:${String(account.homePage)}|${String(account.name)}`;
  return undefined;
}

function addAgent(refs: StatementRefs, value: unknown, direct: boolean) {
  if (typeof value !== 'object' || value === null) return;
  const agent = value as Json;
  const key = agentKey(agent);
  if (key) refs.agents.set(key, direct || refs.agents.get(key) === true);
  // Members of a group match only the broad (related) filter.
  if (Array.isArray(agent.member)) for (const m of agent.member) addAgent(refs, m, false);
}

function addActivity(refs: StatementRefs, value: unknown, direct: boolean) {
  const id = (value as Json | undefined)?.id;
  if (typeof id === 'string') refs.activities.set(id, direct || refs.activities.get(id) === true);
}

function addObject(refs: StatementRefs, object: Json, direct: boolean) {
  const type = object.objectType;
  if (type === undefined || type === 'Activity') addActivity(refs, object, direct);
  else if (type === 'Agent' || type === 'Group') addAgent(refs, object, direct);
  else if (type === 'SubStatement') addParts(refs, object, false);
}

function addParts(refs: StatementRefs, s: Json, direct: boolean) {
  addAgent(refs, s.actor, direct);
  addObject(refs, s.object as Json, direct);
  const context = s.context as Json | undefined;
  if (!context) return;
  addAgent(refs, context.instructor, false);
  addAgent(refs, context.team, false);
  for (const entry of (context.contextAgents as Json[] | undefined) ?? [])
    addAgent(refs, entry.agent, false);
  for (const entry of (context.contextGroups as Json[] | undefined) ?? [])
    addAgent(refs, entry.group, false);
  const activities = context.contextActivities as Json | undefined;
  for (const entry of Object.values(activities ?? {}))
    for (const a of Array.isArray(entry) ? entry : [entry]) addActivity(refs, a, false);
}

export function statementRefs(statement: Json): StatementRefs {
  const refs: StatementRefs = { agents: new Map(), activities: new Map() };
  addParts(refs, statement, true);
  addAgent(refs, statement.authority, false);
  const object = statement.object as Json;
  if (
    object.objectType === 'StatementRef' &&
    typeof object.id === 'string' &&
    (statement.verb as Json).id !== VOIDED
  )
    refs.target = object.id.toLowerCase();
  return refs;
}
