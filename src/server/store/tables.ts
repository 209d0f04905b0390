import { sql, type Kysely } from 'kysely';
import type { Db } from './db';

/**
 * The one list of tables that `npm run store -- export | import` moves between databases, in an
 * order where every foreign key points at a table listed before it.
 *
 * ADDING A TABLE in a migration? Add it here (or to NOT_TRANSFERRED with a reason):
 * test/integration/store-transfer.test.ts fails until every table is in one of the two lists.
 */
export interface TransferTable {
  name: string;
  /** Primary-key columns: rows are exported in this order, so exports are deterministic. */
  key: string[];
  /**
   * Columns that reference rows of the same table (e.g. a manager): imported as NULL and set once
   * every row of the table is in, so row order and cycles never break a foreign key.
   */
  deferred?: string[];
  /** Left out by `export --no-sessions`. */
  optional?: boolean;
}

export const TRANSFER_TABLES: TransferTable[] = [
  { name: 'orgs', key: ['id'] },
  { name: 'cohorts', key: ['id'] },
  { name: 'users', key: ['id'], deferred: ['manager_id'] },
  { name: 'cohort_members', key: ['cohort_id', 'user_id'] },
  { name: 'cohort_managers', key: ['cohort_id', 'user_id'] },
  { name: 'content_catalog', key: ['id'] },
  { name: 'content_modules', key: ['id'] },
  { name: 'events', key: ['id'] },
  { name: 'sessions', key: ['token_hash'], optional: true },
  { name: 'user_careers', key: ['user_id'] },
  { name: 'assignments', key: ['id'] },
  { name: 'notifications', key: ['id'] },
  { name: 'one_on_one_checks', key: ['manager_id', 'report_id', 'item_id'] },
  { name: 'one_on_one_opens', key: ['manager_id', 'report_id', 'day'] },
  { name: 'sponsor_messages', key: ['org_id'] },
  { name: 'org_goals', key: ['org_id'] },
  { name: 'module_owners', key: ['module_id'] },
  { name: 'progress_ledgers', key: ['user_id'] },
  { name: 'device_contacts', key: ['user_id', 'device_id'] },
  { name: 'ledger_streaks', key: ['user_id'] },
  { name: 'learner_days', key: ['user_id', 'day'] },
  { name: 'learner_totals', key: ['user_id'] },
  { name: 'learner_mastery', key: ['user_id'] },
  { name: 'learner_cards', key: ['user_id', 'card'] },
  { name: 'board_profiles', key: ['user_id'] },
  { name: 'board_scores', key: ['cohort_id', 'period', 'user_id'] },
  { name: 'kudos', key: ['id'] },
  { name: 'recommendations', key: ['id'] },
  { name: 'cohort_challenges', key: ['cohort_id', 'week'] },
  { name: 'push_subscriptions', key: ['endpoint'] },
  { name: 'pilots', key: ['id'] },
  { name: 'pilot_checklist', key: ['pilot_id', 'step'] },
  { name: 'pilot_summaries', key: ['pilot_id', 'user_id'] },
  { name: 'hr_records', key: ['org_id', 'email'] },
  { name: 'digest_log', key: ['manager_id', 'week'] },
  { name: 'scim_users', key: ['user_id'] },
  { name: 'scim_groups', key: ['cohort_id'] },
  { name: 'sso_configs', key: ['org_id'] },
  { name: 'sso_domains', key: ['domain'] },
  { name: 'sso_identities', key: ['org_id', 'issuer', 'subject'] },
  { name: 'lrs_credentials', key: ['id'] },
  { name: 'xapi_statements', key: ['org_id', 'id'] },
  { name: 'xapi_refs', key: ['org_id', 'statement_id', 'kind', 'value'] },
  {
    name: 'xapi_documents',
    key: ['org_id', 'kind', 'activity_id', 'agent', 'registration', 'doc_id'],
  },
  { name: 'xapi_activities', key: ['org_id', 'id'] },
  { name: 'xapi_attachments', key: ['org_id', 'sha2'] },
  { name: 'xapi_forwarding', key: ['org_id'] },
  { name: 'xapi_forward_queue', key: ['org_id', 'statement_id'] },
];

