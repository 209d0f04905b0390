/**
 * `attributes` and `excludedAttributes` (RFC 7644 §3.4.2.5): which attributes a response carries.
 * Paths are case-insensitive, may carry their schema URN (`urn:…:User:userName`,
 * `urn:…:enterprise:2.0:User:manager`) and may name one sub-attribute (`name.givenName`).
 * `id` and `schemas` are always returned.
 */
import { ENTERPRISE_SCHEMA } from './resources';

type Json = Record<string, unknown>;
const ALWAYS = new Set(['id', 'schemas']);
const CORE = /^urn:ietf:params:scim:schemas:core:2\.0:(?:user|group):/;

/** A path as [top-level key, sub-attribute?], lowercase. */
function split(path: string): [string, string | undefined] {
  const lower = path.trim().toLowerCase().replace(CORE, '');
  const extension = ENTERPRISE_SCHEMA.toLowerCase();
  if (lower.startsWith(`${extension}:`)) return [extension, lower.slice(extension.length + 1)];
  if (lower === extension) return [extension, undefined];
  const dot = lower.indexOf('.');
  return dot < 0 ? [lower, undefined] : [lower.slice(0, dot), lower.slice(dot + 1)];
}

function subset(value: unknown, keep: (key: string) => boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => subset(v, keep));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => keep(k.toLowerCase())));
}

/** An object left with no attributes is left out, as unassigned (RFC 7643 §2.5). */
const isEmpty = (value: unknown) =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  !Object.keys(value).length;

export function project(resource: Json, attributes: string[], excluded: string[]): Json {
  if (attributes.length) {
    const wanted = new Map<string, Set<string> | 'all'>();
    for (const [top, sub] of attributes.map(split)) {
      const had = wanted.get(top);
      if (sub === undefined || had === 'all') wanted.set(top, 'all');
      else wanted.set(top, new Set([...(had ?? []), sub]));
    }
    return Object.fromEntries(
      Object.entries(resource).flatMap(([key, value]) => {
        const lower = key.toLowerCase();
        if (ALWAYS.has(lower)) return [[key, value]];
        const want = wanted.get(lower);
        if (!want) return [];
        if (want === 'all') return [[key, value]];
        const kept = subset(value, (k) => want.has(k));
        return isEmpty(kept) ? [] : [[key, kept]];
      }),
    );
  }
  if (!excluded.length) return resource;
  const drop = excluded.map(split);
  return Object.fromEntries(
    Object.entries(resource).flatMap(([key, value]) => {
      const lower = key.toLowerCase();
      if (ALWAYS.has(lower)) return [[key, value]];
      const subs = drop.filter(([top]) => top === lower).map(([, sub]) => sub);
      if (subs.includes(undefined)) return [];
      if (!subs.length) return [[key, value]];
      const kept = subset(value, (k) => !subs.includes(k));
      return isEmpty(kept) ? [] : [[key, kept]];
    }),
  );
}

/** A comma-separated query parameter as a list. */
export const pathList = (value: string | undefined) =>
  value
    ? value
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
    : [];
