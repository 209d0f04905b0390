/**
 * Managers in the real browser on a phone-sized screen: a manager assigns a pathway from a
 * report's 1:1 page and the learner sees it on their home with the minutes it needs; a manager
 * works through the 1:1 checklist, and the tick survives a reload. An admin makes a manager the
 * manager of a cohort, who then reads its board and sets its challenge. Learners never load the
 * manager screens' code.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPhone, signIn, waitForServiceWorker, type PhoneContext } from '../support/browser';
import { sessionCookie } from '../support/sessions';
import { serverAndPhone } from '../support/phone-run';

/** `run.phone` is the manager's; the learner has a phone of her own. */
let learner: PhoneContext;
const run = serverAndPhone({}, undefined, async () => {
  learner = await openPhone();
});
afterAll(async () => {
  await learner?.close();
});

/** An admin signed in on a phone of their own, on the admin screen once `heading` shows. */
async function onAdminScreen(heading: string, use: (page: Page) => Promise<void>) {
  const admin = await openPhone();
  try {
    const { page } = admin;
    await signIn(page, run.server.url, 'admin@demo.test');
    await page.getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { name: heading }).waitFor();
    await use(page);
  } finally {
    await admin.close();
  }
}

describe('a manager on a phone', () => {
  it('assigns a pathway and the learner sees it on their home with its minutes', async () => {
    const { page } = run.phone;
    await signIn(page, run.server.url, 'manager@demo.test');
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { name: 'Your team' }).waitFor();
    await page.getByRole('link', { name: 'Lena Learner: open 1:1' }).click();
    await page.getByRole('heading', { name: '1:1 with Lena Learner' }).waitFor();
    await page.getByLabel('Pathway', { exact: true }).selectOption('learning-culture-habits');
    await page.getByLabel('Due date', { exact: true }).fill('2099-03-31');
    await page.getByRole('button', { name: 'Assign pathway' }).click();
    await page.getByRole('status').filter({ hasText: 'Assigned' }).waitFor();

    const catalog = await run.server.store.getCatalog();
    const minutes = catalog.pathways.find(
      (p) => p.id === 'learning-culture-habits',
    )!.estimateMinutes;
    await run.server.store.setSponsorMessage({
      orgId: 'demo-co',
      sponsorUserId: null,
      name: 'Sam Sponsor',
      title: 'Chief Executive',
      text: 'Ten minutes a week makes all of us better.',
      startsOn: '2000-01-01',
      endsOn: '2099-12-31',
    });
    const loaded: string[] = [];
    learner.page.on('request', (r) => loaded.push(new URL(r.url()).pathname));
    await signIn(learner.page, run.server.url, 'learner@demo.test');
    const assigned = learner.page
      .locator('.assignment')
      .filter({ hasText: 'Learning culture habits' });
    await assigned.waitFor();
    expect(await assigned.textContent()).toContain(`${minutes} min to go`);
    expect(await assigned.textContent()).toContain('due Mar 31, 2099'); // Intl, in the reader's locale
    expect(
      await assigned.getByRole('link', { name: 'Learning culture habits' }).getAttribute('href'),
    ).toBe('/modules/planning-learning-time');
    await learner.page.getByText(/Max Manager assigned you "Learning culture habits"/).waitFor();
    await learner.page.getByText('Ten minutes a week makes all of us better.').waitFor();
    expect(await learner.page.getByRole('link', { name: 'Team' }).count()).toBe(0);
    expect(loaded.filter((p) => /TeamView|TeamMember|AdminView/.test(p))).toEqual([]);

    // On the train: the assignment is still on home after an offline reload.
    await waitForServiceWorker(learner.page);
    await learner.context.setOffline(true);
    await learner.page.reload();
    await learner.page.getByRole('heading', { name: /Hi Lena/ }).waitFor();
    await assigned.waitFor();
    await learner.context.setOffline(false);
  });

  it('opens a 1:1 script that fits the phone and ticks a checklist item that stays ticked', async () => {
    const { page } = run.phone;
    await page.goto(`${run.server.url}/team/u-demo-learner`);
    await page.getByRole('heading', { name: 'One question to ask' }).waitFor();
    await page.getByRole('heading', { name: 'Celebrate' }).waitFor();
    const fits = await page.evaluate(
      () => document.documentElement.scrollWidth <= window.innerWidth,
    );
    expect(fits).toBe(true);

    const item = page.getByRole('checkbox', { name: 'Ask the question above and listen' });
    const box = await item.locator('xpath=ancestor::label').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await item.tap();
    await expect.poll(() => item.isChecked()).toBe(true);
    await expect
      .poll(() => run.server.store.oneOnOneChecks('u-demo-manager', 'u-demo-learner'))
      .toEqual(['question']);
    await page.reload();
    await page.getByRole('heading', { name: '1:1 with Lena Learner' }).waitFor();
    await expect
      .poll(() =>
        page.getByRole('checkbox', { name: 'Ask the question above and listen' }).isChecked(),
      )
      .toBe(true);
  });
});

