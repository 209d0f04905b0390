/**
 * Kindling's people and cohorts as SCIM resources (RFC 7643), and SCIM input back into the fields
 * the store writes. One reading of input serves POST, PUT and the result of a PATCH (the patch is
 * applied to the resource as shown, then read like a PUT), so all three accept the same forms:
 *
 * - Attribute names are case-insensitive; unknown attributes are ignored (directories send what
 *   their mappings hold: addresses, phone numbers…), known ones with a wrong type are refused.
 * - `userName` is the person's email (sign-in and SSO match on it), stored lowercase.
 * - `active` may be a boolean or the strings "True"/"False" (Entra ID sends strings).
 * - The enterprise `manager` may be an id, `{ value }` or `[{ value }]`; empty means none.
 * - What is absent falls back: the time zone to the person's current one (else UTC), the rest to
 *   none — a PUT replaces.
 */
import { z } from 'zod';
import { isValidTimeZone } from '../../core/events';
import type { DirectoryFields, DirectoryGroup, DirectoryPerson } from '../store/store';
import { invalidValue, ScimError } from './errors';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

type Json = Record<string, unknown>;

/** Drops absent values, so unassigned attributes are left out (RFC 7643 §2.5). */
function present<T extends Json>(object: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(object).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<T>;
}

const iso = (ms: number | null) => (ms === null ? undefined : new Date(ms).toISOString());

export function userResource(p: DirectoryPerson, base: string): Json {
  const enterprise = present({
    department: p.department,
    employeeNumber: p.employeeNumber,
    manager: p.managerId ? { value: p.managerId, $ref: `${base}/Users/${p.managerId}` } : null,
  });
  const extended = Object.keys(enterprise).length > 0;
  return present({
    schemas: extended ? [USER_SCHEMA, ENTERPRISE_SCHEMA] : [USER_SCHEMA],
    id: p.id,
    externalId: p.externalId,
    userName: p.email,
    name: present({ formatted: p.name, givenName: p.givenName, familyName: p.familyName }),
    displayName: p.name,
    emails: p.emails
      ? (JSON.parse(p.emails) as unknown[])
      : [{ value: p.email, type: 'work', primary: true }],
    active: p.active,
    locale: p.locale,
    timezone: p.tz,
    [ENTERPRISE_SCHEMA]: extended ? enterprise : null,
    meta: present({
      resourceType: 'User',
      created: iso(p.createdAt),
      lastModified: iso(p.updatedAt),
      location: `${base}/Users/${p.id}`,
    }),
  });
}

export function groupResource(g: DirectoryGroup, base: string): Json {
  return present({
    schemas: [GROUP_SCHEMA],
    id: g.id,
    externalId: g.externalId,
    displayName: g.name,
    members: g.memberIds?.map((id) => ({ value: id, $ref: `${base}/Users/${id}`, type: 'User' })),
    meta: present({
      resourceType: 'Group',
      created: iso(g.createdAt),
      lastModified: iso(g.updatedAt),
      location: `${base}/Groups/${g.id}`,
    }),
  });
}

/** The attribute `name` of `object`, whatever its case (SCIM names are case-insensitive). */
function attr(object: Json, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string attribute, or null when absent/empty; anything else is refused. */
function text(object: Json, name: string, field = name, max = 255): string | null {
  const value = attr(object, name);
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.length > max) throw invalidValue(field);
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function flag(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value))
    return value.toLowerCase() === 'true';
  throw invalidValue(field);
}

const emailAddress = z.email().max(254);

function locale(value: string | null): string | null {
  if (value === null) return null;
  try {
    // Okta sends `en_US`; BCP 47 spells it `en-US`.
    return Intl.getCanonicalLocales(value.replace(/_/g, '-'))[0] ?? null;
  } catch {
    throw invalidValue('locale');
  }
}

function managerId(value: unknown): string | null {
  const one = Array.isArray(value) ? (value.length > 1 ? undefined : (value[0] ?? null)) : value;
  if (one === null || one === undefined || one === '') return null;
  if (typeof one === 'string') return one.length <= 200 ? one : fail();
  if (isObject(one)) {
    const id = attr(one, 'value');
    if (id === null || id === undefined || id === '') return null;
    if (typeof id === 'string' && id.length <= 200) return id;
  }
  return fail();
  function fail(): never {
    throw invalidValue('manager');
  }
}

