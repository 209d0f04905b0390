/**
 * Starts Kindling: opens the store (SQLite in DATA_DIR, or PostgreSQL from DATABASE_URL and
 * DATABASE_SCHEMA), imports the content folder, seeds the demo organisations on an empty database,
 * and serves the built PWA and /api/v1 on PORT.
 *
 * Demo seeding: on by default in development; with NODE_ENV=production only when SEED_DEMO=1,
 * so a production install never gets known passwords by accident.
 */
import { aggregateFor } from './progress-aggregate';
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { createApp } from './app';
import { formatProblem, loadContentDir } from './content/load';
import { DEMO_PASSWORD, demoAccounts, seedDemo } from './seed';
import { openStoreFromEnv } from './store/open';
import { sendWeeklyDigests } from './mail/digest';
import { mailFromEnv, mailService } from './mail/outbox';
import { sendStreakReminders, vapidFromEnv } from './push';
import { UploadParser } from './content/off-thread';
import { gracefulShutdown } from './shutdown';
import { forwardingFromEnv, startForwarding } from './xapi/forwarding';

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
  // With the XP rule, so the days count what XP counts (migration 0090 asks for it again).
  void store
    .backfillLearnerDays({
      aggregateFor: async (id) => {
        const user = await store.getUser(id);
        return user && aggregateFor(store, user);
      },
    })
    // The pilot summaries (migration 0230) are folded from the days, so they follow them.
    .then(() => store.backfillPilotSummaries())
    .catch((e: Error) => console.error('backfill:', e.message));
  // Likewise the kept mastery (migration 0130); /me/state grades the events until it is done.
  void store
    .backfillLearnerMastery()
    .catch((e: Error) => console.error('mastery backfill:', e.message));
  const staticDir = resolve(env.STATIC_DIR ?? 'dist');
  if (!existsSync(staticDir))
    console.warn(`No built app in ${staticDir}; run "npm run build". Serving the API only.`);
  const vapid = vapidFromEnv(env);
  const mailSetup = mailFromEnv(env);
  const mail = mailSetup && mailService(store, mailSetup, Date.now);
  // Uploads are parsed in a worker thread; it starts now so the first upload does not wait for it.
  const uploads = new UploadParser();
  void uploads.warm();
  const forwarding = forwardingFromEnv(env);
  const app = createApp({
    store,
    uploads,
    forwardPrivate: forwarding.allowPrivate,
    staticDir: existsSync(staticDir) ? staticDir : undefined,
    ...(vapid ? { vapid } : {}),
    ...(mail ? { mail } : {}),
  });
  // Mail waiting in the outbox (an SMTP server that was down, another process's queue) goes out
  // within a minute; rows are claimed, so every process may run this.
  const mailer = mail ? setInterval(() => void mail.flush(), 60_000) : undefined;
  // Managers' weekly digests: looked at every hour, each queued once a week (the digest log).
  const digest = () =>
    void sendWeeklyDigests({ store, mail, now: Date.now }).catch((e: Error) =>
      console.error('digest:', e.message),
    );
  const digests = mail ? setInterval(digest, 3_600_000) : undefined;
  if (mail) digest();
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
  // Statements queued for organisations' own LRSs; each organisation's batch is claimed, so every
  // process may run this.
  const forwarder = startForwarding(store, forwarding);
  const server = serve({ fetch: app.fetch, port, hostname: env.HOST ?? '0.0.0.0' }, (info) =>
    console.log(`Kindling is running at http://localhost:${info.port} (${store.dialect})`),
  );
  const shutDown = gracefulShutdown(server as Server, store);
  const stop = () => {
    clearInterval(reminders);
    clearInterval(mailer);
    clearInterval(digests);
    forwarder.stop();
    console.log('Kindling is stopping: finishing the requests in flight');
    void shutDown().then((clean) => process.exit(clean ? 0 : 1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { server, store };
}

await start();
