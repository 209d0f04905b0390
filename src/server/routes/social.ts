/**
 * Social learning and recognition: kudos between colleagues of one organisation (a few a day),
 * "recommend to a colleague", weekly cohort challenges, badges and the cohort recognition feed.
 * User text (kudos messages, names) is stored and returned as plain text; the app renders it as
 * text, never as HTML.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type {
  BadgesReply,
  Challenge,
  ColleaguesReply,
  FeedReply,
  KudosReply,
  KudosSentReply,
  RecommendationsReply,
  RecommendReply,
} from '../../core/api';
import { badgesOf } from '../../core/badges';
import { weekKey } from '../../core/leaderboard';
import { uuidv7 } from '../../core/uuidv7';
import { leadsCohort } from '../auth/access';
import { requireUser } from '../auth/session';
import type { AppDeps, AppEnv } from '../env';
import { ApiError, parseInput, readJson } from '../errors';
import { progressStateOf } from '../progress-aggregate';
import type { User } from '../store/store';
import { visibleCohort } from './motivation';
import { contentLocale } from './content';

export const KUDOS_PER_DAY = 3;
const DAY_MS = 86_400_000;

const kudosInput = z.object({
  toUserId: z.string().min(1).max(100),
  reason: z.enum(['lesson', 'streak']),
  message: z.string().trim().max(140).default(''),
});
const recommendationInput = z.object({
  toUserId: z.string().min(1).max(100),
  moduleId: z.string().min(1).max(200),
});
const challengeInput = z.object({ goal: z.number().int().min(1).max(100_000) });

/** A colleague in the caller's organisation, never the caller; 404 otherwise (no leaking). */
async function colleague(deps: AppDeps, user: User, id: string): Promise<User> {
  const other = await deps.store.getUser(id);
  if (!other || other.orgId !== user.orgId)
    throw new ApiError(404, 'not_found', 'error.noColleague');
  if (other.id === user.id) throw new ApiError(400, 'self', 'error.self');
  return other;
}

export const socialRoutes = new Hono<AppEnv>()
  .get('/colleagues', requireUser(), async (c) => {
    const { deps, user } = c.var;
    const people = await deps.store.orgPeople(user.orgId);
    return c.json({ people: people.filter((p) => p.id !== user.id) } satisfies ColleaguesReply);
  })
  .post('/kudos', requireUser(), async (c) => {
    const { deps, user } = c.var;
    const input = parseInput(kudosInput, await readJson(c));
    const to = await colleague(deps, user, input.toUserId);
    const now = deps.now();
    if ((await deps.store.kudosSentSince(user.id, now - DAY_MS + 1)) >= KUDOS_PER_DAY)
      throw new ApiError(429, 'kudos_limit', 'error.kudosLimit', { count: KUDOS_PER_DAY });
    const kudos = {
      id: uuidv7(() => now),
      orgId: user.orgId,
      fromUser: user.id,
      toUser: to.id,
      reason: input.reason,
      message: input.message,
      createdAt: now,
    };
    await deps.store.addKudos(kudos);
    return c.json({ id: kudos.id, to: { id: to.id, name: to.name } } satisfies KudosSentReply, 201);
  })
  .get('/me/kudos', requireUser(), async (c) =>
    c.json({ kudos: await c.var.deps.store.kudosReceived(c.var.user.id, 50) } satisfies KudosReply),
  )
  .post('/recommendations', requireUser(), async (c) => {
    const { deps, user } = c.var;
    const input = parseInput(recommendationInput, await readJson(c));
    const to = await colleague(deps, user, input.toUserId);
    if (!(await deps.store.getModule(input.moduleId, user.orgId)))
      throw new ApiError(404, 'not_found', 'error.noModule');
    const added = await deps.store.addRecommendation({
      id: uuidv7(deps.now),
      fromUser: user.id,
      toUser: to.id,
      moduleId: input.moduleId,
      createdAt: deps.now(),
    });
    const reply = {
      to: { id: to.id, name: to.name },
      alreadySent: !added,
    } satisfies RecommendReply;
    return c.json(reply, added ? 201 : 200);
  })
  .get('/me/recommendations', requireUser(), async (c) =>
    c.json({
      recommendations: await c.var.deps.store.recommendationsFor(c.var.user.id),
    } satisfies RecommendationsReply),
  )
  .get('/me/badges', requireUser(), async (c) => {
    const { deps, user } = c.var;
    const [state, kudos, catalog] = await Promise.all([
      progressStateOf(deps.store, user, deps.now()),
      deps.store.kudosReceivedCount(user.id),
      deps.store.getCatalog(user.orgId, contentLocale(c)),
    ]);
    const badges = badgesOf({
      ledger: state.ledger,
      longestStreak: state.streak.longest,
      kudosReceived: kudos,
      modules: catalog.modules,
      competencyTitles: Object.fromEntries(catalog.competencies.map((x) => [x.id, x.title])),
    });
    return c.json({ badges, kudosReceived: kudos } satisfies BadgesReply);
  })
  .get('/cohorts/:id/challenge', requireUser(), async (c) => {
    const { deps, user } = c.var;
    const cohort = await visibleCohort(deps, user, c.req.param('id'));
    const week = weekKey(deps.now(), cohort.tz);
    const [goal, done] = await Promise.all([
      deps.store.getChallenge(cohort.id, week),
      deps.store.cohortLessons(cohort.id, week),
    ]);
    return c.json({ week, goal: goal ?? null, done } satisfies Challenge);
  })
  .put('/cohorts/:id/challenge', requireUser(), async (c) => {
    const { deps, user } = c.var;
    const cohort = await visibleCohort(deps, user, c.req.param('id'));
    if (!(await leadsCohort(deps, user, cohort.id)))
      throw new ApiError(403, 'forbidden', 'error.challengeSetters');
    const { goal } = parseInput(challengeInput, await readJson(c));
    const week = weekKey(deps.now(), cohort.tz);
    await deps.store.setChallenge({ cohortId: cohort.id, week, goal, setBy: user.id });
    return c.json({
      week,
      goal,
      done: await deps.store.cohortLessons(cohort.id, week),
    } satisfies Challenge);
  })
  .get('/cohorts/:id/feed', requireUser(), async (c) => {
    const { deps, user } = c.var;
    const cohort = await visibleCohort(deps, user, c.req.param('id'));
    return c.json({ feed: await deps.store.cohortFeed(cohort.id, 30) } satisfies FeedReply);
  });
