/**
 * Admins run the programme for their own organisation: people (move between teams and cohorts,
 * set role, career level, time zone; deactivate; one-time reset links), cohorts (name, time zone,
 * managers), invites, module upload with `file:line: message` problems, the sponsor message and
 * the learning goal.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type {
  AccessLink,
  AdminPeopleReply,
  BulkInviteReply,
  CohortReply,
  CohortsReply,
  GoalReply,
  InviteLink,
  OpenInvitesReply,
  OrgGoalReply,
  PersonReply,
  Programme,
  SponsorReply,
} from '../../core/api-admin';
import type { OkReply } from '../../core/api';
import { localDate } from '../../core/calendar';
import { careerRoles } from '../../core/career';
import { isValidTimeZone } from '../../core/events';
import { LOCALES, type Phrase } from '../../core/wording';
import { issueInvites, issueReset } from '../access-links';
import { checkInviteRows, MAX_BULK_INVITES, readInviteList } from '../bulk-invites';
import { uploadPhrase } from '../../core/phrases/uploads';
import { emailTaken, requireRole } from '../auth/access';
import { revokeLostAccess } from '../auth/revoke';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../env';
import { ApiError, distinct, DUPLICATE, errorBody, parseInput, readJson } from '../errors';
import type { Person } from '../store/store';
import { personName } from './account';
import { adminUploadRoutes } from './admin-uploads';
import { ssoAdminRoutes } from './sso';

const tz = z.string().refine(isValidTimeZone, 'error.field.timeZone');
const role = z.enum(['learner', 'manager', 'admin']);
const id = z.string().min(1).max(100);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'error.field.date');

const personPatch = z
  .object({
    name: personName,
    role,
    managerId: id.nullable(),
    tz,
    active: z.boolean(),
    cohortIds: z.array(id).max(20).refine(distinct, DUPLICATE),
    career: z.object({ roleId: id, level: z.number().int().min(1).max(20) }).nullable(),
  })
  .partial()
  .strict();
const cohortBody = z.object({ name: z.string().trim().min(1).max(80), tz });
const cohortPatch = cohortBody
  .extend({ managerIds: z.array(id).max(20).refine(distinct, DUPLICATE) })
  .partial()
  .strict();
const inviteBody = z.object({
  cohortId: id,
  role: role.default('learner'),
  email: z.string().trim().toLowerCase().email().max(254).optional(),
  managerId: id.optional(),
  /** The invite mail's language (the admin's own by default). */
  locale: z.enum(LOCALES).optional(),
});
const bulkInviteBody = z.object({
  /** CSV: email, name, manager_email, cohort (see bulk-invites.ts). */
  csv: z.string().max(512 * 1024),
  locale: z.enum(LOCALES).optional(),
});
const sponsorBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    title: z.string().trim().min(1).max(80),
    text: z.string().trim().min(1).max(600),
    startsOn: date,
    endsOn: date,
    sponsorUserId: id.nullable().default(null),
  })
  .refine((s) => s.startsOn <= s.endsOn, {
    message: 'error.field.endsBeforeStart',
    path: ['endsOn'],
  });
const goalBody = z.object({
  label: z.string().trim().min(1).max(120),
  targetPercent: z.number().int().min(1).max(100),
});

/** 422 with every row's problem: nothing of the upload was stored. */
const invalidRows = (rows: Phrase[]) => ({
  error: { ...errorBody('invalid_rows', 'error.inviteRows', { count: rows.length }).error, rows },
});

/** An active person in the admin's org; anyone elsewhere is 404. */
async function personInOrg(c: Context<AppEnv>, userId: string): Promise<Person> {
  const person = await c.var.deps.store.getPerson(c.var.user.orgId, userId);
  if (!person) throw new ApiError(404, 'not_found', 'error.noPerson');
  return person;
}

/** The named cohorts of the admin's org, in the order asked; 400 naming the first unknown one. */
async function checkCohorts(c: Context<AppEnv>, cohortIds: string[]) {
  const known = new Map(
    (await c.var.deps.store.listCohorts(c.var.user.orgId)).map((x) => [x.id, x]),
  );
  const unknown = cohortIds.find((x) => !known.has(x));
  if (unknown) throw new ApiError(400, 'unknown_cohort', 'error.noCohortNamed', { name: unknown });
  return cohortIds.map((x) => known.get(x)!);
}

/** A cohort's managers must be active managers or admins of the same org. */
async function checkCohortManagers(c: Context<AppEnv>, managerIds: string[]) {
  const people = new Map(
    (await c.var.deps.store.listPeople(c.var.user.orgId)).map((p) => [p.id, p]),
  );
  for (const managerId of managerIds) {
    const person = people.get(managerId);
    if (!person || !person.active || person.role === 'learner')
      throw new ApiError(400, 'unknown_manager', 'error.cohortManagers');
  }
}

