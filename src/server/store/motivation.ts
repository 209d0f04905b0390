/**
 * Motivation: cohort boards (read from the rows ingest keeps), board profiles, kudos,
 * recommendations and weekly cohort challenges.
 *
 * A board read is a handful of index range reads on
 * `board_scores(cohort_id, period, hidden, xp DESC, reached_at, user_id)`, whatever the cohort's
 * size or history: my row; then, in one statement, the top, the rows just ahead of and behind me,
 * and the count of rows ahead. Each part is a tie group (same XP) or a strict XP range — never an
 * OR, which would walk the board from one end. The parts are put in board order with the core
 * rule (`compareEntries`), and the contract suite checks the SQL against `rankBoard`.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { compareEntries } from '../../core/leaderboard';
import { inTransaction, type Db } from './db';
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

export interface BoardProfile {
  alias: string | null;
  hidden: boolean;
}

export interface Kudos {
  id: string;
  orgId: string;
  fromUser: string;
  toUser: string;
  reason: 'lesson' | 'streak';
  message: string;
  createdAt: number;
}

export interface KudosView {
  id: string;
  fromName: string;
  toName: string;
  reason: Kudos['reason'];
  message: string;
  createdAt: number;
}

export interface MotivationStore {
  /** Top entries and the user's own rank; hidden learners are left out of everyone's entries. */
  leaderboard(query: BoardQuery): Promise<BoardRead>;
  getBoardProfile(userId: string): Promise<BoardProfile>;
  setBoardProfile(userId: string, profile: BoardProfile): Promise<void>;
  /** Sum of lessons first completed by the cohort's members in a week (challenge progress). */
  cohortLessons(cohortId: string, week: string): Promise<number>;
  addKudos(kudos: Kudos): Promise<void>;
  /** Kudos a user gave at or after `since` (epoch ms): the daily limit. */
  kudosSentSince(fromUser: string, since: number): Promise<number>;
  kudosReceived(userId: string, limit: number): Promise<KudosView[]>;
  kudosReceivedCount(userId: string): Promise<number>;
  /** Latest kudos received by the cohort's members: the recognition feed. */
  cohortFeed(cohortId: string, limit: number): Promise<KudosView[]>;
  /** Returns false when the same person already recommended the module to the colleague. */
  addRecommendation(r: {
    id: string;
    fromUser: string;
    toUser: string;
    moduleId: string;
    createdAt: number;
  }): Promise<boolean>;
  recommendationsFor(
    userId: string,
  ): Promise<Array<{ moduleId: string; fromName: string; createdAt: number }>>;
  setChallenge(c: { cohortId: string; week: string; goal: number; setBy: string }): Promise<void>;
  getChallenge(cohortId: string, week: string): Promise<number | undefined>;
}

type Boards = ExpressionBuilder<Database & { b: Database['board_scores'] }, 'b'>;
type Where = (eb: Boards) => Expression<SqlBool>;
interface Me {
  xp: number;
  reachedAt: number;
  userId: string;
}

