/**
 * Board reads on PostgreSQL, answered from a materialised board kept in this process and checked
 * against the database on every read (migration 0240 explains the versions).
 *
 * A read sends one small named statement: the board's version, with the reader's own name and
 * hidden flag (three lookups by key). When the version is the one held here, the read is answered
 * from the board in memory (`layout`: a binary search for my place, slices for the top and the
 * rows around me). When it moved, a second statement fetches only the rows written since, with
 * their names (or the whole board after a deletion), and the board is rebuilt beside the old one,
 * never changed in place, so reads in flight keep a consistent board. The order is the core rule
 * (`compareEntries`), the one the contract suite checks every board read against.
 *
 * Why not the SQL read (board.ts) on PostgreSQL: it is two statements of index range reads, and
 * counting the rows ahead of me walks up to the whole cohort; measured against Redis sorted sets
 * it stayed ~20× at p95 (README). Memory: a board is ~100 bytes a row; BOARDS boards at most.
 */
import { CompiledQuery } from 'kysely';
import { compareEntries } from '../../core/leaderboard';
import type { BoardLine, BoardQuery, BoardRead } from './board';
import { nameStatement, type Db } from './db';

/** How many boards a process keeps (the least recently read go first). */
const BOARDS = 64;

interface Row {
  userId: string;
  xp: number;
  reachedAt: number;
  /** As the board shows it: the alias, or the name. */
  name: string;
}

interface Board {
  version: number;
  /** Visible rows in board order. */
  order: readonly Row[];
  /** Every row, hidden ones too (a hidden learner still sees their own score). */
  rows: ReadonlyMap<string, Row & { hidden: boolean }>;
}

/** The board's version and the reader's own name and hidden flag: three lookups by key. */
const CHECK = `SELECT v.version, v.reload_from, coalesce(p.alias, u.name) AS name, p.hidden
FROM (SELECT 1) AS one
LEFT JOIN board_versions v ON v.cohort_id = $1 AND v.period = $2
LEFT JOIN users u ON u.id = $3
LEFT JOIN board_profiles p ON p.user_id = $3`;

/** The rows written after version `$3` (all of them for -1), with the version they make up. */
const CHANGES = `SELECT v.version, v.reload_from,
  b.user_id, b.xp, b.reached_at, b.hidden, coalesce(p.alias, u.name) AS name
FROM (SELECT 1) AS one
LEFT JOIN board_versions v ON v.cohort_id = $1 AND v.period = $2
LEFT JOIN board_scores b ON b.cohort_id = $1 AND b.period = $2 AND b.version > $3
LEFT JOIN users u ON u.id = b.user_id
LEFT JOIN board_profiles p ON p.user_id = b.user_id`;

interface Versioned {
  version: number | null;
  reload_from: number | null;
}

nameStatement(CHECK);
nameStatement(CHANGES);

const EMPTY: Board = { version: 0, order: [], rows: new Map() };

