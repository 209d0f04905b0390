/**
 * Schema migrations, run by Kysely's Migrator when a store opens: each once, in name order, on
 * PostgreSQL all in one transaction under the migrator's advisory lock (so processes starting at
 * once on an empty database migrate exactly once; DDL is transactional there).
 *
 * Names are `NNNN-what`. Unordered migrations are allowed, so work on two branches that both add
 * a migration merges without renumbering: each runs once wherever it sorts. Only add migrations;
 * never change what a shipped one builds (its code may be tidied only where the schema it makes
 * on both databases stays the same to the byte), nor its name.
 *
 * Databases made before this migrator recorded their steps in `schema_migrations` (versions
 * 1–11): each of those steps checks that table and does nothing when it already ran, and
 * `0012` drops the old table once every step is recorded the new way.
 */
import { Migrator, sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../db';
import { legacyMigrations } from './legacy';

/**
 * Migrations see the database as it was when they were written, not today's `Database` type
 * (Kysely's own convention), so they take it untyped.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDb = Kysely<any>;
import { storeWrittenOnce } from './0012-store-written-once';
import { mailOutbox } from './0025-mail-outbox';
import { scim } from './0030-scim';
import { singleSignOn } from './0020-single-sign-on';
import { learnerDays } from './0040-learner-days';
import { eventsByReceipt } from './0060-events-by-receipt';
import { xapi } from './0050-xapi';
import { xapiStatementTargets } from './0120-xapi-statement-targets';
import { xapiAttachments } from './0121-xapi-attachments';
import { signInFailures } from './0080-sign-in-failures';
import { learnerMastery } from './0130-learner-mastery';
import { ledgerStreaks } from './0131-ledger-streaks';
import { countedLearning } from './0090-counted-learning';
import { xapiForwarding } from './0150-xapi-forwarding';
import { deviceContacts } from './0160-device-contacts';
import { ledgerStreaksApart } from './0180-ledger-streaks-apart';
import { teamReports } from './0220-team-reports';
import { pilotSummaries } from './0230-pilot-summaries';
import { boardVersions } from './0240-board-versions';

/** Runs a legacy step's SQL text a statement at a time (drivers prepare one statement each). */
async function runScript(db: AnyDb, text: string): Promise<void> {
  for (const statement of text.split(/;\s*(?:\n|$)/)) {
    const code = statement.replace(/--.*$/gm, '').trim();
    if (code) await sql.raw(statement).execute(db);
  }
}

async function legacyApplied(db: AnyDb, version: number): Promise<boolean> {
  const present = isPostgres(db)
    ? (
        await sql<{ present: boolean }>`
          SELECT to_regclass('schema_migrations') IS NOT NULL AS present`.execute(db)
      ).rows[0]!.present
    : (
        await sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`.execute(
          db,
        )
      ).rows.length > 0;
  if (!present) return false;
  const { rows } = await sql`SELECT 1 FROM schema_migrations WHERE version = ${version}`.execute(
    db,
  );
  return rows.length > 0;
}

const legacy: Record<string, Migration> = Object.fromEntries(
  legacyMigrations.map((m) => [
    m.id,
    {
      async up(db: AnyDb) {
        if (!(await legacyApplied(db, m.version))) await runScript(db, m.sql);
      },
    },
  ]),
);

export const migrations: Record<string, Migration> = {
  ...legacy,
  '0012-store-written-once': storeWrittenOnce,
  '0025-mail-outbox': mailOutbox,
  '0030-scim': scim,
  '0020-single-sign-on': singleSignOn,
  '0040-learner-days': learnerDays,
  '0060-events-by-receipt': eventsByReceipt,
  '0050-xapi': xapi,
  '0120-xapi-statement-targets': xapiStatementTargets,
  '0121-xapi-attachments': xapiAttachments,
  '0080-sign-in-failures': signInFailures,
  '0130-learner-mastery': learnerMastery,
  '0131-ledger-streaks': ledgerStreaks,
  '0090-counted-learning': countedLearning,
  '0150-xapi-forwarding': xapiForwarding,
  '0160-device-contacts': deviceContacts,
  '0180-ledger-streaks-apart': ledgerStreaksApart,
  '0220-team-reports': teamReports,
  '0230-pilot-summaries': pilotSummaries,
  '0240-board-versions': boardVersions,
};

/** The names of every migration this build knows, in the order they run on an empty database. */
export const migrationNames = (): string[] => Object.keys(migrations).sort();

/**
 * Brings the database up to date. `file`: a SQLite file, whose stores opening at once in this
 * process migrate one after the other (a SQLite file belongs to one process, so that is all the
 * locking it needs; PostgreSQL's migrator takes an advisory lock).
 */
export async function migrate(db: AnyDb, where: { schema?: string; file?: string }): Promise<void> {
  if (where.file === undefined) return migrateNow(db, where.schema);
  const before = sqliteMigrations.get(where.file) ?? Promise.resolve();
  const run = before.then(() => migrateNow(db));
  const settled = run.catch(() => undefined);
  sqliteMigrations.set(where.file, settled);
  void settled.then(
    () => sqliteMigrations.get(where.file!) === settled && sqliteMigrations.delete(where.file!),
  );
  return run;
}

const sqliteMigrations = new Map<string, Promise<unknown>>();

async function migrateNow(db: AnyDb, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
    // PostgreSQL: name the schema, or the migrator would find another schema's tables.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`migration ${failed ?? ''} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
