/**
 * Managers coach their reports: the team view, assignments, nudges (in-app, and a push where the
 * report opted in) and the 1:1 script. Admins may coach anyone in their organisation; nobody
 * reaches another organisation (see access.ts).
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type {
  AssignmentReply,
  MemberPage,
  OkReply,
  OneOnOneChecksReply,
  PersonSummary,
  TeamReply,
} from '../../core/api';
import { addDays, localDate } from '../../core/calendar';
import { careerGap } from '../../core/career';
import type { Catalog } from '../../core/content';
import { oneOnOneScript } from '../../core/one-on-one';
import { notificationPhrase } from '../../core/phrases/notifications';
import { contentLocale } from './content';
import { pushNudge } from '../push';
import { canCoach, personInReach, requireRole } from '../auth/access';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../env';
import { ApiError, parseInput, readJson } from '../errors';
import type { Person, Store } from '../store/store';
import { reportProgressOf } from '../team-progress';
import { pathwayOptions, teamView } from '../team-view';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'error.field.date')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && addDays(d, 0) === d, 'not a date');

const assignBody = z.object({ pathwayId: z.string().min(1).max(100), dueDate: isoDate });
const nudgeBody = z.object({ message: z.string().trim().max(280).optional() });
const checkBody = z.object({ itemId: z.string().min(1).max(40), checked: z.boolean() });

/** Nudges one manager may send one report per day: enough to encourage, not to nag. */
export const NUDGES_PER_DAY = 3;

/** One report's progress and career gap, for the pages about them (the digest reads the same). */
async function personProgress(c: Context<AppEnv>, person: Person, catalog: Catalog) {
  const progress = await reportProgressOf(c.var.deps.store, person, catalog, c.var.deps.now());
  const gap = person.career ? careerGap(catalog, person.career, progress.competencies) : undefined;
  return { progress, gap };
}

function summary(person: Person): PersonSummary {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    tz: person.tz,
    career: person.career,
  };
}

/** The nudges a manager sent a report on the manager's own today, newest first. */
async function nudgesSentToday(
  deps: { store: Store; now: () => number },
  manager: { id: string; tz: string },
  person: Person,
): Promise<MemberPage['nudgedToday']> {
  const today = localDate(deps.now(), manager.tz);
  const recent = await deps.store.listNotifications(person.orgId, person.id, 50);
  return recent
    .filter(
      (n) =>
        n.kind === 'nudge' &&
        n.fromUserId === manager.id &&
        localDate(n.createdAt, manager.tz) === today,
    )
    .map((n) => ({ message: n.phrase ? '' : n.text, at: new Date(n.createdAt).toISOString() }));
}

export const teamRoutes = new Hono<AppEnv>()
  .use('/team/*', requireUser(), requireRole('manager', 'admin'))
  .get('/team', async (c) => {
    const { store, now } = c.var.deps;
    // Pathway and competency names in the manager's language (`?lang=`).
    return c.json((await teamView(store, c.var.user, contentLocale(c), now())) satisfies TeamReply);
  })
  .get('/team/:userId', async (c) => {
    const person = await personInReach(c, c.req.param('userId'), canCoach);
    const { store, now } = c.var.deps;
    // Career, competency and pathway names in the manager's language (`?lang=`).
    const catalog = await store.getCatalog(person.orgId, contentLocale(c));
    const { progress, gap } = await personProgress(c, person, catalog);
    const title = (id: string) => catalog.competencies.find((x) => x.id === id)?.title ?? id;
    const script = oneOnOneScript(person.name, progress, gap, title);
    const checked = await store.oneOnOneChecks(c.var.user.id, person.id);
    const nudgedToday = await nudgesSentToday(c.var.deps, c.var.user, person);
    // The pilot counts 1:1 scripts opened: once per manager, report and the manager's day.
    await store.recordScriptOpen({
      orgId: person.orgId,
      managerId: c.var.user.id,
      reportId: person.id,
      day: localDate(now(), c.var.user.tz),
      at: now(),
    });
    return c.json({
      report: { ...summary(person), ...progress },
      gap: gap ?? null,
      script: {
        ...script,
        checklist: script.checklist.map((i) => ({ ...i, checked: checked.includes(i.id) })),
      },
      pathways: pathwayOptions(catalog),
      nudgedToday,
    } satisfies MemberPage);
  })
  .post('/team/:userId/assignments', async (c) => {
    const person = await personInReach(c, c.req.param('userId'), canCoach);
    const body = parseInput(assignBody, await readJson(c));
    const { store, now } = c.var.deps;
    const pathway = (await store.getCatalog(person.orgId)).pathways.find(
      (p) => p.id === body.pathwayId,
    );
    if (!pathway) throw new ApiError(400, 'unknown_pathway', 'error.noPathway');
    if (body.dueDate < localDate(now(), person.tz))
      throw new ApiError(400, 'invalid_request', 'error.dueDatePast');
    const assignment = {
      id: randomUUID(),
      orgId: person.orgId,
      userId: person.id,
      pathwayId: pathway.id,
      dueDate: body.dueDate,
      assignedBy: c.var.user.id,
      createdAt: now(),
    };
    await store.upsertAssignment(assignment);
    const phrase = notificationPhrase('notification.assignment', {
      name: c.var.user.name,
      title: pathway.title,
      minutes: pathway.estimateMinutes,
      dueDate: body.dueDate,
    });
    await store.addNotification({
      id: randomUUID(),
      orgId: person.orgId,
      userId: person.id,
      fromUserId: c.var.user.id,
      kind: 'assignment',
      text: phrase.text,
      phrase,
      createdAt: now(),
      readAt: null,
    });
    return c.json(
      { assignment: { pathwayId: pathway.id, dueDate: body.dueDate } } satisfies AssignmentReply,
      201,
    );
  })
  .post('/team/:userId/nudge', async (c) => {
    const person = await personInReach(c, c.req.param('userId'), canCoach);
    const body = parseInput(nudgeBody, await readJson(c));
    const { store, now } = c.var.deps;
    const hits = await store.hitRateLimit(`nudge:${c.var.user.id}:${person.id}`, 86_400_000, now());
    if (hits > NUDGES_PER_DAY)
      throw new ApiError(429, 'rate_limited', 'error.nudgeLimit', { count: NUDGES_PER_DAY });
    // A manager's own message stays as typed; the default one is a phrase the report's app words.
    const from = c.var.user.name.split(' ')[0] ?? c.var.user.name;
    const phrase = body.message ? null : notificationPhrase('notification.nudge', { name: from });
    const text = phrase?.text ?? body.message!;
    await store.addNotification({
      id: randomUUID(),
      orgId: person.orgId,
      userId: person.id,
      fromUserId: c.var.user.id,
      kind: 'nudge',
      text,
      ...(phrase ? { phrase } : {}),
      createdAt: now(),
      readAt: null,
    });
    // Also a push on each device the report opted in on; best effort, the nudge is stored.
    const { push } = c.var.deps;
    if (push)
      await pushNudge(store, push, person.id, { from: c.var.user.name, body: phrase ?? text });
    return c.json({ ok: true } satisfies OkReply, 201);
  })
  .post('/team/:userId/one-on-one/checks', async (c) => {
    const person = await personInReach(c, c.req.param('userId'), canCoach);
    const body = parseInput(checkBody, await readJson(c));
    const { store, now } = c.var.deps;
    await store.setOneOnOneCheck(c.var.user.id, person.id, body.itemId, body.checked, now());
    return c.json({
      checked: await store.oneOnOneChecks(c.var.user.id, person.id),
    } satisfies OneOnOneChecksReply);
  });
