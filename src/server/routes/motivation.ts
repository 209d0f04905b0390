/**
 * Motivation routes: cohort leaderboards and the learner's board settings (alias, hidden).
 *
 * Boards are read from the `board_scores` aggregates that ingest keeps (never from events): the
 * top entries, the caller's rank and the rows around it are each one index range read.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { BoardProfile, BoardReply } from '../../core/api';
import { weekKey } from '../../core/leaderboard';
import { leadsCohort } from '../auth/access';
import { requireUser } from '../auth/session';
import type { AppDeps, AppEnv } from '../env';
import { ApiError, parseInput, readJson } from '../errors';
import type { Cohort, User } from '../store/store';

export const BOARD_TOP = 20;
export const BOARD_AROUND = 2;

const boardQuery = z.object({ period: z.enum(['week', 'all']).default('week') });
const boardProfile = z.object({
  alias: z
    .string()
    .trim()
    .max(40)
    .transform((s) => (s === '' ? null : s))
    .nullable(),
  hidden: z.boolean(),
});

/** A cohort the caller may see: its members and the people who lead it (`leadsCohort`). */
export async function visibleCohort(deps: AppDeps, user: User, id: string): Promise<Cohort> {
  const cohort = await deps.store.getCohort(id);
  if (!cohort || cohort.orgId !== user.orgId)
    throw new ApiError(404, 'not_found', 'error.noCohort');
  if (!user.cohortIds.includes(id) && !(await leadsCohort(deps, user, id)))
    throw new ApiError(403, 'forbidden', 'error.cohortPrivate');
  return cohort;
}

export const motivationRoutes = new Hono<AppEnv>()
  .get('/cohorts/:id/leaderboard', requireUser(), async (c) => {
    const { deps, user } = c.var;
    const { period } = parseInput(boardQuery, c.req.query());
    const cohort = await visibleCohort(deps, user, c.req.param('id'));
    const now = deps.now();
    const key = period === 'all' ? 'all' : weekKey(now, cohort.tz);
    const board = await deps.store.leaderboard({
      cohortId: cohort.id,
      period: key,
      userId: user.id,
      top: BOARD_TOP,
      around: BOARD_AROUND,
    });
    const member = user.cohortIds.includes(cohort.id);
    const line = (l: { rank: number; userId: string; displayName: string; xp: number }) => ({
      rank: l.rank,
      displayName: l.displayName,
      xp: l.xp,
      ...(l.userId === user.id ? { isMe: true } : {}),
    });
    return c.json({
      period,
      ...(period === 'week' ? { weekStart: key } : {}),
      cohort: { id: cohort.id, name: cohort.name, tz: cohort.tz },
      entries: board.entries.map(line),
      me: member ? { rank: board.me.rank, xp: board.me.xp, hidden: board.me.hidden } : null,
      around: member ? board.around.map(line) : [],
      updatedAt: new Date(now).toISOString(),
    } satisfies BoardReply);
  })
  .get('/me/board-profile', requireUser(), async (c) =>
    c.json((await c.var.deps.store.getBoardProfile(c.var.user.id)) satisfies BoardProfile),
  )
  .put('/me/board-profile', requireUser(), async (c) => {
    const profile = parseInput(boardProfile, await readJson(c));
    if ((await c.var.deps.store.setBoardProfile(c.var.user.id, profile)) === 'alias_taken')
      throw new ApiError(409, 'alias_taken', 'error.aliasTaken');
    return c.json(profile satisfies BoardProfile);
  });
