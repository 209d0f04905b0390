/**
 * The JSON value checks statement validation is made of (validate.ts): each throws
 * `StatementProblem` with the JSON path of the value it refuses, so a 400 says what to fix.
 */

export class StatementProblem extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

export type Json = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]+$/i;
export const LANGUAGE_TAG =
  /^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wy-z\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$|^x(?:-[a-z\d]{1,8})+$/i;
const TIMESTAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)$/i;

export const fail = (path: string, problem: string): never => {
  throw new StatementProblem(path, problem);
};

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
export const isIri = (v: unknown): v is string => typeof v === 'string' && IRI.test(v);
export const isTimestamp = (v: unknown): v is string =>
  typeof v === 'string' && TIMESTAMP.test(v) && !/-00:?00$/.test(v) && !isNaN(Date.parse(v));

export function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(path, 'must be a JSON object');
  return value as Json;
}

export function only(value: Json, path: string, allowed: readonly string[]) {
  for (const key of Object.keys(value))
    if (!allowed.includes(key))
      fail(`${path}.${key}`, 'is not a property the specification allows here');
}

export function string(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'must be a string');
  return value as string;
}

export function iri(value: unknown, path: string) {
  if (!isIri(value)) fail(path, 'must be an absolute IRI');
}

export function uuid(value: unknown, path: string) {
  if (!isUuid(value)) fail(path, 'must be a UUID');
}

export function bool(value: unknown, path: string) {
  if (typeof value !== 'boolean') fail(path, 'must be true or false');
}

export function number(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, 'must be a number');
  return value as number;
}

export function languageMap(value: unknown, path: string) {
  const map = object(value, path);
  for (const [tag, text] of Object.entries(map)) {
    if (!LANGUAGE_TAG.test(tag)) fail(`${path}.${tag}`, 'is not an RFC 5646 language tag');
    string(text, `${path}.${tag}`);
  }
}

export function extensions(value: unknown, path: string) {
  const map = object(value, path);
  for (const key of Object.keys(map)) iri(key, `${path}.${key}`);
}

/** Runs each check on its property of `value` where that property is present. */
export function optional(
  value: Json,
  path: string,
  checks: Record<string, (value: unknown, path: string) => void>,
) {
  for (const [key, check] of Object.entries(checks))
    if (value[key] !== undefined) check(value[key], `${path}.${key}`);
}

export function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'must be an array');
  return value as unknown[];
}
