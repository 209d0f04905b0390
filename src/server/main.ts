/**
 * Starts Kindling: opens the store (SQLite in DATA_DIR, or PostgreSQL from DATABASE_URL and
 * DATABASE_SCHEMA), imports the content folder, seeds the demo organisations on an empty database,
 * and serves the built PWA and /api/v1 on PORT.
 *
 * Demo seeding: on by default in development; with NODE_ENV=production only when SEED_DEMO=1,
 * so a production install never gets known passwords by accident.
 */
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from './app';
import { formatProblem, loadContentDir } from './content/load';
import { DEMO_PASSWORD, demoAccounts, seedDemo } from './seed';
import { openStoreFromEnv } from './store/open';
import { sendStreakReminders, vapidFromEnv } from './push';

export async function start(env: NodeJS.ProcessEnv = process.env) {
  const port = Number(env.PORT ?? 8080);
  const store = await openStoreFromEnv(env);
  const production = env.NODE_ENV === 'production';
  const seed = env.SEED_DEMO === '1' || (!production && env.SEED_DEMO !== '0');
  // Several processes may start at once on one (possibly empty) PostgreSQL: the lock makes one
  // import content and seed while the others wait, then find the users there and skip seeding.
  await store.exclusive('startup', async () => {
    const contentDir = resolve(env.CONTENT_DIR ?? 'content');
    if (existsSync(contentDir)) {
      const content = loadContentDir(contentDir);
      for (const w of content.warnings) console.warn(`content warning: ${formatProblem(w)}`);
      if (content.errors.length > 0) {
        for (const e of content.errors) console.error(`content error: ${formatProblem(e)}`);
        console.error('Content has errors; serving the content stored before.');
      } else await store.saveContent(content.catalog, content.modules);
    }
    if (seed && (await store.countUsers()) === 0) {
      await seedDemo(store);
      console.log(`Seeded demo accounts (password "${DEMO_PASSWORD}"):`);
      for (const a of demoAccounts) console.log(`  ${a.email.padEnd(22)} ${a.role}`);
    }
  });
  // Learner days of events stored before they were kept (migration 0040): filled a few learners a
  // transaction while the server serves; the pilot report reads the events until it is done.
  void store.backfillLearnerDays().catch((e: Error) => console.error('backfill:', e.message));
  const staticDir = resolve(env.STATIC_DIR ?? 'dist');
  if (!existsSync(staticDir))
    console.warn(`No built app in ${staticDir}; run "npm run build". Serving the API only.`);
  const vapid = vapidFromEnv(env);
  const app = createApp({
    store,
    staticDir: existsSync(staticDir) ? staticDir : undefined,
    ...(vapid ? { vapid } : {}),
  });
  // Evening streak reminders; each device is claimed once a day in the store, so every process may run it.
  const reminders = vapid
    ? setInterval(
        () =>
          void sendStreakReminders({ store, vapid, now: Date.now() }).catch((e: Error) =>
            console.error('reminders:', e.message),
          ),
        15 * 60_000,
      )
    : undefined;
  const server = serve({ fetch: app.fetch, port, hostname: env.HOST ?? '0.0.0.0' }, (info) =>
    console.log(`Kindling is running at http://localhost:${info.port} (${store.dialect})`),
  );
  const stop = () => {
    clearInterval(reminders);
    server.close();
    void store.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { server, store };
}

await start();
