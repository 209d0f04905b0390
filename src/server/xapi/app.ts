/**
 * The Learning Record Store at `/xapi` (xAPI 2.0, IEEE 9274.1.1-2023), one Hono sub-app:
 *
 * - CORS for every origin (LRS clients run in other sites' pages), with the xAPI headers allowed
 *   and exposed, answered before authentication so preflights need no credentials;
 * - `/about` for anyone; everything else needs HTTP Basic with an LRS credential of an
 *   organisation (credentials.ts) and the `X-Experience-API-Version` header (1.0.x or 2.0.x);
 * - every answer carries `X-Experience-API-Version: 2.0.0`.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { AppDeps } from '../env';
import { ApiError, errorBody } from '../errors';
import { requireLrsCredential } from './credentials';
import { documentRoutes } from './documents';
import type { XapiEnv } from './env';
import { statementRoutes } from './statements';

export const XAPI_VERSION = '2.0.0';
const SPOKEN = /^(?:1\.0|2\.0)(?:\.\d+)?$/;
/** Statements with attachments can be large; documents and statements share this ceiling. */
export const MAX_XAPI_BODY_BYTES = 16 * 1024 * 1024;

const requireVersion = (): MiddlewareHandler<XapiEnv> => async (c, next) => {
  if (c.req.method === 'OPTIONS' || c.req.path.endsWith('/about')) return next();
  const version = c.req.header('x-experience-api-version');
  if (!version || !SPOKEN.test(version.trim()))
    throw new ApiError(400, 'unsupported_version', 'error.xapi.version');
  await next();
};

export function xapiApp(deps: AppDeps) {
  return new Hono<XapiEnv>()
    .use('*', async (c, next) => {
      c.set('deps', deps);
      await next();
      c.header('X-Experience-API-Version', XAPI_VERSION);
      c.header('Cache-Control', 'no-store');
    })
    .use(
      '*',
      cors({
        origin: '*',
        allowMethods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS'],
        allowHeaders: [
          'Authorization',
          'Content-Type',
          'X-Experience-API-Version',
          'If-Match',
          'If-None-Match',
          'Accept-Language',
        ],
        exposeHeaders: [
          'ETag',
          'Last-Modified',
          'X-Experience-API-Version',
          'X-Experience-API-Consistent-Through',
          'Content-Type',
        ],
        maxAge: 86_400,
      }),
    )
    .use('*', requireVersion())
    .get('/about', (c) => c.json({ version: [XAPI_VERSION, '1.0.3'], extensions: {} }))
    .use('*', requireLrsCredential())
    .use(
      '*',
      bodyLimit({
        maxSize: MAX_XAPI_BODY_BYTES,
        onError: (c) =>
          c.json(
            errorBody('payload_too_large', 'error.bodyTooLarge', { bytes: MAX_XAPI_BODY_BYTES }),
            413,
          ),
      }),
    )
    .route('/', statementRoutes)
    .route('/', documentRoutes)
    .all('*', (c) => c.json(errorBody('not_found', 'error.noRoute'), 404));
}
