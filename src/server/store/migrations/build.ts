/**
 * What the migrations build tables, indexes and backfills with. Shipped migrations call these, so
 * what each one builds must never change: a new need is a new helper.
 */
import { sql, type CreateTableBuilder } from 'kysely';
import type { AnyDb } from './index';

type ColumnType = 'text' | 'integer' | 'bigint';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TableBuilder = CreateTableBuilder<any, any>;

/** For `.$call`: adds `names`, in order, as NOT NULL columns of `type`. */
export const notNull =
  (type: ColumnType, ...names: string[]) =>
  (table: TableBuilder): TableBuilder =>
    names.reduce((t, name) => t.addColumn(name, type, (c) => c.notNull()), table);

/** For `.$call`: adds `names`, in order, as nullable columns of `type`. */
export const nullable =
  (type: ColumnType, ...names: string[]) =>
  (table: TableBuilder): TableBuilder =>
    names.reduce((t, name) => t.addColumn(name, type), table);

/** Creates the (not unique) index `name` on `table` over `columns`, in order. */
export async function createIndex(
  db: AnyDb,
  name: string,
  table: string,
  columns: string[],
): Promise<void> {
  await db.schema.createIndex(name).on(table).columns(columns).execute();
}

/** True when the event log holds any event (so aggregates made from it need a backfill). */
export async function hasEvents(db: AnyDb): Promise<boolean> {
  const { rows } = await sql`SELECT 1 FROM events LIMIT 1`.execute(db);
  return rows.length > 0;
}

/**
 * Records backfill `name` in `aggregate_backfills` from its start: `pending` leaves it to run
 * (done_at null), otherwise it is marked done (done_at 0).
 */
export async function addBackfill(db: AnyDb, name: string, pending: boolean): Promise<void> {
  await db
    .insertInto('aggregate_backfills')
    .values({ name, after_user: '', done_at: pending ? null : 0 })
    .execute();
}

/** Starts table `name` with a row per person: `user_id`, a user, is its primary key. */
export const tableByPerson = (db: AnyDb, name: string): TableBuilder =>
  db.schema
    .createTable(name)
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id'));

/**
 * Starts table `name` with a row per person and `key` (text): `user_id`, a user, then `key`,
 * both NOT NULL, and the two together its primary key `<name>_pk` (made after all columns).
 */
export const tableByPersonAnd = (db: AnyDb, name: string, key: string): TableBuilder =>
  db.schema
    .createTable(name)
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .$call(notNull('text', key))
    .addPrimaryKeyConstraint(`${name}_pk`, ['user_id', key]);

/**
 * Starts an organisation's credential table `name` with what every credential has
 * (src/server/store/credentials.ts): `id` its primary key, `org_id` an org, the `name` an admin
 * gave it, then `secret` (how a caller names it), NOT NULL and unique.
 */
export const credentialTable = (db: AnyDb, name: string, secret: string): TableBuilder =>
  db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('orgs.id'))
    .$call(notNull('text', 'name'))
    .addColumn(secret, 'text', (c) => c.notNull().unique());
