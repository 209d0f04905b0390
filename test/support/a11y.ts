/**
 * Accessibility probes that run inside a real Chromium page:
 *
 * - `axeViolations` injects axe-core (node_modules/axe-core/axe.min.js) and runs its WCAG 2.x A/AA
 *   rules plus best practices; the page's context must be created with `bypassCSP: true`, since
 *   our CSP (rightly) refuses the injected script.
 * - `smallTargets` lists visible controls smaller than 44 × 44 CSS px. Links inside running text
 *   (`.prose`) are exempt, as WCAG 2.5.8 allows for inline targets; a radio or checkbox counts by
 *   its label, which is what a finger hits.
 * - `overflowAt200` sets the root font size to 200% and lists what then sticks out sideways.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

export async function axeViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  return await page.evaluate(async () => {
    const axe = (window as unknown as { axe: AxeLike }).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

interface AxeLike {
  run(
    context: Document,
    options: object,
  ): Promise<{
    violations: Array<{
      id: string;
      impact: string | null;
      help: string;
      nodes: Array<{ target: string[] }>;
    }>;
  }>;
}

export async function smallTargets(page: Page): Promise<string[]> {
  return await page.evaluate(() => {
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).replaceAll(' ', '.') : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const targets = new Set<Element>();
    for (const el of document.querySelectorAll(
      'a[href], button, summary, select, textarea, input:not([type=radio]):not([type=checkbox]), [role=button]',
    ))
      if (!el.closest('.prose')) targets.add(el);
    for (const input of document.querySelectorAll('input[type=radio], input[type=checkbox]'))
      targets.add(input.closest('label') ?? input);
    const small: string[] = [];
    for (const el of targets) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const hidden =
        box.width === 0 ||
        box.height === 0 ||
        style.visibility === 'hidden' ||
        box.right <= 0 ||
        box.bottom <= 0 ||
        box.left >= innerWidth;
      if (hidden) continue;
      if (box.width < 44 || box.height < 44)
        small.push(`${describe(el)} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return small;
  });
}

/** Elements wider than the viewport (or the page scrolling sideways) with text at 200%. */
export async function overflowAt200(page: Page): Promise<string[]> {
  // The viewport as configured: a mobile page that overflows widens its own layout viewport
  // (innerWidth) to fit, which would hide the very overflow we look for.
  const width = page.viewportSize()!.width;
  return await page.evaluate(async (innerWidth) => {
    const root = document.documentElement;
    const before = root.style.fontSize;
    root.style.fontSize = '200%';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const problems: string[] = [];
    if (root.scrollWidth > innerWidth + 1)
      problems.push(`page scrolls sideways: ${root.scrollWidth}px > ${innerWidth}px`);
    for (const el of document.querySelectorAll('main *, header *, footer *')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || el.closest('.visually-hidden, .skip-link')) continue;
      if (box.right > innerWidth + 1 || box.left < -1)
        problems.push(
          `${el.tagName.toLowerCase()}.${el.className} spans ${Math.round(box.left)}…${Math.round(box.right)}`,
        );
      else if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'hidden')
        problems.push(`${el.tagName.toLowerCase()}.${el.className} clips its content`);
    }
    root.style.fontSize = before;
    return problems.slice(0, 10);
  }, width);
}
