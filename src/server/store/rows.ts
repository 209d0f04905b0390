/**
 * The read many store areas write alike: one row of a table found by the values of some of its
 * columns (its key), read for one column or a few, or undefined when there is no such row.
 *
 * The SQL is what the areas wrote by hand: `select <columns> from <table> where <a> = ? and <b> = ?`,
 * the conditions in the order the key's fields are written, and the first row taken.
 */
import type { Kysely, Selectable } from 'kysely';
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
