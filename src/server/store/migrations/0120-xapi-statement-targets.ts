import type { Migration } from 'kysely';
import type { AnyDb } from './index';

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

/**
 * The StatementRef rule of statement queries (issue 19): a statement whose object is a
 * StatementRef meets the filters its target meets, so each such statement (not a voiding one)
 * gets an `xapi_refs` row of kind `statement` naming its target. New statements get it when they
 * are stored; this adds it to those stored before.
 */
export const xapiStatementTargets: Migration = {
  async up(db: AnyDb) {
    const rows = (await db
      .selectFrom('xapi_statements')
      .select(['org_id', 'id', 'stored', 'verb_id', 'body'])
      .where('body', 'like', '%StatementRef%')
      .where('verb_id', '!=', VOIDED)
      .execute()) as Array<{
      org_id: string;
      id: string;
      stored: number | string;
      verb_id: string;
      body: string;
    }>;
    for (const row of rows) {
      const object = (JSON.parse(row.body) as { object?: { objectType?: string; id?: unknown } })
        .object;
      if (object?.objectType !== 'StatementRef' || typeof object.id !== 'string') continue;
      await db
        .insertInto('xapi_refs')
        .values({
          org_id: row.org_id,
          statement_id: row.id,
          kind: 'statement',
          value: object.id.toLowerCase(),
          direct: 1,
          stored: Number(row.stored),
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  },
};