export function motivationStore(db: Db): MotivationStore {
  const visible = (q: BoardQuery) => (eb: Boards) =>
    eb.and([
      eb('b.cohort_id', '=', q.cohortId),
      eb('b.period', '=', q.period),
      eb('b.hidden', '=', 0),
    ]);
  // Same XP, reached earlier (or at the same instant with a smaller id): ahead of me.
  const tieAhead = (me: Me) => (eb: Boards) =>
    eb.and([
      eb('b.xp', '=', me.xp),
      eb.or([
        eb('b.reached_at', '<', me.reachedAt),
        eb.and([eb('b.reached_at', '=', me.reachedAt), eb('b.user_id', '<', me.userId)]),
      ]),
    ]);
  const tieBehind = (me: Me) => (eb: Boards) =>
    eb.and([
      eb('b.xp', '=', me.xp),
      eb.or([
        eb('b.reached_at', '>', me.reachedAt),
        eb.and([eb('b.reached_at', '=', me.reachedAt), eb('b.user_id', '>', me.userId)]),
      ]),
    ]);
  const lines = (q: BoardQuery, part: string) =>
    db
      .selectFrom('board_scores as b')
      .innerJoin('users as u', 'u.id', 'b.user_id')
      .leftJoin('board_profiles as p', 'p.user_id', 'b.user_id')
      .select((eb) => [
        sql.lit(part).as('part'),
        'b.user_id as userId',
        eb.fn.coalesce('p.alias', 'u.name').as('displayName'),
        'b.xp',
        'b.reached_at as reachedAt',
      ])
      .where(visible(q));
  type Lines = ReturnType<typeof lines>;
  // SQLite takes ORDER BY/LIMIT only on a whole compound SELECT: each part is wrapped as a table.
  const wrapped = (query: Lines, alias: string) =>
    db.selectFrom(query.as(alias)).selectAll() as unknown as Lines;
  const count = (q: BoardQuery, where: Where) =>
    db
      .selectFrom('board_scores as b')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(visible(q))
      .where(where);
  const kudosViews = () =>
    db
      .selectFrom('kudos as k')
      .innerJoin('users as f', 'f.id', 'k.from_user')
      .innerJoin('users as t', 't.id', 'k.to_user')
      .select([
        'k.id',
        'f.name as fromName',
        't.name as toName',
        'k.reason',
        'k.message',
        'k.created_at as createdAt',
      ]);

  return {
    async leaderboard(q) {
      const self = await db
        .selectFrom('users as u')
        .leftJoin('board_profiles as p', 'p.user_id', 'u.id')
        .leftJoin('board_scores as b', (join) =>
          join
            .onRef('b.user_id', '=', 'u.id')
            .on('b.cohort_id', '=', q.cohortId)
            .on('b.period', '=', q.period),
        )
        .select((eb) => [
          eb.fn.coalesce('p.alias', 'u.name').as('displayName'),
          'p.hidden',
          'b.xp',
          'b.reached_at as reachedAt',
        ])
        .where('u.id', '=', q.userId)
        .executeTakeFirst();
      const me: Me = {
        xp: self?.xp ?? 0,
        reachedAt: self?.reachedAt ?? Number.MAX_SAFE_INTEGER,
        userId: q.userId,
      };
      const forward = (part: Lines) =>
        part.orderBy('b.xp', 'desc').orderBy('b.reached_at').orderBy('b.user_id');
      const backward = (part: Lines) =>
        part.orderBy('b.xp').orderBy('b.reached_at', 'desc').orderBy('b.user_id', 'desc');
      // Each part read outward from its edge, so LIMIT takes the rows nearest to me (or the top).
      const parts: Array<[string, Where | undefined, (part: Lines) => Lines, number]> = [
        ['top', undefined, forward, q.top],
        ['before', tieAhead(me), backward, q.around],
        ['before', (eb) => eb('b.xp', '>', me.xp), backward, q.around],
        ['after', tieBehind(me), forward, q.around],
        ['after', (eb) => eb('b.xp', '<', me.xp), forward, q.around],
      ];
      const [first, ...rest] = parts.map(([name, where, order, limit], i) =>
        wrapped(order(where ? lines(q, name).where(where) : lines(q, name)).limit(limit), `p${i}`),
      );
      const rows = await rest.reduce((all, part) => all.unionAll(part), first!).execute();
      const ahead = await db
        .selectNoFrom((eb) => [
          eb(
            count(q, (eb) => eb('b.xp', '>', me.xp)),
            '+',
            count(q, tieAhead(me)),
          ).as('n'),
        ])
        .executeTakeFirstOrThrow();
      const rank = Number(ahead.n) + 1;
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
          { rank, userId: q.userId, displayName: self?.displayName ?? '', xp: me.xp },
          ...inOrder('after')
            .slice(0, q.around)
            .map((r, i) => line(r, rank + 1 + i)),
        ],
        me: { rank, xp: me.xp, hidden: self?.hidden === 1 },
      };
    },
    async getBoardProfile(userId) {
      const row = await db
        .selectFrom('board_profiles')
        .select(['alias', 'hidden'])
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return { alias: row?.alias ?? null, hidden: row?.hidden === 1 };
    },
    async setBoardProfile(userId, profile) {
      const hidden = profile.hidden ? 1 : 0;
      await inTransaction(db, async (tx) => {
        await tx
          .insertInto('board_profiles')
          .values({ user_id: userId, alias: profile.alias, hidden })
          .onConflict((oc) => oc.column('user_id').doUpdateSet({ alias: profile.alias, hidden }))
          .execute();
        await tx
          .updateTable('board_scores')
          .set({ hidden })
          .where('user_id', '=', userId)
          .execute();
      });
    },
    async cohortLessons(cohortId, week) {
      const row = await db
        .selectFrom('board_scores')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('lessons'), eb.val(0)).as('n'))
        .where('cohort_id', '=', cohortId)
        .where('period', '=', week)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async addKudos(k) {
      await db
        .insertInto('kudos')
        .values({
          id: k.id,
          org_id: k.orgId,
          from_user: k.fromUser,
          to_user: k.toUser,
          reason: k.reason,
          message: k.message,
          created_at: k.createdAt,
        })
        .execute();
    },
    async kudosSentSince(fromUser, since) {
      const row = await db
        .selectFrom('kudos')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('from_user', '=', fromUser)
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async kudosReceived(userId, limit) {
      return kudosViews()
        .where('k.to_user', '=', userId)
        .orderBy('k.created_at', 'desc')
        .orderBy('k.id')
        .limit(limit)
        .execute();
    },
    async kudosReceivedCount(userId) {
      const row = await db
        .selectFrom('kudos')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('to_user', '=', userId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async cohortFeed(cohortId, limit) {
      return kudosViews()
        .innerJoin('cohort_members as m', 'm.user_id', 'k.to_user')
        .where('m.cohort_id', '=', cohortId)
        .orderBy('k.created_at', 'desc')
        .orderBy('k.id')
        .limit(limit)
        .execute();
    },
    async addRecommendation(r) {
      const result = await db
        .insertInto('recommendations')
        .values({
          id: r.id,
          from_user: r.fromUser,
          to_user: r.toUser,
          module_id: r.moduleId,
          created_at: r.createdAt,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async recommendationsFor(userId) {
      return db
        .selectFrom('recommendations as r')
        .innerJoin('users as u', 'u.id', 'r.from_user')
        .select(['r.module_id as moduleId', 'u.name as fromName', 'r.created_at as createdAt'])
        .where('r.to_user', '=', userId)
        .orderBy('r.created_at', 'desc')
        .orderBy('r.id')
        .limit(20)
        .execute();
    },
    async setChallenge(c) {
      await db
        .insertInto('cohort_challenges')
        .values({ cohort_id: c.cohortId, week: c.week, goal: c.goal, set_by: c.setBy })
        .onConflict((oc) =>
          oc.columns(['cohort_id', 'week']).doUpdateSet({ goal: c.goal, set_by: c.setBy }),
        )
        .execute();
    },
    async getChallenge(cohortId, week) {
      const row = await db
        .selectFrom('cohort_challenges')
        .select('goal')
        .where('cohort_id', '=', cohortId)
        .where('week', '=', week)
        .executeTakeFirst();
      return row?.goal;
    },
  };
}
