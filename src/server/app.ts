/**
 * The Hono application: `/api/v1` routes, security headers, and (when given a folder) the built
 * PWA with cache headers that let the service worker and HTTP caches do their job.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { OkReply } from '../core/api';
import type { AppDeps, AppEnv } from './env';
import { errorBody, onError } from './errors';
import { apiBodyLimit } from './middleware/body-limit';
import { sameOrigin, securityHeaders } from './middleware/security';
import { authRoutes } from './routes/auth';
import { contentRoutes } from './routes/content';
import { peopleRoutes } from './routes/people';
import { pilotRoutes } from './routes/pilot';
import { progressRoutes } from './routes/progress';
import { motivationRoutes } from './routes/motivation';
import { socialRoutes } from './routes/social';
import { pushRoutes } from './routes/push';
import { scimRoutes } from './scim/routes';
import type { Vapid } from './push';
import type { PushTargets } from './push-target';
import { UploadParser, type UploadParsing } from './content/off-thread';
import { mailService, type MailSetup } from './mail/outbox';
import { lrsCredentialRoutes } from './xapi/credentials';
import { forwardingRoutes } from './xapi/forwarding-routes';
import { xapiApp } from './xapi/app';

export interface AppOptions extends Partial<AppDeps> {
  store: AppDeps['store'];
  /** Folder of the built app (dist/); omitted in API-only tests. */
  staticDir?: string;
  /** VAPID keys for Web Push reminders and nudges; push is off without them. */
  vapid?: Vapid;
  /** For tests only: push targets that allow a local listener, and the certificate it trusts. */
  pushTargets?: PushTargets;
  pushCa?: string | Buffer;
  /** SMTP transport and sender address; invites and resets are only shown as links without it. */
  mailSetup?: MailSetup;
  /** For tests: the upload parser's time limit and worker module. */
  uploadParsing?: UploadParsing;
}

export function createApp(options: AppOptions) {
  const now = options.now ?? Date.now;
  const deps: AppDeps = {
    store: options.store,
    now,
    acceptanceWindowDays: options.acceptanceWindowDays ?? 30,
    ...(options.forwardPrivate ? { forwardPrivate: true } : {}),
    uploads: options.uploads ?? new UploadParser(options.uploadParsing),
    ...(options.vapid
      ? {
          push: {
            vapid: options.vapid,
            ...(options.pushTargets ? { targets: options.pushTargets } : {}),
            ...(options.pushCa ? { ca: options.pushCa } : {}),
          },
        }
      : {}),
    ...(options.mail
      ? { mail: options.mail }
      : options.mailSetup
        ? { mail: mailService(options.store, options.mailSetup, now) }
        : {}),
  };
  const api = new Hono<AppEnv>()
    .get('/health', async (c) => {
      const ok = await deps.store.health().catch(() => false);
      return ok
        ? c.json({ ok: true } satisfies OkReply)
        : c.json(errorBody('store_unavailable', 'error.storeDown'), 503);
    })
    .route('/', authRoutes)
    .route('/', peopleRoutes)
    .route('/', contentRoutes)
    .route('/', progressRoutes)
    .route('/', motivationRoutes)
    .route('/', socialRoutes)
    .route('/', pushRoutes(options.vapid))
    .route('/', pilotRoutes)
    .route('/', lrsCredentialRoutes)
    .route('/', forwardingRoutes);

  const app = new Hono<AppEnv>();
  app.onError(onError);
  app.use(securityHeaders());
  app.use('/api/*', async (c, next) => {
    c.set('deps', deps);
    c.header('Cache-Control', 'no-store');
    await next();
  });
  app.use('/api/*', sameOrigin());
  app.use('/api/*', apiBodyLimit());
  app.route('/api/v1', api);
  app.all('/api/*', (c) => c.json(errorBody('not_found', 'error.noRoute'), 404));
  app.route('/scim/v2', scimRoutes(deps));
  // The link an admin shares: "sign in with your company account" for one organisation.
  app.get('/sso/:slug', (c) =>
    c.redirect(`/api/v1/auth/sso/start?org=${encodeURIComponent(c.req.param('slug'))}`, 302),
  );
  app.route('/xapi', xapiApp(deps));
  if (options.staticDir) serveBuiltApp(app, options.staticDir);
  app.notFound((c) => c.json(errorBody('not_found', 'error.notFound'), 404));
  return app;
}

const STATIC_FILE =
  /\.(?:js|mjs|css|map|html|json|webmanifest|txt|xml|ico|png|jpe?g|gif|webp|avif|svg|woff2?)$/i;

function serveBuiltApp(app: Hono<AppEnv>, root: string) {
  app.use(
    '*',
    serveStatic({
      root,
      onFound: (path, c) => {
        const hashed = /\/assets\//.test(path);
        c.header('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  // Every other path is an app URL, served the shell — unless it names a missing file. Lesson ids
  // contain dots (`feedback.assessment`), so only a known file type counts as a file.
  app.get('*', async (c, next) => {
    if (STATIC_FILE.test(c.req.path)) return next();
    c.header('Cache-Control', 'no-cache');
    return serveStatic({ root, path: 'index.html' })(c, next);
  });
}
