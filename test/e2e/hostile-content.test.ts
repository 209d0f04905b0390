/**
 * Hostile content renders inert in the real browser: a module whose Markdown (lesson text, quiz
 * prompts, options, explanations, titles) is a list of XSS payloads, and a learner whose display
 * name is one. The page runs with its CSP bypassed, so what is tested is the rendering itself
 * (markdown-it with raw HTML off, Preact text nodes), not only the CSP that backs it up. Pass: no
 * dialog opens, `window.__pwned` is never set, and the DOM holds no script, handler attribute or
 * `javascript:` URL.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { hashPassword } from '../../src/server/auth/password';
import { loadContentDir } from '../../src/server/content/load';
import { seedDemo } from '../../src/server/seed';
import { openStore } from '../../src/server/store/store';
import { CHROMIUM_ARGS, executablePath } from '../support/browser';
import { ROOT, startServer, type RunningServer } from '../support/server';

const PAYLOADS = [
  '<script>window.__pwned = "script"</script>',
  '<img src=x onerror="window.__pwned = \'img\'">',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">raw link</a>',
  '[markdown link](javascript:window.__pwned=1)',
  '[data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![image](x" onerror="alert(1))',
  '<details open ontoggle=alert(1)>x</details>',
  '"><img src=x onerror=alert(1)>',
  '<style>@import "javascript:alert(1)"</style>',
  '`<script>alert(1)</script>`',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
];

const hostileModule = `---
id: hostile
title: "<img src=x onerror=alert('title')> Hostile"
summary: "<script>alert('summary')</script>"
competencies: [feedback]
---

## <script>alert('lesson')</script> Lesson {#hostile-lesson}

${PAYLOADS.join('\n\n')}

---

### Quiz: ${PAYLOADS[1]} Which is safe?
- [x] ${PAYLOADS[3]}
  > ${PAYLOADS[5]}
- [ ] ${PAYLOADS[8]}
  > ${PAYLOADS[0]}
`;

const HOSTILE_NAME = '<img/src=x/onerror=window.__pwned=1> Mallory';

let server: RunningServer;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kindling-hostile-'));
  const contentDir = join(dataDir, 'content');
  cpSync(join(ROOT, 'content'), contentDir, { recursive: true });
  writeFileSync(join(contentDir, 'modules', 'hostile.md'), hostileModule);
  const content = loadContentDir(contentDir);
  expect(content.errors).toEqual([]);
  const store = await openStore({ dialect: 'sqlite', file: join(dataDir, 'kindling.db') });
  await seedDemo(store);
  await store.saveContent(content.catalog, content.modules);
  await store.createUser({
    id: 'u-mallory',
    email: 'mallory@demo.test',
    name: HOSTILE_NAME,
    role: 'learner',
    managerId: 'u-demo-manager',
    cohortIds: ['demo-co-pilot'],
    orgId: 'demo-co',
    tz: 'Europe/Berlin',
    passwordHash: await hashPassword('learn-daily'),
  });
  server = await startServer({ store, dataDir });
  browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function inertness(page: Page) {
  return await page.evaluate(() => {
    const all = [...document.querySelectorAll('*')];
    return {
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      scripts: [...document.querySelectorAll('body script, main iframe, main object, main embed')]
        .length,
      handlers: all.flatMap((el) =>
        [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`),
      ),
      jsUrls: all.flatMap((el) =>
        [...el.attributes]
          .filter((a) => /^\s*(javascript|data|vbscript):/i.test(a.value) && a.name !== 'content')
          .filter((a) => !(el.tagName === 'IMG' && a.value.startsWith('data:image/')))
          .map((a) => `${el.tagName} ${a.name}=${a.value.slice(0, 40)}`),
      ),
    };
  });
}

describe('hostile content and names', () => {
  it('render as inert text on home, module, lesson and quiz feedback', async () => {
    const context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await page.goto(server.url);
      await page.getByLabel('Email').fill('mallory@demo.test');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByLabel('Password').fill('learn-daily');
      await page.getByRole('button', { name: 'Sign in' }).click();
      // The display name shows as the literal text the person typed.
      await page
        .getByRole('heading', { name: /Hi <img\/src=x\/onerror=window.__pwned=1>/ })
        .waitFor();
      expect(await inertness(page)).toEqual({ pwned: null, scripts: 0, handlers: [], jsUrls: [] });

      await page.goto(`${server.url}/modules/hostile`);
      await page.getByRole('heading', { level: 1, name: /Hostile/ }).waitFor();
      expect(await inertness(page)).toEqual({ pwned: null, scripts: 0, handlers: [], jsUrls: [] });

      await page.locator('.lesson-row').first().click();
      await page.getByRole('progressbar', { name: 'Lesson progress' }).waitFor();
      await expect.poll(() => page.locator('.prose').first().textContent()).toContain('raw link');
      // Every link the author wrote is clickable and leads nowhere dangerous.
      for (const link of await page.locator('.prose a').all()) await link.click({ modifiers: [] });
      expect(await inertness(page)).toEqual({ pwned: null, scripts: 0, handlers: [], jsUrls: [] });

      await page.getByRole('button', { name: 'Next' }).click();
      await page.locator('.option label').first().click();
      await page.getByRole('button', { name: 'Check answer' }).click();
      await page.locator('.quiz-result .result').waitFor();
      await page.waitForTimeout(300); // let any injected image error handler fire if one existed
      expect(await inertness(page)).toEqual({ pwned: null, scripts: 0, handlers: [], jsUrls: [] });
      expect(dialogs).toEqual([]);

      // Control: the same payload inserted as raw HTML does run here, so the probes would see it.
      await page.evaluate(() => {
        document
          .querySelector('main')!
          .insertAdjacentHTML('beforeend', '<img src=x onerror="window.__pwned=1">');
      });
      await expect.poll(async () => (await inertness(page)).pwned).toBe(1);
    } finally {
      await context.close();
    }
  });
});
