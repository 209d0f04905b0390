/**
 * Shared by the accessibility-*.test.ts files: the server and browser with every screen seeded
 * (its public links and the lesson due for review), the audit of one screen, the widths, and a
 * context at each.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { SyncReply } from '../../src/core/api';
import type { ProgressEvent } from '../../src/core/events';
import { emptyMastery } from '../../src/core/mastery';
import { emptyState } from '../../src/core/progress';
import { errorPhrase } from '../../src/core/phrases/errors';
import { rejection } from '../../src/core/sync';
import { uuidv7 } from '../../src/core/uuidv7';
import {
  axeViolations,
  hiddenWhenFocused,
  motionWhenReduced,
  overflowAt200,
  smallTargets,
} from './a11y';
import { serverAndBrowser } from './phone-run';
import { sessionCookie } from './sessions';

/** Links the seed makes for the public doors. */
export let doors: { join: string; reset: string };
/** A lesson holding the quiz the learner got wrong two days ago (so it is due for review). */
export let reviewLesson: { moduleId: string; title: string };

export let run: ReturnType<typeof serverAndBrowser>;
/** Starts the server with every screen seeded, and the browser, for the calling file. */
export function useEveryScreen(): void {
  run = serverAndBrowser({}, seedEveryScreen);
}

/** Calls the API as a demo person, failing loudly when the seed is refused. */
export async function as(userId: string, method: string, path: string, body: unknown) {
  const cookie = await sessionCookie(run.server.store, userId);
  const text = typeof body === 'string';
  const res = await fetch(`${run.server.url}/api/v1${path}`, {
    method,
    headers: {
      'content-type': text ? 'text/csv' : 'application/json',
      cookie,
      origin: run.server.url,
    },
    body: text ? body : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/**
 * Gives every screen something to show: progress on the board, a quiz due for review, kudos, a
 * challenge, an assignment, a sponsor message and goal, a pilot two weeks in with HR outcomes,
 * and an invite and reset link. Lessons come from the end of the catalog, so the learner's walk
 * still starts at the first lesson.
 */
export async function seedEveryScreen() {
  const catalog = await run.server.store.getCatalog();
  const lessons = catalog.modules.flatMap((m) => m.lessons.map((l) => l.id));
  const sync = async (userId: string, events: ProgressEvent[]) => {
    // Their device signed in before the progress it syncs.
    await run.server.store.noteDevice(userId, `device-${userId}`, 0);
    return as(userId, 'POST', '/sync', {
      deviceId: `device-${userId}`,
      sentAt: new Date().toISOString(),
      events,
    });
  };
  const event = (userId: string, seq: number, at: Date) => ({
    id: uuidv7(),
    occurredAt: at.toISOString(),
    tz: 'Europe/Berlin',
    deviceId: `device-${userId}`,
    seq,
  });
  const quizModule = [...catalog.modules]
    .reverse()
    .find((m) => m.lessons.length > 0 && m.id !== catalog.modules[0]!.id)!;
  const module = (await run.server.store.getModule(quizModule.id))!;
  const lesson = module.lessons.find((l) => l.cards.some((c) => c.kind === 'quiz'))!;
  const quiz = lesson.cards.find((c) => c.kind === 'quiz')!;
  if (quiz.kind !== 'quiz') throw new Error('no quiz');
  reviewLesson = { moduleId: module.id, title: lesson.title };
  await sync('u-demo-learner', [
    {
      ...event('u-demo-learner', 1, daysAgo(2)),
      type: 'quiz_answered',
      lessonId: lesson.id,
      cardId: quiz.id,
      answerIds: [quiz.options.find((o) => !o.correct)!.id],
    },
    ...[1, 2].map((i) => ({
      ...event('u-demo-learner', 1 + i, new Date(Date.now() - i * 60_000)),
      type: 'lesson_completed' as const,
      lessonId: lessons.at(-i)!,
      durationMs: 300_000,
    })),
  ]);
  // Leo is in the pilot cohort; Ada, the admin, is the comparison group: both charts have bars.
  for (const userId of ['u-demo-learner2', 'u-demo-admin'])
    await sync(userId, [
      {
        ...event(userId, 1, new Date(Date.now() - 3_600_000)),
        type: 'lesson_completed',
        lessonId: lessons.at(-3)!,
        durationMs: 300_000,
      },
    ]);
  await as('u-demo-learner2', 'POST', '/kudos', {
    toUserId: 'u-demo-learner',
    reason: 'streak',
    message: 'Two lessons before lunch!',
  });
  await as('u-demo-manager', 'PUT', '/cohorts/demo-co-pilot/challenge', { goal: 20 });
  await as('u-demo-manager', 'POST', '/team/u-demo-learner/assignments', {
    pathwayId: catalog.pathways[0]!.id,
    dueDate: daysAgo(-30).toISOString().slice(0, 10),
  });
  const admin = (method: string, path: string, body: unknown) =>
    as('u-demo-admin', method, path, body);
  await admin('POST', '/admin/goal', { label: 'People who learn weekly', targetPercent: 80 });
  await admin('POST', '/admin/sponsor', {
    name: 'Sam Sponsor',
    title: 'Chief Executive',
    text: 'Ten minutes a week makes all of us better.',
    startsOn: '2000-01-01',
    endsOn: '2099-12-31',
    sponsorUserId: 'u-demo-manager',
  });
  await admin('POST', '/pilot/pilots', {
    name: 'Autumn pilot',
    startDate: daysAgo(14).toISOString().slice(0, 10),
    weeks: 12,
    cohortIds: ['demo-co-pilot'],
    goals: [
      { metric: 'weeklyActivePct', op: '>=', target: 70 },
      { metric: 'lessonsPerActive', op: '>=', target: 2 },
    ],
  });
  await admin(
    'POST',
    '/pilot/hr',
    'email,hire_date,exit_date,internal_moves\n' +
      'learner@demo.test,2022-03-01,,\nlearner2@demo.test,2021-01-01,,\n' +
      'manager@demo.test,2019-01-01,,\nadmin@demo.test,2018-01-01,,\n',
  );
  const invite = await admin('POST', '/admin/invites', {
    cohortId: 'demo-co-pilot',
    email: 'nina@demo.test',
  });
  const reset = await admin('POST', '/admin/people/u-demo-learner2/reset-link', {});
  doors = { join: String(invite.url), reset: String(reset.url) };
}

export interface Finding {
  screen: string;
  scheme: string;
  problems: unknown[];
}

/** Every finding on its own line, so a failure names each problem in full. */
export const report = (findings: Finding[]) =>
  findings
    .map(
      (f) =>
        `${f.screen}, ${f.scheme}:\n  ${f.problems.map((p) => JSON.stringify(p)).join('\n  ')}`,
    )
    .join('\n');

/**
 * Runs every probe on the current screen and collects what fails: focus never hidden and no
 * motion when reduced motion is asked for (once; colours do not change them), then axe, target
 * sizes and 200% text in light and dark mode.
 */
export async function audit(page: Page, screen: string, findings: Finding[]) {
  // Measure what the screen settles into: a sheet sliding up is smaller than it will be.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity,
      ),
  );
  for (const [kind, problems] of [
    ['focus hidden', await hiddenWhenFocused(page)],
    ['moves with reduced motion', await motionWhenReduced(page)],
  ] as const)
    if (problems.length) findings.push({ screen: `${screen} (${kind})`, scheme: 'any', problems });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const axe = await axeViolations(page);
    const targets = await smallTargets(page);
    const overflow = await overflowAt200(page);
    for (const [kind, problems] of [
      ['axe', axe],
      ['targets', targets],
      ['200%', overflow],
    ] as const)
      if (problems.length)
        findings.push({ screen: `${screen} (${kind})`, scheme: colorScheme, problems });
  }
}