/** Where `row` goes in `order`: the number of rows ahead of it. */
function placeOf(order: readonly Row[], row: Omit<Row, 'name'>): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareEntries(order[mid]!, row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `base` with `changed` rows written over it (every row, when `base` is undefined). */
function rebuilt(
  base: Board | undefined,
  version: number,
  changed: ReadonlyArray<Row & { hidden: boolean }>,
): Board {
  const rows = new Map(base?.rows);
  for (const row of changed) rows.set(row.userId, row);
  const visible = changed.filter((r) => !r.hidden);
  let order: Row[];
  if (!base || visible.length > 32) {
    order = [...rows.values()].filter((r) => !r.hidden);
    order.sort(compareEntries);
  } else {
    const moved = new Set(changed.map((r) => r.userId));
    order = base.order.filter((r) => !moved.has(r.userId));
    for (const row of visible) order.splice(placeOf(order, row), 0, row);
  }
  return { version, order, rows };
}

/** The read off `board`; `me`: the reader's name and hidden flag as the database has them now. */
function layout(board: Board, q: BoardQuery, me: { name: string; hidden: boolean }): BoardRead {
  const mine = board.rows.get(q.userId);
  const standing = {
    userId: q.userId,
    xp: mine?.xp ?? 0,
    reachedAt: mine?.reachedAt ?? Number.MAX_SAFE_INTEGER,
  };
  const ahead = placeOf(board.order, standing);
  const after = board.order[ahead]?.userId === q.userId ? ahead + 1 : ahead;
  const before = board.order.slice(Math.max(0, ahead - q.around), ahead);
  const rank = ahead + 1;
  const line = (r: Row, at: number): BoardLine => ({
    rank: at,
    userId: r.userId,
    displayName: r.name,
    xp: r.xp,
  });
  return {
    entries: board.order.slice(0, q.top).map((r, i) => line(r, i + 1)),
    around: [
      ...before.map((r, i) => line(r, rank - before.length + i)),
      line({ ...standing, name: me.name }, rank),
      ...board.order.slice(after, after + q.around).map((r, i) => line(r, rank + 1 + i)),
    ],
    me: { rank, xp: standing.xp, hidden: me.hidden },
  };
}

export interface BoardCache {
  read(q: BoardQuery): Promise<BoardRead>;
  /** `EXPLAIN ANALYZE` of the read's check and of fetching the board whole (for the bench). */
  explain(q: BoardQuery): Promise<string[]>;
}

export function boardCache(db: Db): BoardCache {
  const boards = new Map<string, Board>();
  const run = async <R>(text: string, values: unknown[]) =>
    (await db.executeQuery<R>(CompiledQuery.raw(text, values))).rows;

  /** The board at its latest version, fetched on top of `base` where it can be. */
  const refreshed = async (q: BoardQuery, base: Board | undefined): Promise<Board> => {
    for (;;) {
      const rows = await run<
        Versioned & {
          user_id: string | null;
          xp: number;
          reached_at: number;
          hidden: number;
          name: string | null;
        }
      >(CHANGES, [q.cohortId, q.period, base ? base.version : -1]);
      const version = Number(rows[0]?.version ?? 0);
      // A row was deleted after `base`: it cannot be fetched, so the board is read whole.
      if (base && Number(rows[0]?.reload_from ?? 0) > base.version) {
        base = undefined;
        continue;
      }
      const changed = rows.flatMap((r) =>
        r.user_id === null
          ? []
          : [
              {
                userId: r.user_id,
                xp: r.xp,
                reachedAt: r.reached_at,
                hidden: r.hidden === 1,
                name: r.name ?? '',
              },
            ],
      );
      return rebuilt(base, version, changed);
    }
  };

  return {
    async explain(q) {
      const plans = [];
      for (const [text, values] of [
        [CHECK, [q.cohortId, q.period, q.userId]],
        [CHANGES, [q.cohortId, q.period, -1]],
      ] as const) {
        const rows = await run<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, [
          ...values,
        ]);
        plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
      }
      return plans;
    },
    async read(q) {
      const key = `${q.cohortId}\u0000${q.period}`;
      const [found] = await run<Versioned & { name: string | null; hidden: number | null }>(CHECK, [
        q.cohortId,
        q.period,
        q.userId,
      ]);
      const version = Number(found?.version ?? 0);
      let board = boards.get(key);
      boards.delete(key); // read again: it goes to the back of the queue
      if (!board || board.version !== version) {
        // Whole after a deletion, or when the database went back (a restore from a backup).
        const whole =
          !board || Number(found?.reload_from ?? 0) > board.version || version < board.version;
        board = version === 0 ? EMPTY : await refreshed(q, whole ? undefined : board);
        // Reads racing each other: the newest board stays.
        const held = boards.get(key);
        if (held && held.version > board.version) board = held;
      }
      boards.set(key, board);
      if (boards.size > BOARDS) boards.delete(boards.keys().next().value!);
      return layout(board, q, { name: found?.name ?? '', hidden: found?.hidden === 1 });
    },
  };
}