function emails(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length > 20) throw invalidValue('emails');
  const kept = value.map((e) => {
    if (!isObject(e)) throw invalidValue('emails');
    const primary = flag(attr(e, 'primary'), 'emails.primary');
    return present({
      value: text(e, 'value', 'emails.value'),
      type: text(e, 'type', 'emails.type', 40),
      primary,
    });
  });
  return kept.length ? JSON.stringify(kept) : null;
}

/** The id a body names must be the resource's own: ids are given by Kindling (readOnly). */
function checkId(body: Json, id: string | undefined) {
  const named = attr(body, 'id');
  if (id !== undefined && named !== undefined && named !== id)
    throw new ScimError(400, 'mutability', 'error.scim.mutability', { field: 'id' });
}

/** A SCIM User body as the fields Kindling keeps; `current` when it replaces a person. */
/** Whether a SCIM user body names a time zone. */
export function givesTimezone(body: unknown): boolean {
  return isObject(body) && attr(body, 'timezone') != null;
}

export function personInput(body: unknown, current?: DirectoryPerson): DirectoryFields {
  if (!isObject(body))
    throw new ScimError(400, 'invalidSyntax', 'error.scim.invalidSyntax', {
      reason: 'the body must be a JSON object',
    });
  checkId(body, current?.id);
  const userName = text(body, 'userName', 'userName', 254);
  if (userName === null)
    throw new ScimError(400, 'invalidValue', 'error.scim.required', { field: 'userName' });
  const email = userName.toLowerCase();
  if (!emailAddress.safeParse(email).success) throw invalidValue('userName', 'error.scim.email');
  const name = attr(body, 'name');
  if (name !== undefined && name !== null && !isObject(name)) throw invalidValue('name');
  const names = isObject(name) ? name : {};
  const givenName = text(names, 'givenName', 'name.givenName', 80);
  const familyName = text(names, 'familyName', 'name.familyName', 80);
  const shown =
    text(body, 'displayName', 'displayName', 80) ??
    text(names, 'formatted', 'name.formatted', 80) ??
    ([givenName, familyName].filter(Boolean).join(' ') || email.split('@')[0]!);
  if (shown.length > 80) throw invalidValue('displayName');
  const zone = text(body, 'timezone', 'timezone', 64);
  if (zone !== null && !isValidTimeZone(zone)) throw invalidValue('timezone');
  const extension = attr(body, ENTERPRISE_SCHEMA);
  if (extension !== undefined && extension !== null && !isObject(extension))
    throw invalidValue(ENTERPRISE_SCHEMA);
  const enterprise = isObject(extension) ? extension : {};
  return {
    email,
    name: shown,
    active: flag(attr(body, 'active'), 'active') ?? true,
    locale: locale(text(body, 'locale', 'locale', 35)),
    tz: zone ?? current?.tz ?? 'UTC',
    managerId: managerId(attr(enterprise, 'manager')),
    externalId: text(body, 'externalId'),
    givenName,
    familyName,
    emails: emails(attr(body, 'emails')),
    department: text(enterprise, 'department'),
    employeeNumber: text(enterprise, 'employeeNumber'),
  };
}

export interface GroupInput {
  name: string;
  externalId: string | null;
  memberIds: string[];
}

export function groupInput(body: unknown, currentId?: string): GroupInput {
  if (!isObject(body))
    throw new ScimError(400, 'invalidSyntax', 'error.scim.invalidSyntax', {
      reason: 'the body must be a JSON object',
    });
  checkId(body, currentId);
  const name = text(body, 'displayName', 'displayName', 80);
  if (name === null)
    throw new ScimError(400, 'invalidValue', 'error.scim.required', { field: 'displayName' });
  const members = attr(body, 'members') ?? [];
  if (!Array.isArray(members)) throw invalidValue('members');
  const memberIds = members.map((m) => {
    const id = isObject(m) ? attr(m, 'value') : undefined;
    if (typeof id !== 'string' || id === '' || id.length > 200) throw invalidValue('members');
    return id;
  });
  return { name, externalId: text(body, 'externalId'), memberIds: [...new Set(memberIds)] };
}

/** True when writing `next` over `current` would change nothing. */
export function samePerson(current: DirectoryPerson, next: DirectoryFields): boolean {
  return (Object.keys(next) as Array<keyof DirectoryFields>).every((k) => current[k] === next[k]);
}
