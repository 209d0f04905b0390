/**
 * SCIM's own error shape (RFC 7644 §3.12): `{ schemas: [Error], status: "400", scimType, detail }`
 * with `application/scim+json`. `detail` is a phrase of the errors catalog worded in English
 * (directories log it for IT staff); `scimType` tells the directory what kind of refusal it is.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorPhrase, type ErrorKey } from '../../core/phrases/errors';
import type { Params } from '../../core/wording';
import { databaseAway, UnstorableText } from '../store/db';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_CONTENT_TYPE = 'application/scim+json';

export type ScimType =
  | 'uniqueness'
  | 'invalidFilter'
  | 'invalidValue'
  | 'mutability'
  | 'noTarget'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'tooMany';

export class ScimError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly scimType: ScimType | undefined,
    readonly key: ErrorKey,
    readonly params?: Params,
  ) {
    super(errorPhrase(key, params).text);
  }
}

export const invalidValue = (field: string, key: ErrorKey = 'error.scim.invalidValue') =>
  new ScimError(400, 'invalidValue', key, { field });

/** A SCIM response: JSON with SCIM's media type. */
export function scimJson(c: Context, body: unknown, status: ContentfulStatusCode = 200) {
  return c.body(JSON.stringify(body), status, { 'Content-Type': SCIM_CONTENT_TYPE });
}

export function scimErrorBody(err: ScimError) {
  return {
    schemas: [ERROR_SCHEMA],
    status: String(err.status),
    ...(err.scimType ? { scimType: err.scimType } : {}),
    detail: err.message,
  };
}

/** Every failure under /scim as a SCIM error; stack traces go to the log only. */
export function onScimError(err: Error, c: Context) {
  if (err instanceof ScimError) {
    if (err.status === 401) c.header('WWW-Authenticate', 'Bearer realm="scim"');
    return scimJson(c, scimErrorBody(err), err.status);
  }
  if ((err as { status?: number }).status === 413)
    return scimJson(c, scimErrorBody(tooLarge()), 413);
  if (err instanceof UnstorableText)
    return scimJson(
      c,
      scimErrorBody(new ScimError(400, 'invalidValue', 'error.nulCharacter')),
      400,
    );
  if (databaseAway(err)) {
    // The directory retries a 503 (RFC 7644 §3.12); every SCIM write is idempotent by its id.
    c.header('Retry-After', '5');
    return scimJson(c, scimErrorBody(new ScimError(503, undefined, 'error.storeDown')), 503);
  }
  console.error(err);
  return scimJson(
    c,
    { schemas: [ERROR_SCHEMA], status: '500', detail: errorPhrase('error.internal').text },
    500,
  );
}

export const tooLarge = () =>
  new ScimError(413, undefined, 'error.scim.tooLarge', { bytes: 1024 * 1024 });
