/**
 * One size limit for every API request body (1 MiB, the sync contract's ceiling), checked before
 * any route reads it — also when the client sends no Content-Length and streams the body.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorBody } from '../errors';

export const MAX_API_BODY_BYTES = 1024 * 1024;

export const apiBodyLimit = (): MiddlewareHandler =>
  bodyLimit({
    maxSize: MAX_API_BODY_BYTES,
    onError: (c) =>
      c.json(
        errorBody('payload_too_large', 'error.bodyTooLarge', { bytes: MAX_API_BODY_BYTES }),
        413,
      ),
  });
