/**
 * Reading a cohort board: the top, my rank and the rows around me, from the rows ingest keeps.
 *
 * A read is a handful of index range reads on
 * `board_scores(cohort_id, period, hidden, xp DESC, reached_at, user_id)`, whatever the cohort's
 * size or history: my row with the count of rows ahead of me; then, in one statement, the top and
 * the rows just ahead of and behind me, each part read outward from its edge so LIMIT takes the
 * nearest rows. Every part is a tie group (same XP) or a strict XP range — never an OR, which would walk
 * the board from one end. The parts are put in board order with the core rule
 * (`compareEntries`), and the contract suite checks the whole read against `rankBoard`.
 * Both queries are prepared (compiled once): building the union cost more than running it.
 */
import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { compareEntries } from '../../core/leaderboard';
import { isPostgres, type Db } from './db';
import { prepared } from './prepared';
import type { Database } from './schema';

export interface BoardQuery {
  cohortId: string;
  period: string;
  userId: string;
  top: number;
  /** Rows either side of the user to return in `around` (which includes the user). */
  around: number;
}

export interface BoardLine {
  rank: number;
  userId: string;
  displayName: string;
  xp: number;
}

export interface BoardRead {
  entries: BoardLine[];
  around: BoardLine[];
  me: { rank: number; xp: number; hidden: boolean };
}

/** The query with my score (a value, or my row's column): it decides who is ahead and behind. */
interface Standing extends BoardQuery {
  xp: number | Expression<number>;
  reachedAt: number | Expression<number>;
}

type Boards = ExpressionBuilder<Database & { b: Database['board_scores'] }, 'b'>;
type Where = (eb: Boards) => Expression<SqlBool>;

const visible = (q: Standing) => (eb: Boards) =>
  eb.and([
    eb('b.cohort_id', '=', q.cohortId),
    eb('b.period', '=', q.period),
    eb('b.hidden', '=', 0),
  ]);
/**
 * Same XP, on one side of me in the tie: `'<'` reached earlier (or at the same instant with a
 * smaller id), ahead of me; `'>'` reached later (or with a larger id), behind me.
 */
const tie = (side: '<' | '>') => (q: Standing) => (eb: Boards) =>
  eb.and([
    eb('b.xp', '=', q.xp),
    eb.or([
      eb('b.reached_at', side, q.reachedAt),
      eb.and([eb('b.reached_at', '=', q.reachedAt), eb('b.user_id', side, q.userId)]),
    ]),
  ]);
const tieAhead = tie('<');
const tieBehind = tie('>');

/** My row, and how many visible rows are ahead of me (two counts of index ranges), in one read. */
const self = prepared((db, q: BoardQuery) =>
  db
    .selectFrom('users as u')
    .leftJoin('board_profiles as p', 'p.user_id', 'u.id')
    .leftJoin('board_scores as m', (join) =>
      join
        .onRef('m.user_id', '=', 'u.id')
        .on('m.cohort_id', '=', q.cohortId)
        .on('m.period', '=', q.period),
    )
    .select((eb) => {
      // Named one by one: `q` holds markers (see prepared.ts), which a spread would not copy.
      const standing: Standing = {
        cohortId: q.cohortId,
        period: q.period,
        userId: q.userId,
        top: q.top,
        around: q.around,
        xp: eb.fn.coalesce('m.xp', sql.lit(0)),
        reachedAt: eb.fn.coalesce('m.reached_at', sql.lit(Number.MAX_SAFE_INTEGER)),
      };
      const count = (where: Where) =>
        eb
          .selectFrom('board_scores as b')
          .select((c) => c.fn.countAll<number>().as('n'))
          .where(visible(standing))
          .where(where);
      return [
        eb.fn.coalesce('p.alias', 'u.name').as('displayName'),
        'p.hidden',
        'm.xp',
        'm.reached_at as reachedAt',
        count((b) => b('b.xp', '>', standing.xp)).as('aheadByXp'),
        count(tieAhead(standing)).as('aheadInTie'),
      ];
    })
    .where('u.id', '=', q.userId),
);

/**
 * The top and the rows around me: five index range reads on `board_scores` alone, then each
 * row's name by its key. Joined inside each part, PostgreSQL planned a fifteen-table union on every
 * run (a custom plan each time, ~1 ms, more than running it); this shape plans in a fraction.
 */
