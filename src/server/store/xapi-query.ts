/**
 * Statement queries (issue 19): one keyset page in `(stored, id)` order. An agent or activity
 * filter drives the query from `xapi_refs(org_id, kind, value, stored, …)`, a verb filter from
 * `xapi_statements(org_id, verb_id, stored)`: an index range in `stored` order either way. A
 * filtered query also finds, by a recursive CTE, the statements that meet it only through a
 * StatementRef, and the two pages are merged into one.
 */
import { sql } from 'kysely';
import type { Db } from './db';
import type { Row } from './schema';
import type { StatementQuery, StatementRow } from './xapi';

export function statementRows(
  rows: Array<
    Pick<Row<'xapi_statements'>, 'id' | 'stored' | 'body'> & {
      verb_id: string;
      voided: number;
      user_id: string | null;
      event_body: string | null;
      corrected_at: number | null;
    }
  >,
): StatementRow[] {
  return rows.map((r) => ({
    id: r.id,
    stored: r.stored,
    verbId: r.verb_id,
    voided: r.voided === 1,
    body: r.body,
    event:
      r.body === null && r.user_id !== null
        ? { userId: r.user_id, body: r.event_body!, correctedAt: r.corrected_at! }
        : null,
  }));
}

export function selectStatements(db: Db) {
  return db
    .selectFrom('xapi_statements as s')
    .leftJoin('events as e', (join) => join.onRef('e.id', '=', 's.id'))
    .select([
      's.id',
      's.stored',
      's.verb_id',
      's.voided',
      's.body',
      'e.user_id',
      'e.body as event_body',
      'e.corrected_at',
    ]);
}

type StatementSelect = ReturnType<typeof selectStatements>;

/** The time and order conditions, the keyset cursor and the limit of a page. */
async function inPage(
  query: StatementSelect,
  q: StatementQuery,
  storedColumn: string,
  idColumn: string,
): Promise<StatementRow[]> {
  const stored = sql.ref<number>(storedColumn);
  const id = sql.ref<string>(idColumn);
  if (q.since !== undefined) query = query.where(sql<boolean>`${stored} > ${q.since}`);
  if (q.until !== undefined) query = query.where(sql<boolean>`${stored} <= ${q.until}`);
  // Row-value comparison (both databases have it): the keyset cursor on (stored, id).
  if (q.after)
    query = query.where(
      q.ascending
        ? sql<boolean>`(${stored}, ${id}) > (${q.after.stored}, ${q.after.id})`
        : sql<boolean>`(${stored}, ${id}) < (${q.after.stored}, ${q.after.id})`,
    );
  const direction = q.ascending ? sql`asc` : sql`desc`;
  return statementRows(
    await query
      .orderBy(sql`${stored} ${direction}`)
      .orderBy(sql`${id} ${direction}`)
      .limit(q.limit)
      .execute(),
  );
}

/** A page of the statements that meet the query's filters themselves. */
async function matchingStatements(db: Db, q: StatementQuery): Promise<StatementRow[]> {
  // An agent or activity filter drives the query from its index range in xapi_refs, already
  // in `stored` order (the refs carry `stored`), so a page reads about `limit` rows. Without
  // one, the statements' own (org_id, stored, id) or (org_id, verb_id, stored) range serves.
  const filters = [
    ['agent', q.agent, q.relatedAgents],
    ['activity', q.activity, q.relatedActivities],
  ] as const;
  const driver = filters.find(([, value]) => value !== undefined);
  let query = driver
    ? (selectStatements(db)
        .innerJoin('xapi_refs as r', (join) =>
          join.onRef('r.org_id', '=', 's.org_id').onRef('r.statement_id', '=', 's.id'),
        )
        .where('r.org_id', '=', q.orgId)
        .where('r.kind', '=', driver[0])
        .where('r.value', '=', driver[1]!)
        .$if(!driver[2], (qb) => qb.where('r.direct', '=', 1)) as unknown as StatementSelect)
    : selectStatements(db);
  query = query.where('s.org_id', '=', q.orgId).where('s.voided', '=', 0);
  if (q.verb !== undefined) query = query.where('s.verb_id', '=', q.verb);
  if (q.registration !== undefined) query = query.where('s.registration', '=', q.registration);
  for (const [kind, value, related] of filters)
    if (value !== undefined && kind !== driver?.[0])
      query = query.where('s.id', 'in', (eb) => {
        let refs = eb
          .selectFrom('xapi_refs')
          .select('statement_id')
          .where('org_id', '=', q.orgId)
          .where('kind', '=', kind)
          .where('value', '=', value);
        if (!related) refs = refs.where('direct', '=', 1);
        return refs;
      });
  return inPage(query, q, driver ? 'r.stored' : 's.stored', driver ? 'r.statement_id' : 's.id');
}

