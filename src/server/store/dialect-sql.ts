/**
 * The few SQL expressions SQLite and PostgreSQL spell differently, each beside its one behaviour.
 * Everything else is written once on the query builder.
 */
import { sql, type Expression, type RawBuilder } from 'kysely';
import { isPostgres, type Db, type Tx } from './db';

/** The values of a text column of the group, comma-joined (NULL for none). */
export function joinedText(db: Db | Tx, column: Expression<string>): RawBuilder<string | null> {
  return isPostgres(db) ? sql`string_agg(${column}, ',')` : sql`group_concat(${column})`;
}

/** A comma-joined list of ids as a sorted array. */
export function idList(joined: string | null): string[] {
  return joined ? joined.split(',').sort() : [];
}