/** Tables deliberately not moved, with the reason. */
export const NOT_TRANSFERRED: Record<string, string> = {
  kysely_migration: 'written by the target store itself when it opens',
  kysely_migration_lock: 'written by the target store itself when it opens',
  rate_limits: 'short-lived login windows; they restart empty',
  sign_in_failures: 'short-lived sign-in delays; they restart empty',
  aggregate_backfills: 'the target store marks its own backfill when it opens',
  board_versions:
    'PostgreSQL’s trigger writes a board’s version with each board_scores row imported (0240)',
  access_tokens: 'single-use invite and reset links; issue new ones after a move',
  mail_outbox: 'mail in flight carries single-use links, which are not moved either',
  scim_tokens: 'directory credentials; an admin issues new ones after a move',
  sso_logins: 'sign-ins under way live ten minutes; people sign in again after a move',
};

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function transferTable(name: string): TransferTable {
  const table = TRANSFER_TABLES.find((t) => t.name === name);
  if (!table) throw new Error(`"${name}" is not a transferable table (see store/tables.ts)`);
  return table;
}

/** Column names come from export files, so they are checked before they reach SQL. */
export function checkColumns(table: string, columns: string[]): string[] {
  for (const c of columns)
    if (!IDENTIFIER.test(c)) throw new Error(`bad column name "${c}" for table ${table}`);
  return columns;
}

/** One exported row, as it travels through the import. */
export interface TransferRow {
  table: string;
  row: Record<string, unknown>;
}

const BATCH = 500;

/**
 * Inserts exported rows (tables in `TRANSFER_TABLES` order) in ONE transaction: all or nothing.
 * Rows are checked against the table list and inserted in batches of up to 500; self-references
 * are set after their table is complete. Not retried: a half-read source cannot be replayed, and
 * an import into an empty database has nothing to deadlock with.
 */
export async function importRows(
  db: Db,
  source: AsyncIterable<TransferRow>,
): Promise<Record<string, number>> {
  return db.transaction().execute(async (tx) => {
    const any = tx as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const counts: Record<string, number> = {};
    let position = -1;
    let current: TransferTable | undefined;
    let batch: Record<string, unknown>[] = [];
    let later: Record<string, unknown>[] = [];

    const flush = async () => {
      if (current && batch.length) await any.insertInto(current.name).values(batch).execute();
      batch = [];
    };
    const finishTable = async () => {
      await flush();
      for (const row of current?.deferred ? later : []) {
        let update = any
          .updateTable(current!.name)
          .set(Object.fromEntries(current!.deferred!.map((c) => [c, row[c] ?? null])));
        for (const k of current!.key) update = update.where(k, '=', row[k]);
        await update.execute();
      }
      later = [];
    };

    for await (const { table: name, row } of source) {
      const table = transferTable(name);
      const index = TRANSFER_TABLES.indexOf(table);
      if (index < position)
        throw new Error(`table ${name} comes after ${current!.name}; the file is out of order`);
      if (table !== current) {
        await finishTable();
        current = table;
        position = index;
      }
      const columns = checkColumns(name, Object.keys(row));
      const deferred = table.deferred ?? [];
      batch.push(
        Object.fromEntries(columns.map((c) => [c, deferred.includes(c) ? null : (row[c] ?? null)])),
      );
      if (deferred.some((c) => row[c] != null)) later.push(row);
      counts[name] = (counts[name] ?? 0) + 1;
      if (batch.length >= BATCH) await flush();
    }
    await finishTable();
    return counts;
  });
}

const PAGE = 1000;

/**
 * Every row of a table in key order, read a page at a time with keyset pagination (row values
 * work in both SQLite and PostgreSQL), so no cursor stays open between pages.
 */
export async function* exportRows(db: Db, name: string): AsyncIterable<Record<string, unknown>> {
  const { key } = transferTable(name);
  const any = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const keys = sql.join(key.map((k) => sql.ref(k)));
  let after: unknown[] | undefined;
  for (;;) {
    let page = any.selectFrom(name).selectAll();
    if (after) page = page.where(sql<boolean>`(${keys}) > (${sql.join(after)})`);
    for (const k of key) page = page.orderBy(k);
    const rows = await page.limit(PAGE).execute();
    yield* rows;
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = key.map((k) => last[k]);
  }
}
