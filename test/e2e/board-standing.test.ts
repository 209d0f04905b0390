/**
 * The board on a 390×844 phone when the learner is not near the top (issue 18): the top three
 * set apart, the rows between the top and the learner folded into a gap marker that says how
 * many it hides, the learner's own row always in view (sticky above the tab bar) with the XP
 * that passes the person just ahead, and when the weekly board starts over — in English and German.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src/core/events';
import { uuidv7 } from '../../src/core/uuidv7';
import { axeViolations } from '../support/a11y';
import { signedInPhone } from '../support/phone-run';
import type { RunningServer } from '../support/server';
import { sessionCookie } from '../support/sessions';
import { withStarts } from '../support/starts';

const OTHERS = 23;
const name = (i: number) => `Person ${String(i).padStart(2, '0')}`;

const run = signedInPhone({}, { prepare: seedOthers });

/** OTHERS people in the learner's cohort, one lesson each, so the learner is not near the top. */
async function seedOthers(server: RunningServer) {
  const { store } = server;
  const { passwordHash } = (await store.findLogin('learner@demo.test'))!;
  const catalog = await store.getCatalog();
  const lessonId = catalog.modules[0]!.lessons[0]!.id;
  for (let i = 1; i <= OTHERS; i++) {
    const id = `p${i}`;
    await store.createUser({
      id,
      orgId: 'demo-co',
      email: `${id}@demo.test`,
      name: name(i),
      role: 'learner',
      managerId: null,
      tz: 'Europe/Berlin',
      passwordHash,
      cohortIds: ['demo-co-pilot'],
    });
    // One lesson each (10 XP), Person 01 first: equal XP ranks whoever reached it first.
    const event: ProgressEvent = {
      id: uuidv7(),
      type: 'lesson_completed',
      lessonId,
      durationMs: 300_000,
      occurredAt: new Date(Date.now() - (OTHERS + 1 - i) * 1000).toISOString(),
      tz: 'Europe/Berlin',
      deviceId: `device-${id}`,
      seq: 2,
    };
    const res = await fetch(`${server.url}/api/v1/sync`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: await sessionCookie(store, id),
        origin: server.url,
      },
      body: JSON.stringify({
        deviceId: event.deviceId,
        sentAt: event.occurredAt,
        events: withStarts([event]), // a completion counts after its start (plausibility.ts)
      }),
    });
    expect(res.status).toBe(200);
  }
}

/** With KINDLING_SHOTS=<dir>, saves a screenshot of the phone screen there to look at. */
async function shot(page: Page, name: string) {
  const dir = process.env.KINDLING_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

const ranks = (page: Page) => page.locator('.board-row .board-rank').allTextContents();

/** The element's box lies wholly on screen and clear of the tab bar, drawn on top. */
async function inView(page: Page, selector: string) {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const bar = document.querySelector('.tabbar')!.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.top >= 0 && r.bottom <= bar.top && !!top && el.contains(top);
  });
}

/**
 * The next Monday 00:00 in the cohort's zone (Berlin), found hour by hour, worded as the page
 * words an instant in the reader's own zone.
 */
async function resetAsShown(page: Page, locale: string): Promise<string> {
  const berlin = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  let at = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  while (berlin.format(at) !== 'Mon 00:00') at += 3_600_000;
  return page.evaluate(
    ([instant, lang]) =>
      new Intl.DateTimeFormat(lang, { weekday: 'long', hour: 'numeric', minute: '2-digit' }).format(
        instant,
      ),
    [at, locale] as const,
  );
}

describe('the board below the top', () => {
  it('folds the rows between the top and me into a gap, and says what passes the next person', async () => {
    const { page } = run.phone;
    await page.getByRole('link', { name: 'Board', exact: true }).click();
    await page.getByRole('heading', { name: 'Pilot cohort' }).waitFor();
    // The top 20, then me ± 2: rank 21 is folded away.
    const expected = [...Array.from({ length: 20 }, (_, i) => `${i + 1}`), '22', '23', '24'];
    await expect.poll(() => ranks(page)).toEqual(expected);
    const list = page.getByRole('list', { name: 'This week' });
    const items = await list.getByRole('listitem').allTextContents();
    expect(items[20]).toContain('1 more person');
    expect(items[21]).toContain(name(22));

    const me = page.locator('.board-row.me');
    expect(await me.textContent()).toContain(`Lena Learner (you)0 XP11 XP to pass ${name(23)}`);
    expect(await page.locator('.podium').allTextContents()).toEqual([
      `1${name(1)}10 XP`,
      `2${name(2)}10 XP`,
      `3${name(3)}10 XP`,
    ]);
    expect(await page.locator('.board-resets').textContent()).toBe(
      `The weekly board starts over ${await resetAsShown(page, 'en')}.`,
    );
    await shot(page, 'board-en');
    // axe goes in through the DevTools protocol: the app's CSP (rightly) refuses script tags.
    await page.evaluate(
      readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'),
    );
    expect(await axeViolations(page)).toEqual([]);
  });

  it('keeps my own row in view above the tab bar wherever the board is scrolled', async () => {
    const { page } = run.phone;
    expect(await page.evaluate(() => scrollY)).toBe(0);
    expect(await inView(page, '.board-row.me')).toBe(true);
    for (const y of [400, 900, 100_000]) {
      await page.evaluate((to) => scrollTo(0, to), y);
      expect(await inView(page, '.board-row.me'), `scrolled to ${y}`).toBe(true);
    }
    await page.evaluate(() => scrollTo(0, 0));
  });

  it('says the same in German', async () => {
    const { page } = run.phone;
    await page.getByRole('link', { name: 'Me', exact: true }).click();
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('link', { name: 'Rangliste', exact: true }).click();
    await page.getByRole('heading', { name: 'Pilot cohort' }).waitFor();
    await expect
      .poll(() => page.locator('.board-row.me').textContent())
      .toContain(`Noch 11 XP, um ${name(23)} zu überholen`);
    expect(await page.getByRole('list', { name: 'Diese Woche' }).textContent()).toContain(
      '1 weitere Person',
    );
    expect(await page.locator('.board-resets').textContent()).toBe(
      `Die Wochenwertung beginnt neu: ${await resetAsShown(page, 'de')}.`,
    );
    await shot(page, 'board-de');
  });
});