/**
 * A page of the statements that meet the filters only through a StatementRef (Communication
 * §2.1.3): each targets, directly or along a chain of StatementRefs, a statement that meets every
 * filter other than time and order. The target may itself be voided; the statements answered are
 * not, and voiding statements never count (their refs carry no target). A recursive CTE walks the
 * `statement` refs from the targets that match, so its cost is that of the org's StatementRefs.
 */
async function targetingStatements(db: Db, q: StatementQuery): Promise<StatementRow[]> {
  const refMatch = (kind: 'agent' | 'activity', value: string, related: boolean | undefined) =>
    sql<boolean>`exists (select 1 from xapi_refs m where m.org_id = t.org_id and m.statement_id = t.id and m.kind = ${kind} and m.value = ${value}${related ? sql`` : sql` and m.direct = 1`})`;
  const withChain = db.withRecursive('chain(id)', (cte) =>
    cte
      .selectFrom('xapi_refs as r')
      .innerJoin('xapi_statements as t', (join) =>
        join.onRef('t.org_id', '=', 'r.org_id').onRef('t.id', '=', 'r.value'),
      )
      .select('r.statement_id as id')
      .where('r.org_id', '=', q.orgId)
      .where('r.kind', '=', 'statement')
      .$if(q.verb !== undefined, (qb) => qb.where('t.verb_id', '=', q.verb!))
      .$if(q.registration !== undefined, (qb) => qb.where('t.registration', '=', q.registration!))
      .$if(q.agent !== undefined, (qb) => qb.where(refMatch('agent', q.agent!, q.relatedAgents)))
      .$if(q.activity !== undefined, (qb) =>
        qb.where(refMatch('activity', q.activity!, q.relatedActivities)),
      )
      .union(
        cte
          .selectFrom('xapi_refs as r')
          .innerJoin('chain as c', 'c.id', 'r.value')
          .select('r.statement_id as id')
          .where('r.org_id', '=', q.orgId)
          .where('r.kind', '=', 'statement'),
      ),
  );
  const query = selectStatements(withChain as unknown as Db)
    .where('s.org_id', '=', q.orgId)
    .where('s.voided', '=', 0)
    .where(sql<boolean>`s.id in (select id from chain)`);
  return inPage(query, q, 's.stored', 's.id');
}

/** A page of the statements that meet the query, directly or through a StatementRef. */
export async function queryStatements(db: Db, q: StatementQuery): Promise<StatementRow[]> {
  const direct = await matchingStatements(db, q);
  if (
    q.agent === undefined &&
    q.verb === undefined &&
    q.activity === undefined &&
    q.registration === undefined
  )
    return direct;
  // Both lists are pages in the same (stored, id) order: merge them and keep one page.
  const all = new Map([...direct, ...(await targetingStatements(db, q))].map((r) => [r.id, r]));
  const sign = q.ascending ? 1 : -1;
  return [...all.values()]
    .sort((a, b) => sign * (a.stored - b.stored || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)))
    .slice(0, q.limit);
}
