/**
 * Issue 18's reward and install moments on a 390×844 phone in Chromium: the completion screen
 * lists what a lesson read at reading pace earned (lesson XP, the quiz bonus its first answers
 * earned, the streak day) in English and German, a rushed lesson says kindly why it did not
 * count; Me offers "Install Kindling" once the browser offers installation (and on iOS Safari,
 * the Add to Home Screen steps instead).
 */
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, executablePath, signIn } from '../support/browser';
import { GERMAN, READ_MS, walkOpenLesson as walkLesson } from '../support/lessons';
import { signedInPhone } from '../support/phone-run';
import { sessionCookie } from '../support/sessions';
import { PLAUSIBLE_FRACTION } from '../../src/core/plausibility';

/** With KINDLING_SHOTS=<dir>, saves a screenshot of the phone screen there to look at. */
async function shot(page: Page, name: string) {
  const dir = process.env.KINDLING_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

const run = signedInPhone(
  {},
  {
    // The page's clock starts behind by the reading it will do, so no event is dated ahead.
    beforeSignIn: (phone) => phone.context.clock.install({ time: Date.now() - 2 * READ_MS }),
  },
);

const earnedChips = (page: Page, label: string) =>
  page.getByRole('list', { name: label }).getByRole('listitem').allTextContents();

describe('the completion screen', () => {
  it('lists what a lesson read at reading pace earned: XP, the quiz bonus and the streak day', async () => {
    const { page } = run.phone;
    const href = await page.getByRole('link', { name: /^Continue:/ }).getAttribute('href');
    const lessonId = href!.split('/').at(-1)!;
    const estimate = (await run.server.store.getCatalog()).modules
      .flatMap((m) => m.lessons)
      .find((l) => l.id === lessonId)!.estimateMinutes;
    await page.getByRole('link', { name: /^Continue:/ }).click();
    await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
    // Read for real: the server measures a lesson's time between its start and its end on the
    // device's clock corrected by each sync's skew, so a clock moved forward would not count.
    await page.waitForTimeout(estimate * 60_000 * PLAUSIBLE_FRACTION + 5_000);
    const { quizzes, right } = await walkLesson(page);
    expect(quizzes).toBeGreaterThan(0);
    const bonus = Math.round((5 * right) / quizzes);

    const chips = await earnedChips(page, 'What this lesson earned');
    expect(chips).toEqual([
      '+10 XP for the lesson',
      ...(bonus > 0 ? [`+${bonus} XP quiz bonus`] : []),
      'Day 1 of your streak',
    ]);
    expect(await page.locator('.stats-line').textContent()).toContain(`${10 + bonus} XP`);
    expect(await page.getByText('too fast to count').count()).toBe(0);
    await shot(page, 'done-earned-en');
  });

  it('says in German, kindly, why a rushed lesson earned nothing, and lists no chips', async () => {
    const { page } = run.phone;
    await page.getByRole('link', { name: 'Me', exact: true }).click();
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('link', { name: 'Heute', exact: true }).click();
    await page.getByRole('link', { name: /^Weiter:/ }).click();
    await page.getByRole('progressbar').waitFor();
    await walkLesson(page, GERMAN);
    const status = page
      .getByRole('status')
      .filter({ hasText: 'Das ging zu schnell, um zu zählen' });
    await status.waitFor();
    expect(await status.textContent()).toContain('mindestens ein Viertel');
    expect(await page.getByRole('list', { name: 'Was diese Lektion gebracht hat' }).count()).toBe(
      0,
    );
  });
});

describe('installing', () => {
  it('offers "Install Kindling" under Me once Chromium offers installation, and prompts once', async () => {
    const { page } = run.phone;
    // The browser's own dialog cannot be answered headless: record the prompt and accept it.
    await page.evaluate(() => {
      const proto = (window as unknown as { BeforeInstallPromptEvent: { prototype: object } })
        .BeforeInstallPromptEvent.prototype;
      Object.defineProperty(proto, 'prompt', {
        value() {
          (window as unknown as { prompted: number }).prompted =
            ((window as unknown as { prompted?: number }).prompted ?? 0) + 1;
          return Promise.resolve();
        },
      });
      Object.defineProperty(proto, 'userChoice', {
        get: () => Promise.resolve({ outcome: 'accepted', platform: 'web' }),
      });
    });
    await page.getByRole('link', { name: 'Ich', exact: true }).click();
    await page.getByLabel('Sprache').selectOption('en');
    const settings = page.getByRole('region', { name: 'Settings' });
    const install = settings.getByRole('button', { name: 'Install Kindling' });
    await install.waitFor();
    const box = (await install.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(await settings.getByText('Add to Home Screen').count()).toBe(0);

    await install.click();
    expect(await page.evaluate(() => (window as unknown as { prompted?: number }).prompted)).toBe(
      1,
    );
    // A prompt can be shown once: the entry goes until the browser offers it again.
    await expect.poll(() => install.count()).toBe(0);
  });

  it('shows the Add to Home Screen steps under Me on iPhone Safari, where no prompt exists', async () => {
    const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        userAgent:
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      });
      const page = await context.newPage();
      await signIn(page, run.server.url);
      await page.getByRole('link', { name: /^Continue:/ }).waitFor();
      await page.getByRole('link', { name: 'Me', exact: true }).click();
      const settings = page.getByRole('region', { name: 'Settings' });
      await settings.getByText('Choose “Add to Home Screen”.').waitFor();
      expect(await settings.getByRole('listitem').allTextContents()).toEqual([
        'Tap the Share button in Safari’s toolbar.',
        'Choose “Add to Home Screen”.',
        'Tap “Add”: Kindling opens from your home screen, even offline.',
      ]);
      expect(await settings.getByRole('button', { name: 'Install Kindling' }).count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});

describe('the badge gallery under Me', () => {
  it('shows the badges earned and, for each one not yet earned, what earns it and how far along', async () => {
    const { page } = run.phone;
    // The manager sends the learner's first kudos: that badge is earned; the rest wait.
    const res = await fetch(`${run.server.url}/api/v1/kudos`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: await sessionCookie(run.server.store, 'u-demo-manager'),
        origin: run.server.url,
      },
      body: JSON.stringify({ toUserId: 'u-demo-learner', reason: 'streak' }),
    });
    expect(res.status).toBe(201);
    await page.goto(`${run.server.url}/`);
    await page.getByRole('link', { name: 'Me', exact: true }).click();
    const gallery = page.locator('.badge-gallery');
    await gallery.getByText('First kudos').waitFor();
    const tiles = await gallery.getByRole('listitem').allTextContents();
    expect(tiles[0]).toBe('First kudosEarned');
    expect(tiles).toContain('7-day streakNot earned yet: Learn 7 days in a row · 1 of 7 so far');
    expect(tiles).toContain(
      '10 kudosNot earned yet: Receive 10 kudos from colleagues · 1 of 10 so far',
    );
    expect(tiles).toContainEqual(
      expect.stringMatching(
        /^Giving and receiving feedbackNot earned yet: Finish .+ with 80% of your first answers right$/,
      ),
    );
    expect(await page.getByText(`1 of ${tiles.length} earned`).count()).toBe(1);
    await shot(page, 'me-badges-en');

    await page.getByLabel('Language').selectOption('de');
    await expect
      .poll(() => gallery.getByRole('listitem').first().textContent())
      .toBe('Erste KudosVerdient');
    expect(await gallery.getByRole('listitem').allTextContents()).toContain(
      '7-Tage-SerieNoch nicht verdient: Lerne 7 Tage in Folge · bisher 1 von 7',
    );
    await shot(page, 'me-badges-de');
    await page.getByLabel('Sprache').selectOption('en');
  });
});
