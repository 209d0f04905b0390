/**
 * Every error leaves the server as `{ "error": { "code", "message", "key", "params" } }` with a
 * 4xx or 5xx status: `code` for programs, `message` in English, and `key` + `params` so the app
 * words it in the reader's locale (src/core/phrases/errors.ts). Stack traces go to the log,
 * never to the client.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import { errorPhrase, issuePhrase, type ErrorKey } from '../core/phrases/errors';
import type { Params, Phrase } from '../core/wording';
import { databaseAway, UnstorableText } from './store/db';

export class ApiError extends Error {
  readonly phrase: Phrase;
  /** Sent as `Retry-After` (seconds): when a refused caller may try again. */
  retryAfterSeconds?: number;
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    phrase: Phrase | ErrorKey,
    params?: Params,
  ) {
    const worded = typeof phrase === 'string' ? errorPhrase(phrase, params) : phrase;
    super(worded.text);
    this.phrase = worded;
  }
}

/** 429 with `Retry-After`: the caller may try again after `seconds`. */
export function tooManyRequests(key: ErrorKey, seconds: number, params?: Params): ApiError {
  const err = new ApiError(429, 'rate_limited', key, params);
  err.retryAfterSeconds = Math.max(1, Math.ceil(seconds));
  return err;
}

export function errorBody(code: string, phrase: Phrase | ErrorKey, params?: Params) {
  const {
    key,
    params: values,
    text,
  } = typeof phrase === 'string' ? errorPhrase(phrase, params) : phrase;
  return { error: { code, message: text, key, ...(values ? { params: values } : {}) } };
}

export function onError(err: Error, c: Context) {
  if (err instanceof ApiError) {
    if (err.retryAfterSeconds) c.header('Retry-After', String(err.retryAfterSeconds));
    return c.json(errorBody(err.code, err.phrase), err.status);
  }
  const status = (err as { status?: number }).status;
  if (status === 413) return c.json(errorBody('payload_too_large', 'error.tooLarge'), 413);
  if (err instanceof UnstorableText)
    return c.json(errorBody('invalid_request', 'error.nulCharacter'), 400);
  if (databaseAway(err)) {
    // A restart or failover of the database: the caller resends (every write is idempotent).
    console.error(`database away: ${err.message}`);
    c.header('Retry-After', '5');
    return c.json(errorBody('store_unavailable', 'error.storeDown'), 503);
  }
  console.error(err);
  return c.json(errorBody('internal', 'error.internal'), 500);
}

/** For `.refine(distinct, DUPLICATE)` on a list: each item at most once (a 400, never a 500). */
export const distinct = (items: readonly unknown[]) => new Set(items).size === items.length;
export const DUPLICATE = { message: 'error.field.duplicate' } as const;

/** Parses input with a zod schema or throws a 400 naming the first problem. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ApiError(400, 'invalid_request', issuePhrase(result.error.issues[0]!));
}

/** Reads a JSON body, answering 400 (not 500) when it is not JSON. */
export async function readJson(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'error.invalidJson');
  }
}
