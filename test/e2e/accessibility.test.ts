/**
 * Accessibility of every screen of every role, in the real Chromium, at phone (390 px) and laptop
 * (1280 px) widths, each in light and dark mode: zero axe-core violations, every control at least
 * 44 × 44 px, text at 200% without sideways scrolling or clipping, keyboard focus never hidden
 * under the header or the sync bar (WCAG 2.4.11), and nothing moving when reduced motion is asked
 * for (the probes live in test/support/a11y.ts and are tested at the end of this file).
 *
 * - The learner's walk: sign-in, home, the roadmap with its pathway downloads, a module, a lesson card, a quiz with its feedback, the
 *   completion screen and the "Couldn't sync" list.
 * - Every other screen, table-driven (`screens` below): the learner's roadmap, review, leaderboard,
 *   profile, account and "not found"; the manager's home, team, 1:1 script (after assigning a
 *   pathway), cohort challenge and account with the goal; the admin's programme screen (goal,
 *   sponsor message, people with a reset link, cohorts, an invite, an upload with its problems),
 *   team, pilot dashboard (a seeded pilot, so charts and tables render, with HR rows to fix) and
 *   checklist; the set-up form of an org without a pilot; the join and reset-password doors.
 * - States after interaction, not only first paint: a pressed time pill with its picks, home
 *   offline, a refused sign-in, an expanded person row, quiz feedback, the "Couldn't sync" list.
 *
 * One server and one browser; one context per width and role, switching light and dark with
 * `emulateMedia({ colorScheme })` on each screen. A last test walks sign-in → lesson → quiz →
 * completion with the keyboard only.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
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
} from '../support/a11y';
import { serverAndBrowser, typeSignIn } from '../support/phone-run';
import { sessionCookie } from '../support/sessions';

/** Links the seed makes for the public doors. */
let doors: { join: string; reset: string };
/** A lesson holding the quiz the learner got wrong two days ago (so it is due for review). */
let reviewLesson: { moduleId: string; title: string };

const run = serverAndBrowser({}, seedEveryScreen);

