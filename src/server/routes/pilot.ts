/**
 * The 12-week pilot, for admins of one organisation: set a pilot up, tick its checklist, import
 * HR outcomes, read the report (JSON for the dashboard and BI tools) and export CSV.
 * Every query is scoped to the caller's organisation; other roles get 403.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import type { HrImportReply, PilotReply, PilotSetup } from '../../core/api';
import { uuidv7 } from '../../core/uuidv7';
import { DEFAULT_PILOT_WEEKS, GOAL_METRICS, PILOT_CHECKLIST } from '../../core/pilot';
import { requireUser } from '../auth/session';
import type { AppEnv } from '../env';
import { ApiError, distinct, DUPLICATE, errorBody, parseInput, readJson } from '../errors';
import { PILOT_TABLES, eventsCsvStream, tableCsv, type PilotTable } from '../pilot/csv';
import { buildPilotReport, windowRange } from '../pilot/report';

const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.user.role !== 'admin') throw new ApiError(403, 'forbidden', 'error.pilotAdmins');
  await next();
};

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'error.field.date')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'error.field.realDate');

const newPilot = z.object({
  name: z.string().trim().min(1).max(120),
  startDate: isoDate,
  weeks: z.number().int().min(1).max(52).default(DEFAULT_PILOT_WEEKS),
  cohortIds: z
    .array(z.string().min(1))
    .min(1, 'error.field.pilotCohorts')
    .max(50)
    .refine(distinct, DUPLICATE),
  goals: z
    .array(
      z.object({
        metric: z.enum(GOAL_METRICS),
        op: z.enum(['>=', '<=']),
        target: z.number().min(0).max(1e6),
      }),
    )
    .max(3, 'error.field.pilotGoals')
    .default([]),
});

const checklistBody = z.object({
  step: z.enum(PILOT_CHECKLIST.map((s) => s.id) as [string, ...string[]]),
  done: z.boolean(),
});

const HR_MAX_BYTES = 5 * 1024 * 1024;

async function pilotFor(c: {
  var: AppEnv['Variables'];
  req: { query(k: string): string | undefined };
}) {
  const pilots = await c.var.deps.store.listPilots(c.var.user.orgId);
  const wanted = c.req.query('pilot');
  const pilot = wanted ? pilots.find((p) => p.id === wanted) : pilots[0];
  if (!pilot) throw new ApiError(404, 'no_pilot', wanted ? 'error.noPilot' : 'error.noPilotYet');
  return pilot;
}

export const pilotRoutes = new Hono<AppEnv>()
  .use('/pilot/*', requireUser(), requireAdmin)
  .get('/pilot/setup', async (c) => {
    const { store } = c.var.deps;
    const orgId = c.var.user.orgId;
    const [pilots, cohorts, hr] = await Promise.all([
      store.listPilots(orgId),
      store.orgCohorts(orgId),
      store.hrRecords(orgId),
    ]);
    return c.json({
      pilots,
      cohorts,
      checklist: PILOT_CHECKLIST,
      hrRecords: hr.length,
    } satisfies PilotSetup);
  })
  .post('/pilot/pilots', async (c) => {
    const input = parseInput(newPilot, await readJson(c));
    const { store, now } = c.var.deps;
    const cohorts = new Set((await store.orgCohorts(c.var.user.orgId)).map((x) => x.id));
    const unknown = input.cohortIds.find((id) => !cohorts.has(id));
    if (unknown) throw new ApiError(400, 'invalid_request', 'error.pilotCohort', { name: unknown });
    const pilot = { ...input, id: uuidv7(), orgId: c.var.user.orgId, createdAt: now() };
    await store.createPilot(pilot);
    // Its members' summaries are filled in the background; its report reads their days till then.
    void store
      .backfillPilotSummaries()
      .catch((e: Error) => console.error('pilot summaries backfill:', e.message));
    return c.json({ pilot: { ...pilot, checklist: {} } } satisfies PilotReply, 201);
  })
  .post('/pilot/pilots/:id/checklist', async (c) => {
    const { step, done } = parseInput(checklistBody, await readJson(c));
    const { store, now } = c.var.deps;
    const { orgId, id: userId } = c.var.user;
    const ok = await store.setPilotStep(
      orgId,
      c.req.param('id'),
      step,
      done ? { at: now(), by: userId } : null,
    );
    if (!ok) throw new ApiError(404, 'no_pilot', 'error.noPilot');
    const pilot = (await store.listPilots(orgId)).find((p) => p.id === c.req.param('id'))!;
    return c.json({ pilot } satisfies PilotReply);
  })
  .post(
    '/pilot/hr',
    bodyLimit({
      maxSize: HR_MAX_BYTES,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', 'error.hrFileTooLarge', { megabytes: 5 });
      },
    }),
    async (c) => {
      const { store } = c.var.deps;
      const orgId = c.var.user.orgId;
      const knownEmails = (await store.orgMembers(orgId)).map((m) => m.email.toLowerCase());
      // Off the request thread, with a time limit (content/off-thread.ts).
      const { records, errors } = await c.var.deps.uploads.parse({
        kind: 'hr',
        text: await c.req.text(),
        knownEmails,
      });
      if (errors.length)
        return c.json(
          {
            error: {
              ...errorBody('invalid_rows', 'error.hrRows', { count: errors.length }).error,
              rows: errors,
            },
          },
          422,
        );
      if (records.length === 0) throw new ApiError(400, 'empty_file', 'error.emptyFile');
      await store.saveHrRecords(orgId, records);
      return c.json({ imported: records.length } satisfies HrImportReply);
    },
  )
  .get('/pilot/report', async (c) => {
    const { store, now } = c.var.deps;
    return c.json(await buildPilotReport(store, await pilotFor(c), now()));
  })
  .get('/pilot/export/:file', async (c) => {
    const file = c.req.param('file');
    const table = file.replace(/\.csv$/, '');
    const { store, now } = c.var.deps;
    const pilot = await pilotFor(c);
    // The name is checked before it reaches a header: `x%00y` would make setting one throw.
    if (table !== 'events' && !(PILOT_TABLES as readonly string[]).includes(table))
      throw new ApiError(404, 'not_found', 'error.exports', {
        files: [...PILOT_TABLES, 'events'].map((t) => `${t}.csv`).join(', '),
      });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="pilot-${table}.csv"`);
    if (table === 'events') {
      const csv = eventsCsvStream(store, { orgId: pilot.orgId, ...windowRange(pilot) });
      return stream(c, async (out) => {
        await out.pipe(csv);
      });
    }
    return c.body(tableCsv(await buildPilotReport(store, pilot, now()), table as PilotTable));
  });
