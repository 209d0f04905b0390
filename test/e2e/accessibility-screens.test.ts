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
import { describe, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  doors,
  reviewLesson,
  run,
  audit,
  widths,
  auditWalk,
  useEveryScreen,
} from '../support/accessibility-run';

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

useEveryScreen();

describe.each(widths)('every screen of every role at $width px', (size) => {
  it.each(everyone.map((who) => ({ who })))(
    '$who: every probe passes on every screen, light and dark',
    ({ who }) =>
      auditWalk(size, async (page, findings) => {
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
      }),
  );
});