export const widths = [
  { width: 390, height: 844, mobile: true },
  { width: 1280, height: 800, mobile: false },
];

/** A context for one width; page.route must see the app's own requests, not the worker's. */
const openContext = ({ width, height, mobile }: (typeof widths)[number]) =>
  run.browser.newContext({
    viewport: { width, height },
    isMobile: mobile,
    hasTouch: mobile,
    bypassCSP: true,
    serviceWorkers: 'block',
  });

/**
 * Opens a page in a context of one width, lets `walk` audit its screens, then expects no finding
 * (each one named in full) and closes the context.
 */
export async function auditWalk(
  size: (typeof widths)[number],
  walk: (page: Page, findings: Finding[]) => Promise<void>,
) {
  const context = await openContext(size);
  const page = await context.newPage();
  const findings: Finding[] = [];
  try {
    await walk(page, findings);
    expect(findings, report(findings)).toEqual([]);
  } finally {
    await context.close();
  }
}

/** Rejects every event of the next sync the way the server does, so the list appears. */
export async function rejectNextSync(page: Page) {
  await page.route('**/api/v1/sync', async (route) => {
    const body = route.request().postDataJSON() as { events: Array<{ id: string }> };
    await route.fulfill({
      json: {
        results: body.events.map((e) =>
          rejection(e.id, 'too_old', errorPhrase('error.event.tooOld', { count: 30 })),
        ),
        serverTime: new Date().toISOString(),
        state: { ...emptyState, mastery: emptyMastery },
      } satisfies SyncReply,
    });
  });
}
