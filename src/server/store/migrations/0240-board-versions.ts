import { sql, type Migration } from 'kysely';
import { isPostgres } from '../db';
import { createIndex, notNull } from './build';
import type { AnyDb } from './index';

/**
 * Board versions (store/board-cache.ts): on PostgreSQL each process keeps a cohort's board in
 * board order in memory and answers a read from it after one small statement checks the board's
 * version. A trigger gives every write to `board_scores` the next version of its cohort and
 * period, under that version row's lock, so versions are handed out in commit order: a reader
 * that has seen version V has seen every row stamped V or lower, and fetches only rows above it.
 * A deletion cannot be fetched as a row, so it marks the board to be reloaded whole. Boards show
 * names, so a new name (users) or alias or hidden flag (board_profiles) rewrites the person's rows.
 *
 * Both databases get the table and the column (exports carry `board_scores` as it is); only
 * PostgreSQL gets the trigger and the index (SQLite answers boards in process, without a cache).
 * Adding a column with a constant default does not rewrite the table on PostgreSQL, so the
 * migration is instant at any size; rows from before it carry version 0, and every board they
 * are on starts marked for a whole reload.
 */
export const boardVersions: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('board_versions')
      .$call(notNull('text', 'cohort_id', 'period'))
      .$call(notNull('bigint', 'version', 'reload_from'))
      .addPrimaryKeyConstraint('board_versions_pk', ['cohort_id', 'period'])
      .execute();
    await db.schema
      .alterTable('board_scores')
      .addColumn('version', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    if (!isPostgres(db)) return;
    await sql`
      INSERT INTO board_versions (cohort_id, period, version, reload_from)
      SELECT DISTINCT cohort_id, period, 1, 1 FROM board_scores`.execute(db);
    await createIndex(db, 'board_scores_changes', 'board_scores', [
      'cohort_id',
      'period',
      'version',
    ]);
    await sql`
      CREATE FUNCTION board_version_bump() RETURNS trigger LANGUAGE plpgsql
      SET search_path FROM CURRENT AS $$
      DECLARE
        bumped bigint;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          INSERT INTO board_versions AS v (cohort_id, period, version, reload_from)
          VALUES (OLD.cohort_id, OLD.period, 1, 1)
          ON CONFLICT (cohort_id, period)
          DO UPDATE SET version = v.version + 1, reload_from = v.version + 1;
          RETURN OLD;
        END IF;
        INSERT INTO board_versions AS v (cohort_id, period, version, reload_from)
        VALUES (NEW.cohort_id, NEW.period, 1, 0)
        ON CONFLICT (cohort_id, period) DO UPDATE SET version = v.version + 1
        RETURNING v.version INTO bumped;
        NEW.version := bumped;
        RETURN NEW;
      END $$`.execute(db);
    await sql`
      CREATE TRIGGER board_scores_version BEFORE INSERT OR UPDATE OR DELETE ON board_scores
      FOR EACH ROW EXECUTE FUNCTION board_version_bump()`.execute(db);
    // A board shows names: a new name or alias rewrites the person's rows, so their boards move on.
    for (const [table, key, when] of [
      [
        'users',
        'id',
        'AFTER UPDATE OF name ON users FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)',
      ],
      ['board_profiles', 'user_id', 'AFTER INSERT OR UPDATE ON board_profiles FOR EACH ROW'],
    ] as const) {
      await sql`
        CREATE FUNCTION ${sql.raw(`board_names_${table}`)}() RETURNS trigger LANGUAGE plpgsql
        SET search_path FROM CURRENT AS $$
        BEGIN
          UPDATE board_scores SET version = version WHERE user_id = NEW.${sql.raw(key)};
          RETURN NULL;
        END $$`.execute(db);
      await sql`
        CREATE TRIGGER ${sql.raw(`${table}_board_names`)} ${sql.raw(when)}
        EXECUTE FUNCTION ${sql.raw(`board_names_${table}`)}()`.execute(db);
    }
  },
};