/** Calls the API as a demo person, failing loudly when the seed is refused. */
async function as(userId: string, method: string, path: string, body: unknown) {
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

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/**
 * Gives every screen something to show: progress on the board, a quiz due for review, kudos, a
 * challenge, an assignment, a sponsor message and goal, a pilot two weeks in with HR outcomes,
 * and an invite and reset link. Lessons come from the end of the catalog, so the learner's walk
 * still starts at the first lesson.
 */
async function seedEveryScreen() {
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

interface Finding {
  screen: string;
  scheme: string;
  problems: unknown[];
}

/** Every finding on its own line, so a failure names each problem in full. */
const report = (findings: Finding[]) =>
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
async function audit(page: Page, screen: string, findings: Finding[]) {
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

const widths = [
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

/** Rejects every event of the next sync the way the server does, so the list appears. */
async function rejectNextSync(page: Page) {
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

describe.each(widths)("the learner's walk at $width px", (size) => {
  it('every probe passes on every screen, light and dark', async () => {
    const context = await openContext(size);
    const page = await context.newPage();
    const findings: Finding[] = [];
    try {
      await page.goto(run.server.url);
      await page.getByLabel('Email').waitFor();
      await audit(page, 'sign-in', findings);

      await page.getByLabel('Email').fill('learner@demo.test');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Password').fill('learn-daily');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const continueCard = page.getByRole('link', { name: /^Continue:/ });
      await continueCard.waitFor();
      await audit(page, 'home', findings);

      await page.getByRole('link', { name: 'Learn', exact: true }).click();
      await page.getByRole('heading', { name: 'Take a pathway with you' }).waitFor();
      await audit(page, 'roadmap', findings);
      await page.getByRole('link', { name: 'Back to home' }).click();
      await continueCard.waitFor();

      await page.locator('.module-card').first().click();
      await page.locator('.lesson-row').first().waitFor();
      await audit(page, 'module', findings);

      await page.locator('.lesson-row').first().click();
      await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
      await audit(page, 'lesson card', findings);

      let sawQuiz = false;
      for (let step = 0; step < 40; step++) {
        const check = page.getByRole('button', { name: 'Check answer' });
        if (await check.isVisible()) {
          if (!sawQuiz) await audit(page, 'quiz', findings);
          await page.locator('.option label').first().click();
          await check.click();
          await page.locator('.quiz-result .result').waitFor();
          if (!sawQuiz) await audit(page, 'quiz feedback', findings);
          sawQuiz = true;
        }
        const finish = page.getByRole('button', { name: 'Finish lesson' });
        if (await finish.isVisible()) {
          await finish.click();
          break;
        }
        await page.getByRole('button', { name: 'Next' }).click();
      }
      expect(sawQuiz).toBe(true);
      await page.getByRole('heading', { name: 'Lesson complete' }).waitFor();
      await audit(page, 'completion', findings);

      // A new event (opening another lesson) that the server refuses shows in the list.
      await rejectNextSync(page);
      await page.getByRole('link', { name: 'Back to the module' }).click();
      await page.locator('.lesson-row').nth(1).click();
      await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
      // The player is a focused screen: close it to reach the header's sync indicator.
      await page.getByRole('link', { name: 'Close lesson' }).click();
      await page.locator('.sync-indicator').click();
      await page.getByRole('button', { name: 'Sync now' }).click();
      await page.getByText(/Couldn't sync/).click();
      await page.getByRole('button', { name: 'Dismiss' }).first().waitFor();
      await audit(page, 'couldn’t sync list', findings);
      expect(findings, report(findings)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

type Who = 'learner' | 'manager' | 'admin' | 'admin of an org without a pilot' | 'visitor';

const accounts: Record<Exclude<Who, 'visitor'>, string> = {
  learner: 'learner@demo.test',
  manager: 'manager@demo.test',
  admin: 'admin@demo.test',
  'admin of an org without a pilot': 'admin@globex.test',
};

interface Screen {
  who: Who;
  name: string;
  path: () => string;
  /** What shows once the screen has loaded its data. */
  ready: (page: Page) => Locator;
  /** Brings the screen into the state worth auditing (a notice, a list of problems). */
  act?: (page: Page) => Promise<void>;
}

const heading = (name: string | RegExp) => (page: Page) => page.getByRole('heading', { name });

const screens: Screen[] = [
  {
    who: 'learner',
    name: 'roadmap',
    path: () => '/roadmap',
    ready: (p) => p.locator('.level').first(),
  },
  {
    who: 'learner',
    name: 'review',
    // The review shows questions of the modules stored on this device: opening one of its
    // lessons stores the module.
    path: () => `/modules/${reviewLesson.moduleId}`,
    ready: (p) => p.locator('.lesson-row').first(),
    act: async (page) => {
      await page.locator('.lesson-row').filter({ hasText: reviewLesson.title }).click();
      await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
      await page.goto(`${run.server.url}/review`);
      await page.getByRole('button', { name: 'Check answer' }).waitFor();
    },
  },
  {
    who: 'learner',
    name: 'leaderboard',
    path: () => '/leaderboard',
    ready: (p) => p.locator('.board-row.me'),
  },
  {
    who: 'learner',
    name: 'profile',
    path: () => '/profile',
    ready: (p) => p.locator('.kudos-list li'),
  },
  {
    who: 'learner',
    name: 'account',
    path: () => '/account',
    ready: (p) => p.getByRole('button', { name: 'Sign out this device' }),
  },
  {
    who: 'learner',
    name: 'home with a time pill pressed',
    path: () => '/',
    ready: (p) => p.getByRole('button', { name: 'I have 15 min' }),
    act: async (page) => {
      await page.getByRole('button', { name: 'I have 15 min' }).click();
      await page.locator('.quick-pick .lesson-row').first().waitFor();
    },
  },
  {
    who: 'visitor',
    name: 'sign-in refused (error)',
    path: () => '/',
    ready: (p) => p.getByLabel('Email'),
    act: async (page) => {
      await page.getByLabel('Email').fill('learner2@demo.test');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
    },
  },
  {
    who: 'learner',
    name: 'not found',
    path: () => '/nowhere/at/all',
    ready: heading(/not found/i),
  },
  {
    who: 'learner',
    // Last of the learner's screens: the page stays offline.
    name: 'home offline',
    path: () => '/',
    ready: (p) => p.getByRole('link', { name: /^Continue:/ }),
    act: async (page) => {
      await page.context().setOffline(true);
      await page.locator('.sync-indicator.offline').waitFor();
    },
  },
  { who: 'manager', name: 'home', path: () => '/', ready: (p) => p.locator('.sponsor') },
  {
    who: 'manager',
    name: 'team',
    path: () => '/team',
    ready: (p) => p.locator('.team-row').first(),
  },
  {
    who: 'manager',
    name: '1:1 script after assigning',
    path: () => '/team/u-demo-learner',
    ready: heading('1:1 with Lena Learner'),
    act: async (page) => {
      await page.getByRole('button', { name: 'Assign pathway' }).click();
      await page.getByRole('status').filter({ hasText: 'Assigned' }).waitFor();
    },
  },
  {
    who: 'manager',
    name: 'leaderboard with the challenge form',
    path: () => '/leaderboard',
    ready: heading('This week’s cohort challenge'),
  },
  {
    who: 'manager',
    name: 'account with the goal',
    path: () => '/account',
    ready: (p) => p.getByLabel('Learning goal progress'),
  },
  {
    who: 'admin',
    name: 'admin: people, cohorts, invite, reset link, upload problems, SCIM token',
    path: () => '/admin',
    ready: (p) => p.getByRole('table', { name: 'People' }),
    act: async (page) => {
      // A row's settings open in the table (an expanded state), then the reset link shows.
      await page.getByRole('button', { name: 'Edit Lena Learner' }).click();
      await page.getByRole('button', { name: 'Reset link for Lena Learner' }).click();
      await page.getByText(/One-time reset link for Lena Learner/).waitFor();
      await page.getByRole('button', { name: 'Create invite' }).click();
      await page.getByText(/single use, expires/).waitFor();
      await page
        .getByLabel('Or paste it')
        .fill('---\nid: Bad Id\ntitle: Listening\n---\n\nNo lessons.\n');
      await page.getByRole('button', { name: 'Validate' }).click();
      await page.locator('.problems li').first().waitFor();
      await page.getByLabel('Token name (e.g. the directory)').fill('Okta');
      await page.getByRole('button', { name: 'Create token' }).click();
      await page.getByTestId('scim-token').waitFor();
    },
  },
  {
    who: 'admin',
    name: 'team (nobody reports)',
    path: () => '/team',
    ready: (p) => p.getByText(/Nobody reports to you yet/),
  },
  {
    who: 'admin',
    name: 'pilot dashboard with HR rows to fix',
    path: () => '/pilot',
    ready: (p) => p.getByRole('table', { name: 'Weekly active learners by week' }),
    act: async (page) => {
      await page.getByLabel(/Import an HR file/).setInputFiles({
        name: 'hr.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          'email,hire_date,exit_date,internal_moves\nstranger@else.test,2022-01-01,,\n',
        ),
      });
      await page.getByRole('list', { name: 'Rows to fix' }).waitFor();
    },
  },
  {
    who: 'admin',
    name: 'pilot checklist',
    path: () => '/pilot/checklist',
    ready: (p) => p.getByText(/of 6 steps done/),
  },
  {
    who: 'admin of an org without a pilot',
    name: 'pilot set-up',
    path: () => '/pilot',
    ready: heading('Set up a pilot'),
  },
  {
    who: 'visitor',
    name: 'join by invite',
    path: () => new URL(doors.join).pathname,
    ready: (p) => p.getByLabel('Your name'),
  },
  {
    who: 'visitor',
    name: 'join with an unknown code',
    path: () => '/join/AAAAA-AAAAA',
    ready: (p) => p.getByRole('alert'),
  },
  {
    who: 'visitor',
    name: 'reset password',
    path: () => new URL(doors.reset).pathname,
    ready: heading('Set a new password'),
  },
];

const everyone = [...new Set(screens.map((s) => s.who))];

describe.each(widths)('every screen of every role at $width px', (size) => {
  it.each(everyone.map((who) => ({ who })))(
    '$who: every probe passes on every screen, light and dark',
    async ({ who }) => {
      const context = await openContext(size);
      const page = await context.newPage();
      const findings: Finding[] = [];
      try {
        if (who !== 'visitor') {
          await page.goto(run.server.url);
          await page.getByLabel('Email').fill(accounts[who]);
          await page.getByRole('button', { name: 'Continue' }).click();
          await page.getByLabel('Password').fill('learn-daily');
          await page.getByRole('button', { name: 'Sign in' }).click();
          await page.getByRole('navigation', { name: 'Main' }).waitFor();
        }
        for (const screen of screens.filter((s) => s.who === who)) {
          await page.goto(run.server.url + screen.path());
          await screen.ready(page).waitFor();
          await screen.act?.(page);
          await audit(page, screen.name, findings);
        }
        expect(findings, report(findings)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});

describe('the probes themselves', () => {
  it('catch a tiny unlabeled button, a low-contrast text and a page that scrolls sideways', async () => {
    const page = await run.browser.newPage({ viewport: { width: 390, height: 700 } });
    await page.setContent(`<!doctype html><html lang="en"><title>t</title><body><main>
      <h1>Probe</h1><button style="width:20px;height:20px"></button>
      <p style="color:#ccc;background:#fff">faint</p>
      <div style="width:300px;white-space:nowrap">long words that do not wrap at all here</div>
      </main></body></html>`);
    const ids = (await axeViolations(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['button-name', 'color-contrast']));
    expect(await smallTargets(page)).toHaveLength(1);
    expect((await overflowAt200(page)).length).toBeGreaterThan(0);
    await page.close();
  });

  it('catch a control that focus leaves under a fixed bar, and motion that ignores the wish for less', async () => {
    const page = await run.browser.newPage({ viewport: { width: 390, height: 700 } });
    await page.setContent(`<!doctype html><html lang="en"><title>t</title><body><main>
      <p style="height:560px">Intro</p><button>Under the bar</button>
      <p style="transition:color 0.3s">fades</p>
      </main><footer style="position:fixed;bottom:0;left:0;right:0;height:40%">bar</footer>
      </body></html>`);
    expect(await hiddenWhenFocused(page)).toEqual(
      expect.arrayContaining([expect.stringContaining('Under the bar')]),
    );
    expect(await motionWhenReduced(page)).toEqual(['p.']);
    await page.close();
  });
});

/** Presses Tab until the focused element's accessible text matches, failing after 40 presses. */
async function tabTo(page: Page, name: RegExp) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const label = el.closest('label')?.textContent ?? '';
      return `${el.getAttribute('aria-label') ?? ''} ${el.textContent ?? ''} ${label} ${(el as HTMLInputElement).labels?.[0]?.textContent ?? ''}`;
    });
    if (name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('a keyboard-only learner', () => {
  it('signs in, takes a lesson with its quizzes and reaches the completion screen', async () => {
    const context = await run.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await page.goto(run.server.url);
      await page.getByLabel('Email').waitFor();
      await tabTo(page, /Email/);
      await typeSignIn(page);
      await page.getByRole('link', { name: /^Continue:/ }).waitFor();

      await tabTo(page, /^\s*Continue:/);
      await page.keyboard.press('Enter');
      await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
      await page.waitForFunction(() =>
        document.activeElement?.classList.contains('lesson-heading'),
      );

      let quizzes = 0;
      for (let step = 0; step < 40; step++) {
        if (await page.getByRole('button', { name: 'Check answer' }).isVisible()) {
          // Space picks the first option, Enter on "Check answer" shows the feedback; any
          // answer, right or wrong, lets the learner go on.
          const first = await page.locator('.option label').first().innerText();
          await tabTo(page, new RegExp(escape(first)));
          await page.keyboard.press('Space');
          await tabTo(page, /Check answer/);
          await page.keyboard.press('Enter');
          await page.locator('.quiz-result .result').waitFor();
          quizzes++;
        }
        const last = await page.getByRole('button', { name: 'Finish lesson' }).isVisible();
        const position = await page.getByRole('progressbar').getAttribute('aria-valuenow');
        await tabTo(page, last ? /Finish lesson/ : /^\s*Next\s*$/);
        await page.keyboard.press('Enter');
        if (last) break;
        // Wait for the next card before looking at it, so no quiz card is skipped unanswered,
        // and for its heading to take focus (after paint), as a screen reader user hears it.
        await page.waitForFunction(
          (prev) =>
            document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') !== prev &&
            document.activeElement?.classList.contains('lesson-heading'),
          position,
        );
      }
      expect(quizzes).toBeGreaterThan(0);
      await page.getByRole('heading', { name: 'Lesson complete' }).waitFor();
      // Focus moved to the heading, so a screen reader announces the result.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
        'Lesson complete',
      );
    } finally {
      await context.close();
    }
  });
});

const escape = (text: string) => text.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
