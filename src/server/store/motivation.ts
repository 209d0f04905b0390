/**
 * Motivation: cohort boards (read from the rows ingest keeps), board profiles, kudos,
 * recommendations and weekly cohort challenges.
 */
import { explainBoard, readBoard, type BoardQuery, type BoardRead } from './board';
import { boardNameKey } from '../../core/leaderboard';
import { boardCache } from './board-cache';
import { inTransaction, isPostgres, type Db } from './db';
import { lockBoardNames } from './locks';
import { rowAt, valueAt } from './rows';

export type { BoardLine, BoardQuery, BoardRead } from './board';

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
  /** How the database plans the board read (for the bench and for tuning indexes). */
  explainLeaderboard(query: BoardQuery): Promise<string[]>;
  getBoardProfile(userId: string): Promise<BoardProfile>;
  /**
   * Saves a board profile, unless its alias is taken: it reads the same (`boardNameKey`) as the
   * alias or the name of someone who shares a cohort with the user. Checked and written under
   * one lock per organisation, so two people cannot take the same alias at once.
   */
  setBoardProfile(userId: string, profile: BoardProfile): Promise<'saved' | 'alias_taken'>;
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

export function motivationStore(db: Db): MotivationStore {
  // PostgreSQL answers boards from a board kept in this process (board-cache.ts); SQLite from SQL.
  const boards = isPostgres(db) ? boardCache(db) : undefined;
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
    leaderboard: (q) => (boards ? boards.read(q) : readBoard(db, q)),
    explainLeaderboard: (q) => (boards ? boards.explain(q) : explainBoard(db, q)),
    async getBoardProfile(userId) {
      const row = await rowAt(db, 'board_profiles', ['alias', 'hidden'], { user_id: userId });
      return { alias: row?.alias ?? null, hidden: row?.hidden === 1 };
    },
    async setBoardProfile(userId, profile) {
      const hidden = profile.hidden ? 1 : 0;
      return inTransaction(db, async (tx) => {
        const user = await tx
          .selectFrom('users')
          .leftJoin('board_profiles as p', 'p.user_id', 'users.id')
          .select(['users.org_id', 'p.alias'])
          .where('users.id', '=', userId)
          .executeTakeFirstOrThrow();
        // An alias kept as it was is not checked again: hiding from the board always works.
        if (profile.alias !== null && profile.alias !== user.alias) {
          await lockBoardNames(tx, user.org_id);
          const mine = tx
            .selectFrom('cohort_members')
            .select('cohort_id')
            .where('user_id', '=', userId);
          const others = await tx
            .selectFrom('cohort_members as m')
            .innerJoin('users as u', 'u.id', 'm.user_id')
            .leftJoin('board_profiles as p', 'p.user_id', 'u.id')
            .select(['u.name', 'p.alias'])
            .distinct()
            .where('m.cohort_id', 'in', mine)
            .where('m.user_id', '<>', userId)
            .execute();
          const wanted = boardNameKey(profile.alias);
          const taken = others.some(
            (o) => boardNameKey(o.name) === wanted || (o.alias && boardNameKey(o.alias) === wanted),
          );
          if (taken) return 'alias_taken' as const;
        }
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
        return 'saved' as const;
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
      return valueAt(db, 'cohort_challenges', 'goal', { cohort_id: cohortId, week });
    },
  };
}