const parts = prepared((db, q: Standing) => {
  const lines = (part: string, where?: Where) => {
    const query = db
      .selectFrom('board_scores as b')
      .select([sql.lit(part).as('part'), 'b.user_id', 'b.xp', 'b.reached_at'])
      .where(visible(q));
    return where ? query.where(where) : query;
  };
  type Lines = ReturnType<typeof lines>;
  const forward = (part: Lines) =>
    part.orderBy('b.xp', 'desc').orderBy('b.reached_at').orderBy('b.user_id');
  const backward = (part: Lines) =>
    part.orderBy('b.xp').orderBy('b.reached_at', 'desc').orderBy('b.user_id', 'desc');
  // SQLite takes ORDER BY/LIMIT only on a whole compound SELECT: each part is wrapped as a table.
  const [first, ...rest] = [
    forward(lines('top')).limit(q.top),
    backward(lines('before', tieAhead(q))).limit(q.around),
    backward(lines('before', (eb) => eb('b.xp', '>', q.xp))).limit(q.around),
    forward(lines('after', tieBehind(q))).limit(q.around),
    forward(lines('after', (eb) => eb('b.xp', '<', q.xp))).limit(q.around),
  ].map((part, i) => db.selectFrom(part.as(`p${i}`)).selectAll() as unknown as Lines);
  const union = rest.reduce((all, part) => all.unionAll(part), first!);
  // Each name by its key (a correlated read per row): a join let the planner hash every user.
  return db.selectFrom(union.as('r')).select((eb) => [
    'r.part',
    'r.user_id as userId',
    eb
      .selectFrom('users as u')
      .leftJoin('board_profiles as p', 'p.user_id', 'u.id')
      .select((n) => n.fn.coalesce('p.alias', 'u.name').as('name'))
      .whereRef('u.id', '=', 'r.user_id')
      .$asScalar()
      .as('displayName'),
    'r.xp',
    'r.reached_at as reachedAt',
  ]);
});

/**
 * The board read's statements as the database plans them (`EXPLAIN ANALYZE` on PostgreSQL,
 * `EXPLAIN QUERY PLAN` on SQLite), for the bench and for whoever tunes the indexes.
 */
export async function explainBoard(db: Db, q: BoardQuery): Promise<string[]> {
  const [mine] = await self(db, q);
  const standing = {
    ...q,
    xp: mine?.xp ?? 0,
    reachedAt: mine?.reachedAt ?? Number.MAX_SAFE_INTEGER,
  };
  const prefix = isPostgres(db) ? 'EXPLAIN (ANALYZE, BUFFERS) ' : 'EXPLAIN QUERY PLAN ';
  const plans = [];
  for (const { sql: text, values } of [self.compiled(db, q), parts.compiled(db, standing)]) {
    const { rows } = await db.executeQuery<Record<string, unknown>>(
      CompiledQuery.raw(prefix + text, values),
    );
    plans.push(rows.map((r) => String(r['QUERY PLAN'] ?? r.detail)).join('\n'));
  }
  return plans;
}

export async function readBoard(db: Db, q: BoardQuery): Promise<BoardRead> {
  const [mine] = await self(db, q);
  const xp = mine?.xp ?? 0;
  const rows = await parts(db, { ...q, xp, reachedAt: mine?.reachedAt ?? Number.MAX_SAFE_INTEGER });
  const rank = Number(mine?.aheadByXp ?? 0) + Number(mine?.aheadInTie ?? 0) + 1;
  const inOrder = (name: string) => rows.filter((r) => r.part === name).sort(compareEntries);
  const line = (r: (typeof rows)[number], at: number): BoardLine => ({
    rank: at,
    userId: r.userId,
    displayName: r.displayName,
    xp: r.xp,
  });
  const before = inOrder('before').slice(-q.around);
  return {
    entries: inOrder('top').map((r, i) => line(r, i + 1)),
    around: [
      ...before.map((r, i) => line(r, rank - before.length + i)),
      { rank, userId: q.userId, displayName: mine?.displayName ?? '', xp },
      ...inOrder('after')
        .slice(0, q.around)
        .map((r, i) => line(r, rank + 1 + i)),
    ],
    me: { rank, xp, hidden: mine?.hidden === 1 },
  };
}
