/**
 * The statements many store areas write alike, on the rows of a table found by the values of
 * some of its columns (its key): read one row for one column or a few (undefined when there is no
 * such row), read one column of the rows of many keys, delete the rows with a key or with one of
 * many values.
 *
 * The SQL is what the areas wrote by hand: `select <columns> from <table> where <a> = ? and <b> = ?`
 * (or `delete from`), the conditions in the order the key's fields are written.
 */
import { sql, type DeleteResult, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Db, Tx } from './db';
import type { Database } from './schema';

type Table = keyof Database & string;
type Row<T extends Table> = Selectable<Database[T]>;

/** Columns of a table and the values they must equal. */
export type Key<T extends Table> = Partial<Row<T>>;

/** The same handle seen without its table types, for a query whose table is a parameter. */
type Untyped = Kysely<Record<string, Record<string, unknown>>>;

function firstWhere(db: Db | Tx, table: string, columns: readonly string[], key: object) {
  let query = (db as unknown as Untyped).selectFrom(table).select(columns);
  for (const [column, value] of Object.entries(key)) query = query.where(column, '=', value);
  return query.executeTakeFirst();
}

/** Deletes the rows of `table` with `key`. */
export async function deleteAt<T extends Table>(
  db: Db | Tx,
  table: T,
  key: Key<T>,
): Promise<DeleteResult> {
  let query = (db as unknown as Untyped).deleteFrom(table as string);
  for (const [column, value] of Object.entries(key)) query = query.where(column, '=', value);
  return query.executeTakeFirst();
}

/** Deletes the rows of `table` whose `column` is one of `values` (no statement when none). */
export async function deleteIn<T extends Table, C extends keyof Row<T> & string>(
  db: Db | Tx,
  table: T,
  column: C,
  values: readonly Row<T>[C][],
): Promise<void> {
  if (values.length === 0) return;
  await (db as unknown as Untyped)
    .deleteFrom(table as string)
    .where(column as string, 'in', values as readonly unknown[])
    .execute();
}

/**
 * `column` of the rows of `table` whose `keyColumn` is one of `keys`, by that key (no statement
 * when there are no keys).
 */
export async function valuesByKey<
  T extends Table,
  K extends keyof Row<T> & string,
  C extends keyof Row<T> & string,
>(
  db: Db | Tx,
  table: T,
  keyColumn: K,
  column: C,
  keys: readonly Row<T>[K][],
): Promise<Map<Row<T>[K], Row<T>[C]>> {
  if (keys.length === 0) return new Map();
  const rows: Record<string, unknown>[] = await (db as unknown as Untyped)
    .selectFrom(table as string)
    .select([keyColumn as string, column as string])
    .where(keyColumn as string, 'in', keys as readonly unknown[])
    .execute();
  return new Map(rows.map((r) => [r[keyColumn] as Row<T>[K], r[column] as Row<T>[C]]));
}

/** `columns` of the row of `table` with `key`, or undefined when there is none. */
export async function rowAt<T extends Table, C extends keyof Row<T> & string>(
  db: Db | Tx,
  table: T,
  columns: readonly C[],
  key: Key<T>,
): Promise<Pick<Row<T>, C> | undefined> {
  return (await firstWhere(db, table, columns, key)) as Pick<Row<T>, C> | undefined;
}

/**
 * `column` of the row of `table` with `key`, or undefined when there is none (a row whose
 * column is null gives null).
 */
export async function valueAt<T extends Table, C extends keyof Row<T> & string>(
  db: Db | Tx,
  table: T,
  column: C,
  key: Key<T>,
): Promise<Row<T>[C] | undefined> {
  const row = await firstWhere(db, table, [column], key);
  return row?.[column] as Row<T>[C] | undefined;
}

/**
 * For `onConflict(… .doUpdateSet(…))`: each of `columns` takes the value the insert brought
 * (`excluded.<column>`), for an upsert that writes the new row over the old. `table`, the
 * table inserted into, only checks the names.
 */
export function fromInsert<T extends Table, C extends keyof Row<T> & string>(
  _table: T,
  ...columns: C[]
): Record<C, RawBuilder<never>> {
  return Object.fromEntries(columns.map((c) => [c, sql.ref(`excluded.${c}`)])) as Record<
    C,
    RawBuilder<never>
  >;
}
