/**
 * Actors as the xAPI 2.0 Data part states them (§2.4.2): an Agent has exactly one inverse
 * functional identifier (mbox, mbox_sha1sum, openid, account); a Group either has one
 * (identified) or none and a `member` list (anonymous); members are Agents.
 */
import { fail, iri, list, object, only, string, type Json } from './validate-values';

const SHA1 = /^[0-9a-f]{40}$/i;
const MAILTO = /^mailto:[^@\s]+@[^@\s]+$/i;

const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

function ifi(value: Json, path: string): number {
  const present = IFIS.filter((k) => value[k] !== undefined);
  if (present.length > 1) fail(path, `has ${present.join(' and ')}: use exactly one identifier`);
  if (value.mbox !== undefined && !(typeof value.mbox === 'string' && MAILTO.test(value.mbox)))
    fail(`${path}.mbox`, 'must be a mailto: IRI');
  if (
    value.mbox_sha1sum !== undefined &&
    !(typeof value.mbox_sha1sum === 'string' && SHA1.test(value.mbox_sha1sum))
  )
    fail(`${path}.mbox_sha1sum`, 'must be a hex SHA-1');
  if (value.openid !== undefined) iri(value.openid, `${path}.openid`);
  if (value.account !== undefined) {
    const account = object(value.account, `${path}.account`);
    only(account, `${path}.account`, ['homePage', 'name']);
    iri(account.homePage, `${path}.account.homePage`);
    string(account.name, `${path}.account.name`);
  }
  return present.length;
}

export function agent(value: unknown, path: string) {
  const a = object(value, path);
  only(a, path, ['objectType', 'name', ...IFIS]);
  if (a.objectType !== undefined && a.objectType !== 'Agent')
    fail(`${path}.objectType`, 'must be "Agent"');
  if (a.name !== undefined) string(a.name, `${path}.name`);
  if (ifi(a, path) !== 1) fail(path, 'needs one identifier: mbox, mbox_sha1sum, openid or account');
}

export function group(value: unknown, path: string) {
  const g = object(value, path);
  only(g, path, ['objectType', 'name', 'member', ...IFIS]);
  if (g.objectType !== 'Group') fail(`${path}.objectType`, 'must be "Group"');
  if (g.name !== undefined) string(g.name, `${path}.name`);
  const identified = ifi(g, path) === 1;
  if (g.member !== undefined)
    list(g.member, `${path}.member`).forEach((m, i) => agent(m, `${path}.member[${i}]`));
  if (!identified && !(Array.isArray(g.member) && g.member.length > 0))
    fail(path, 'an anonymous group needs its members');
}

/** An Actor: an Agent, or a Group when `objectType` says so. */
export function actor(value: unknown, path: string) {
  if (object(value, path).objectType === 'Group') group(value, path);
  else agent(value, path);
}