describe('a cohort manager', () => {
  it('is added by an admin on a phone, then opens the cohort’s board and sets its challenge', async () => {
    // Leo (Mia's report) is the only member of the Tokyo cohort; Max is not in it.
    await run.server.store.createCohort({
      id: 'demo-co-tokyo',
      orgId: 'demo-co',
      name: 'Tokyo team',
      tz: 'Asia/Tokyo',
    });
    await run.server.store.updatePerson('demo-co', 'u-demo-learner2', {
      cohortIds: ['demo-co-tokyo'],
    });
    await onAdminScreen('Managers of Tokyo team', async (page) => {
      await page.getByLabel('Add a manager to Tokyo team').selectOption({ label: 'Max Manager' });
      await page
        .getByRole('heading', { name: 'Managers of Tokyo team' })
        .locator('xpath=..')
        .getByRole('button', { name: 'Add manager' })
        .click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Max Manager now manages Tokyo team.' })
        .waitFor();
      await page
        .getByRole('button', { name: 'Remove Max Manager as a manager of Tokyo team' })
        .waitFor();
      // A person's own time zone, from the same screen: their row in the people table opens it.
      await page.getByRole('button', { name: 'Edit Leo Learner' }).click();
      const tz = page.locator('#tz-u-demo-learner2');
      await tz.fill('Asia/Tokyo');
      await tz.press('Tab');
      await expect
        .poll(async () => (await run.server.store.getPerson('demo-co', 'u-demo-learner2'))?.tz)
        .toBe('Asia/Tokyo');
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
      ).toBe(true);
    });

    const { page } = run.phone;
    await page.goto(`${run.server.url}/team`);
    await page.getByRole('heading', { name: 'Cohorts you manage' }).waitFor();
    await page.getByRole('link', { name: 'Tokyo team: leaderboard and challenge' }).click();
    await page.getByRole('heading', { name: 'Tokyo team', level: 1 }).waitFor();
    await page.getByLabel('Lessons the cohort aims for this week').fill('20');
    await page.getByRole('button', { name: 'Set challenge' }).click();
    await page.getByRole('status').filter({ hasText: 'Challenge set for this week.' }).waitFor();
    await page.getByText('Cohort challenge: 0 of 20 lessons this week').waitFor();
  });
});

describe('a person invited by an admin', () => {
  it('opens the invite link, sets a name and password, and lands on their home', async () => {
    const cookie = await sessionCookie(run.server.store, 'u-demo-admin');
    const res = await fetch(`${run.server.url}/api/v1/admin/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: run.server.url },
      body: JSON.stringify({ cohortId: 'demo-co-pilot', email: 'nina@demo.test' }),
    });
    const { url } = (await res.json()) as { url: string };
    const newcomer = await openPhone();
    try {
      const { page } = newcomer;
      await page.goto(url);
      await page.getByText('You will sign in as nina@demo.test.').waitFor();
      await page.getByLabel('Your name').fill('Nina Newcomer');
      await page.getByLabel(/^Password/).fill('a-good-password');
      await page.getByRole('button', { name: 'Join' }).click();
      await page.getByRole('heading', { name: 'Hi Nina' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      // The link was single use.
      await page.goto(url);
      await page.getByRole('alert').filter({ hasText: 'not valid any more' }).waitFor();
    } finally {
      await newcomer.close();
    }
  });
});

describe('an admin uploading a module', () => {
  it('sees each problem as file:line: message, then imports the fixed module', async () => {
    await onAdminScreen('Upload a module', async (page) => {
      // How to upload a translation is said where modules are uploaded.
      await page.getByText(/named after its module .*giving-feedback\.de\.md/).waitFor();
      const fits = await page.evaluate(
        () => document.documentElement.scrollWidth <= window.innerWidth,
      );
      expect(fits).toBe(true);
      const broken = '---\nid: Bad Id\ntitle: Listening\n---\n\nNo lessons here.\n';
      await page.getByLabel('Or paste it').fill(broken);
      await page.getByRole('button', { name: 'Import' }).click();
      const problems = page.locator('.problems li');
      await problems.first().waitFor();
      expect(await problems.first().textContent()).toMatch(/^upload\.md:\d+: /);
      expect(await run.server.store.getModule('bad-id')).toBeUndefined();

      const fixed =
        '---\nid: listening-well\ntitle: Listening well\n---\n\n## Listen first {#listen}\n\nMost people listen to reply.\n';
      await page.getByLabel('Or paste it').fill(fixed);
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByText('Imported "Listening well".').waitFor();
      expect((await run.server.store.getModule('listening-well', 'demo-co'))?.title).toBe(
        'Listening well',
      );
    });
  });
});
