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
  { name: 'board_profiles', key: ['user_id'] },
  { name: 'board_scores', key: ['cohort_id', 'period', 'user_id'] },
  { name: 'kudos', key: ['id'] },
  { name: 'recommendations', key: ['id'] },
  { name: 'cohort_challenges', key: ['cohort_id', 'week'] },
  { name: 'push_subscriptions', key: ['endpoint'] },
  { name: 'pilots', key: ['id'] },
  { name: 'pilot_checklist', key: ['pilot_id', 'step'] },
  { name: 'hr_records', key: ['org_id', 'email'] },
];

/** Tables deliberately not moved, with the reason. */
export const NOT_TRANSFERRED: Record<string, string> = {
  schema_migrations: 'written by the target store itself when it opens',
  rate_limits: 'short-lived login windows; they restart empty',
  access_tokens: 'single-use invite and reset links; issue new ones after a move',
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

/** What a store provides, inside its import transaction, to `importInto`. */
export interface ImportSink {
  insert(table: string, columns: string[], rows: unknown[][]): Promise<void>;
  /** Sets `columns` on the row whose `key` columns match; each row is [...key, ...columns]. */
  update(table: string, key: string[], columns: string[], rows: unknown[][]): Promise<void>;
}

const BATCH = 500;

/**
 * The import algorithm both stores share: rows are checked against the table list, inserted in
 * batches of up to 500, and self-references are set after their table is complete.
 */
export async function importInto(
  sink: ImportSink,
  source: AsyncIterable<TransferRow>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let position = -1;
  let current: TransferTable | undefined;
  let columns: string[] = [];
  let batch: unknown[][] = [];
  let later: unknown[][] = [];

  const flush = async () => {
    if (current && batch.length) await sink.insert(current.name, columns, batch);
    batch = [];
  };
  const finishTable = async () => {
    await flush();
    if (current?.deferred && later.length)
      for (let i = 0; i < later.length; i += BATCH)
        await sink.update(current.name, current.key, current.deferred, later.slice(i, i + BATCH));
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
      columns = [];
    }
    const rowColumns = checkColumns(name, Object.keys(row));
    if (rowColumns.join() !== columns.join()) {
      await flush();
      columns = rowColumns;
    }
    const deferred = table.deferred ?? [];
    batch.push(columns.map((c) => (deferred.includes(c) ? null : (row[c] ?? null))));
    if (deferred.some((c) => row[c] != null))
      later.push([...table.key.map((k) => row[k]), ...deferred.map((c) => row[c] ?? null)]);
    counts[name] = (counts[name] ?? 0) + 1;
    if (batch.length >= BATCH) await flush();
  }
  await finishTable();
  return counts;
}

const PAGE = 1000;

/**
 * Every row of a table in key order, read a page at a time with keyset pagination (row values
 * work in both SQLite and PostgreSQL), so no cursor stays open between pages.
 */
export async function* pagedRows(
  name: string,
  placeholder: (i: number) => string,
  query: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>,
): AsyncIterable<Record<string, unknown>> {
  const { key } = transferTable(name);
  const keys = key.join(', ');
  let after: unknown[] | undefined;
  for (;;) {
    const where = after
      ? `WHERE (${keys}) > (${key.map((_, i) => placeholder(i)).join(', ')})`
      : '';
    const rows = await query(
      `SELECT * FROM ${name} ${where} ORDER BY ${keys} LIMIT ${PAGE}`,
      after ?? [],
    );
    yield* rows;
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = key.map((k) => last[k]);
  }
}
