/** Driving lessons and reading the device's outbox in the real browser. */
import type { Page } from 'playwright-core';
import type { Store } from '../../src/server/store/store';

/** From home at `url`: opens the module card titled `title` and waits for the module's page. */
export async function openModuleCard(page: Page, url: string, title: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('link', { name: new RegExp(`^${title}`) }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
}

/** Reading time per lesson: more than a quarter of any lesson's estimate. */
export const READ_MS = 5 * 60_000;

/**
 * From home, reads the "Continue" lesson for READ_MS and finishes it: a rushed click-through is
 * recorded as completed but earns no XP or streak day. The page's clock must have been installed
 * far enough in the past that moving it on never dates events ahead of the server.
 */
export async function readNextLesson(page: Page): Promise<void> {
  await page.getByRole('link', { name: /^Continue:/ }).click();
  await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
  await page.clock.fastForward(READ_MS);
  await finishOpenLesson(page);
}

/** From the home screen: opens "Continue: …" and walks the lesson to "Lesson complete". */
export async function finishNextLesson(page: Page): Promise<void> {
  const continueCard = page.getByRole('link', { name: /^Continue:/ });
  await continueCard.waitFor();
  await continueCard.click();
  await finishOpenLesson(page);
}

/** The lesson player's buttons as a locale words them. */
export interface PlayerWords {
  check: string;
  finish: string;
  next: string;
}
const ENGLISH: PlayerWords = { check: 'Check answer', finish: 'Finish lesson', next: 'Next' };
export const GERMAN: PlayerWords = {
  check: 'Antwort prüfen',
  finish: 'Lektion abschließen',
  next: 'Weiter',
};

/**
 * Answers the quiz on screen, if there is one, with its first option and waits for the feedback:
 * null when the card is no quiz, else whether that answer was right.
 */
export async function answerFirstOption(
  page: Page,
  words: PlayerWords = ENGLISH,
): Promise<boolean | null> {
  const check = page.getByRole('button', { name: words.check });
  if (!(await check.isVisible())) return null;
  await page.locator('.option input').first().check();
  await check.click();
  await page.locator('.quiz-result .result').waitFor();
  return (await page.locator('.quiz-result .result.right').count()) === 1;
}

/**
 * Walks the open lesson to its end answering each quiz with its first option; returns how many
 * quizzes there were and how many of those first answers were right.
 */
export async function walkOpenLesson(
  page: Page,
  words: PlayerWords = ENGLISH,
): Promise<{ quizzes: number; right: number }> {
  await page.locator('.player-nav').waitFor();
  let quizzes = 0;
  let right = 0;
  for (let step = 0; step < 60; step++) {
    const answered = await answerFirstOption(page, words);
    if (answered !== null) quizzes++;
    if (answered) right++;
    const finish = page.getByRole('button', { name: words.finish });
    if (await finish.isVisible()) {
      await finish.click();
      break;
    }
    await page.getByRole('button', { name: words.next }).click();
  }
  await page.locator('.page.done h1').waitFor();
  return { quizzes, right };
}

/** Walks the lesson on screen to "Lesson complete", answering quizzes with their first option. */
export async function finishOpenLesson(page: Page): Promise<void> {
  await walkOpenLesson(page);
  await page.getByRole('heading', { name: 'Lesson complete' }).waitFor();
}

/** The learner's lesson completions the server has stored. */
export async function serverCompletions(store: Store, userId: string) {
  return (await store.userEvents(userId)).filter((e) => e.type === 'lesson_completed');
}

export interface DeviceEvent {
  id: string;
  type: string;
  deviceId: string;
  seq: number;
}

/** The events waiting in the page's outbox, read straight from IndexedDB. */
export async function outboxEvents(page: Page): Promise<DeviceEvent[]> {
  return await page.evaluate(
    () =>
      new Promise<DeviceEvent[]>((resolve, reject) => {
        const open = indexedDB.open('kindling');
        open.onerror = () => reject(open.error as Error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('outbox').objectStore('outbox').getAll();
          read.onsuccess = () => {
            resolve((read.result as Array<{ event: DeviceEvent }>).map((e) => e.event));
            db.close();
          };
        };
      }),
  );
}
