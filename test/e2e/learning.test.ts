/**
 * Taking lessons as a learner would: with the keyboard alone, resuming mid-lesson after a reload,
 * and taking a module's assessment, which the server grades (online at once, offline once back
 * online) before the roadmap shows its competency reached.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { LearningModule } from '../../src/core/content';
import { signOut, syncNow } from '../support/browser';
import { signedInPhone, typeSignIn } from '../support/phone-run';

const run = signedInPhone();

const cardPosition = (page: Page) =>
  page.getByRole('progressbar', { name: 'Lesson progress' }).getAttribute('aria-valuenow');

/** The card index the device has stored as this lesson's resume point, if any. */
const savedCardIndex = (page: Page, lessonId: string) =>
  page.evaluate(
    (lesson) =>
      new Promise<number | undefined>((resolve, reject) => {
        const open = indexedDB.open('kindling');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('resume').objectStore('resume').getAll();
          all.onsuccess = () => {
            open.result.close();
            const rows = all.result as { key: string; cardIndex: number }[];
            resolve(rows.find((row) => row.key.endsWith(`:${lesson}`))?.cardIndex);
          };
        };
      }),
    lessonId,
  );

describe('the lesson player', () => {
  it('can be used with the keyboard alone, from sign-in to completion', async () => {
    const { page } = run.phone;
    // Start over signed out, and use only the keyboard.
    await signOut(page);
    await page.getByLabel('Email').waitFor();
    await page.keyboard.press('Tab'); // skip link
    await page.getByLabel('Email').focus();
    // The last email is filled in for convenience; replace it as a person would.
    await page.keyboard.press('ControlOrMeta+A');
    await typeSignIn(page);
    const cont = page.getByRole('link', { name: /^Continue:/ });
    await cont.waitFor();
    await cont.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
    // The card heading takes focus, so arrow keys work at once.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('lesson-heading')))
      .toBe(true);
    for (let step = 0; step < 40; step++) {
      const finish = page.getByRole('button', { name: 'Finish lesson' });
      if ((await finish.count()) === 1 && (await finish.isEnabled())) {
        await finish.focus();
        await page.keyboard.press('Enter');
        break;
      }
      if (await page.getByRole('button', { name: 'Check answer' }).isVisible()) {
        await page.locator('.option input').first().focus();
        await page.keyboard.press('Space');
        await page.getByRole('button', { name: 'Check answer' }).focus();
        await page.keyboard.press('Enter');
        await page.locator('.quiz-result .result').waitFor();
        await page.locator('.lesson-heading').focus();
      }
      const before = await cardPosition(page);
      await page.keyboard.press('ArrowRight');
      // The next card, with its heading focused (after paint), before the next key press.
      if ((await finish.count()) === 0)
        await page.waitForFunction(
          (prev) =>
            document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') !== prev &&
            document.activeElement?.classList.contains('lesson-heading'),
          before,
        );
    }
    await page.getByRole('heading', { name: 'Lesson complete' }).waitFor();
  });

  it('resumes at the exact card after a reload', async () => {
    const { page } = run.phone;
    await page.goto(
      `${run.server.url}/modules/planning-learning-time/lessons/planning-learning-time.assessment`,
    );
    await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => cardPosition(page)).toBe('2');
    // The card shows at once; its resume point commits to IndexedDB a moment later. Reload once
    // it is on the device, as a learner's next visit would.
    await expect.poll(() => savedCardIndex(page, 'planning-learning-time.assessment')).toBe(1);
    await page.reload();
    await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
    await expect.poll(() => cardPosition(page)).toBe('2');
    await expect.poll(() => page.locator('p.muted').first().textContent()).toContain('Card 2 of');
  });
});

describe('the roadmap', () => {
  it('shows a competency reached once its assessment is graded as passed on the server', async () => {
    const { page, context } = run.phone;
    await page.goto(`${run.server.url}/roadmap`);
    const delegation = page.locator('.competency', { hasText: 'Delegat' }).first();
    await expect.poll(() => delegation.textContent()).toContain('not yet reached');

    // The device is served the assessment without its key: nothing to copy answers from.
    const served = (await page.evaluate(async () =>
      (await fetch('/api/v1/modules/delegating-with-clarity')).json(),
    )) as LearningModule;
    const id = 'delegating-with-clarity.assessment';
    expect(JSON.stringify(served.lessons.find((l) => l.id === id))).not.toContain('correct');
    // The learner knows the answers (here: read from the server's own copy).
    const assessment = (await run.server.store.getModule('delegating-with-clarity'))!.lessons.find(
      (l) => l.id === id,
    )!;
    const quizzes = assessment.cards.flatMap((c) => (c.kind === 'quiz' ? [c] : []));

    /** Takes the assessment (the first question wrong when `slip`), offline once it is open. */
    async function take(slip: boolean, offline = false) {
      await page.goto(`${run.server.url}/modules/delegating-with-clarity/lessons/${id}`);
      await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
      if (offline) await context.setOffline(true);
      for (const card of assessment.cards) {
        if (card.kind === 'quiz') {
          const options =
            slip && card === quizzes[0]
              ? [card.options.find((o) => !o.correct)!]
              : card.options.filter((o) => o.correct);
          for (const option of options)
            await page.locator(`.option input[value="${option.id}"]`).check();
          await page.getByRole('button', { name: 'Check answer' }).click();
          // No right or wrong on the device: the answer is only kept.
          await page.getByText('Answer saved.').waitFor();
          expect(await page.locator('.option.right, .option.wrong').count()).toBe(0);
        }
        if (card === assessment.cards.at(-1))
          await page.getByRole('button', { name: 'Finish lesson' }).click();
        else await page.getByRole('button', { name: 'Next' }).click();
      }
      await page.getByRole('heading', { name: 'Lesson complete' }).waitFor();
    }

    // Online, with one slip: the server's grade and what went wrong, explained.
    await take(true);
    const result = page.locator('.assessment');
    const percent = `${Math.round(((quizzes.length - 1) / quizzes.length) * 100)}%`;
    await expect.poll(() => result.textContent()).toContain(percent);
    await expect.poll(() => result.textContent()).toContain('not passed yet');
    const first = page.locator('.assessment-feedback li').first();
    await expect.poll(() => first.textContent()).toContain('✗ Not quite');
    expect(await page.locator('.assessment-feedback li').count()).toBe(quizzes.length);

    // Offline, all right: the completion screen says it will be graded once back online.
    await take(false, true);
    await expect.poll(() => result.textContent()).toContain('graded when you’re back online');
    await context.setOffline(false);
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toContain('100%');
    await expect.poll(() => result.textContent()).toContain('passed');
    await expect.poll(() => page.locator('.assessment-feedback li.wrong').count()).toBe(0);

    await page.getByRole('link', { name: 'Learn', exact: true }).click();
    await expect.poll(() => delegation.textContent()).toContain('(reached)');
    await syncNow(page);
    await expect
      .poll(
        async () =>
          (await page.evaluate(async () => (await fetch('/api/v1/me/state')).json())).mastery
            .competencies,
      )
      .toContain('delegation');
  });
});
