/** Driving lessons and reading the device's outbox in the real browser. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

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

/** Walks the lesson on screen to "Lesson complete", answering quizzes with their first option. */
export async function finishOpenLesson(page: Page): Promise<void> {
  await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
  for (let step = 0; step < 60; step++) {
    const finish = page.getByRole('button', { name: 'Finish lesson' });
    const check = page.getByRole('button', { name: 'Check answer' });
    if (await check.isVisible()) {
      await page.locator('.option input').first().check();
      await check.click();
      await expect.poll(() => page.locator('.quiz-result .result').count()).toBe(1);
    }
    if (await finish.isVisible()) {
      await finish.click();
      break;
    }
    await page.getByRole('button', { name: 'Next' }).click();
  }
  await page.getByRole('heading', { name: 'Lesson complete' }).waitFor();
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