/** The learning goal with its current value: the share of active people who learned in 7 days. */
async function goalStatus(c: Context<AppEnv>) {
  const { store, now } = c.var.deps;
  const orgId = c.var.user.orgId;
  const [goal, people, learners] = await Promise.all([
    store.getOrgGoal(orgId),
    store.listPeople(orgId),
    store.countLearnersSince(orgId, now() - 7 * 86_400_000),
  ]);
  const active = people.filter((p) => p.active).length;
  return {
    label: goal?.label ?? null,
    targetPercent: goal?.targetPercent ?? null,
    currentPercent: active ? Math.round((learners / active) * 100) : 0,
    learnersThisWeek: learners,
    people: active,
  };
}

/** An upload parsed and checked against the admin's own organisation's catalog. */
export const adminRoutes = new Hono<AppEnv>()
  .use('/admin/*', requireUser(), requireRole('admin'))
  .use('/org/*', requireUser())
  .route('/', ssoAdminRoutes)
  .route('/', adminUploadRoutes)
  .get('/admin/people', async (c) => {
    const { store } = c.var.deps;
    const [people, cohorts, catalog] = await Promise.all([
      store.listPeople(c.var.user.orgId),
      store.listCohorts(c.var.user.orgId),
      store.getCatalog(c.var.user.orgId),
    ]);
    return c.json({
      people,
      cohorts,
      careerRoles: careerRoles(catalog).map((r) => ({
        id: r.id,
        title: r.title,
        levels: r.levels.map((l) => l.title),
      })),
    } satisfies AdminPeopleReply);
  })
  .post('/admin/people/:userId', async (c) => {
    const person = await personInOrg(c, c.req.param('userId'));
    const patch = parseInput(personPatch, await readJson(c));
    const { store, now } = c.var.deps;
    if (patch.managerId) {
      const manager = await store.getPerson(c.var.user.orgId, patch.managerId);
      if (!manager || !manager.active || manager.id === person.id)
        throw new ApiError(400, 'unknown_manager', 'error.unknownManager');
      if (manager.managerId === person.id)
        throw new ApiError(400, 'manager_cycle', 'error.managerCycle');
    }
    if (patch.cohortIds) await checkCohorts(c, patch.cohortIds);
    if (patch.career) {
      const careerRole = careerRoles(await store.getCatalog(c.var.user.orgId)).find(
        (r) => r.id === patch.career!.roleId,
      );
      if (!careerRole || patch.career.level > careerRole.levels.length)
        throw new ApiError(400, 'unknown_career', 'error.unknownCareer');
    }
    if (
      person.id === c.var.user.id &&
      (patch.active === false || (patch.role && patch.role !== 'admin'))
    )
      throw new ApiError(400, 'self_lockout', 'error.ownAdmin');
    await store.updatePerson(person.orgId, person.id, patch);
    const updated = (await store.getPerson(person.orgId, person.id))!;
    await revokeLostAccess(store, { ...updated, userId: updated.id }, now());
    return c.json({ person: updated } satisfies PersonReply);
  })
  .post('/admin/people/:userId/deactivate', async (c) => {
    const person = await personInOrg(c, c.req.param('userId'));
    if (person.id === c.var.user.id) throw new ApiError(400, 'self_lockout', 'error.ownAccount');
    const { store, now } = c.var.deps;
    await store.updatePerson(person.orgId, person.id, { active: false });
    await revokeLostAccess(store, { ...person, userId: person.id, active: false }, now());
    return c.json({
      person: (await store.getPerson(person.orgId, person.id))!,
    } satisfies PersonReply);
  })
  .post('/admin/people/:userId/reset-link', async (c) => {
    const person = await personInOrg(c, c.req.param('userId'));
    if (!person.active) throw new ApiError(400, 'inactive', 'error.inactive');
    const origin = new URL(c.req.url).origin;
    const link = await issueReset(c.var.deps, c.var.user, person, origin);
    return c.json(link satisfies AccessLink, 201);
  })
  .get('/admin/cohorts', async (c) =>
    c.json({
      cohorts: await c.var.deps.store.listCohorts(c.var.user.orgId),
    } satisfies CohortsReply),
  )
  .post('/admin/cohorts', async (c) => {
    const body = parseInput(cohortBody, await readJson(c));
    const cohort = { id: `c-${randomUUID()}`, orgId: c.var.user.orgId, ...body };
    await c.var.deps.store.createCohort(cohort);
    return c.json({ cohort: { ...cohort, managerIds: [] } } satisfies CohortReply, 201);
  })
  .post('/admin/cohorts/:cohortId', async (c) => {
    const patch = parseInput(cohortPatch, await readJson(c));
    const { store } = c.var.deps;
    if (patch.managerIds) await checkCohortManagers(c, patch.managerIds);
    const ok = await store.updateCohort(c.var.user.orgId, c.req.param('cohortId'), patch);
    if (!ok) throw new ApiError(404, 'not_found', 'error.noCohort');
    const cohorts = await store.listCohorts(c.var.user.orgId);
    return c.json({
      cohort: cohorts.find((x) => x.id === c.req.param('cohortId'))!,
    } satisfies CohortReply);
  })
  .post('/admin/invites', async (c) => {
    const body = parseInput(inviteBody, await readJson(c));
    const [cohort] = await checkCohorts(c, [body.cohortId]);
    if (body.managerId) await personInOrg(c, body.managerId);
    // Another org's address is not confirmed: the invite is made, and acceptance refuses it.
    if (body.email && (await emailTaken(c.var.deps, c.var.user.orgId, body.email)) === 'here')
      throw new ApiError(409, 'email_taken', 'error.emailTaken');
    const [invite] = await issueInvites(c.var.deps, c.var.user, new URL(c.req.url).origin, [
      { ...body, email: body.email ?? null, managerId: body.managerId ?? null, tz: cohort!.tz },
    ]);
    return c.json(invite! satisfies InviteLink, 201);
  })
  /** The open invites (neither used nor expired), with who made them; codes are never shown. */
  .get('/admin/invites', async (c) => {
    const { store, now } = c.var.deps;
    const orgId = c.var.user.orgId;
    const [invites, people, cohorts] = await Promise.all([
      store.listOpenInvites(orgId, now()),
      store.listPeople(orgId),
      store.listCohorts(orgId),
    ]);
    const names = new Map(people.map((p) => [p.id, p.name]));
    const cohortNames = new Map(cohorts.map((x) => [x.id, x.name]));
    return c.json({
      invites: invites.map((i) => ({
        id: i.id,
        email: i.email,
        role: i.role,
        cohort: i.cohortId ? (cohortNames.get(i.cohortId) ?? null) : null,
        createdBy: names.get(i.createdBy) ?? null,
        expiresAt: new Date(i.expiresAt).toISOString(),
      })),
    } satisfies OpenInvitesReply);
  })
  .post('/admin/invites/:id/revoke', async (c) => {
    const { store, now } = c.var.deps;
    if (!(await store.revokeInvite(c.var.user.orgId, c.req.param('id'), now())))
      throw new ApiError(404, 'not_found', 'error.noInvite');
    return c.json({ ok: true } satisfies OkReply);
  })
  .post('/admin/invites/bulk', async (c) => {
    const body = parseInput(bulkInviteBody, await readJson(c));
    const { store } = c.var.deps;
    const orgId = c.var.user.orgId;
    const { rows, problem } = readInviteList(body.csv);
    if (problem) return c.json(invalidRows([problem]), 422);
    if (rows.length === 0) throw new ApiError(400, 'empty_file', 'error.noInvitees');
    if (rows.length > MAX_BULK_INVITES)
      return c.json(
        invalidRows([
          uploadPhrase('upload.invite.tooMany', { count: rows.length, max: MAX_BULK_INVITES }),
        ]),
        422,
      );
    const [people, cohorts, taken] = await Promise.all([
      store.listPeople(orgId),
      store.listCohorts(orgId),
      store.emailsWithAccounts(rows.map((r) => r.email)),
    ]);
    const { invites, problems } = checkInviteRows(rows, { people, cohorts, taken });
    if (problems.length) return c.json(invalidRows(problems), 422);
    const issued = await issueInvites(
      c.var.deps,
      c.var.user,
      new URL(c.req.url).origin,
      invites.map((i) => ({ ...i, locale: body.locale })),
    );
    return c.json(
      {
        invites: issued.map((link, i) => ({ email: invites[i]!.email, ...link })),
      } satisfies BulkInviteReply,
      201,
    );
  })
  .get('/admin/programme', async (c) => {
    const sponsor = await c.var.deps.store.getSponsorMessage(c.var.user.orgId);
    return c.json({ sponsor: sponsor ?? null, goal: await goalStatus(c) } satisfies Programme);
  })
  .post('/admin/sponsor', async (c) => {
    const body = parseInput(sponsorBody, await readJson(c));
    if (body.sponsorUserId) await personInOrg(c, body.sponsorUserId);
    const message = { orgId: c.var.user.orgId, ...body };
    await c.var.deps.store.setSponsorMessage(message);
    return c.json({ sponsor: message } satisfies SponsorReply);
  })
  .post('/admin/goal', async (c) => {
    const body = parseInput(goalBody, await readJson(c));
    await c.var.deps.store.setOrgGoal({ orgId: c.var.user.orgId, ...body });
    return c.json({ goal: await goalStatus(c) } satisfies GoalReply);
  })
  /**
   * The goal's current value for admins and the named sponsor; `goal: null` for everyone else,
   * so the account screen can ask on every visit without a refusal in the console.
   */
  .get('/org/goal', async (c) => {
    const me = c.var.user;
    const sponsor = await c.var.deps.store.getSponsorMessage(me.orgId);
    const today = localDate(c.var.deps.now(), me.tz);
    if (me.role !== 'admin' && sponsor?.sponsorUserId !== me.id)
      return c.json({ goal: null, today } satisfies OrgGoalReply);
    return c.json({ goal: await goalStatus(c), today } satisfies OrgGoalReply);
  });
