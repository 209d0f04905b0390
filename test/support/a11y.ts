/**
 * Accessibility probes that run inside a real Chromium page:
 *
 * - `axeViolations` injects axe-core (node_modules/axe-core/axe.min.js) and runs its WCAG 2.x A/AA
 *   rules plus best practices; the page's context must be created with `bypassCSP: true`, since
 *   our CSP (rightly) refuses the injected script.
 * - `smallTargets` lists visible controls smaller than 44 × 44 CSS px. Links inside running text
 *   (`.prose`) are exempt, as WCAG 2.5.8 allows for inline targets; a radio or checkbox counts by
 *   its label, which is what a finger hits.
 * - `overflowAt200` sets the root font size to 200% and lists what then sticks out sideways:
 *   boxes, and words too long for their box.
 * - `hiddenWhenFocused` focuses the main content's controls in tab order, forward and back, with
 *   text at 200%, and lists those that focus leaves entirely hidden under a fixed or sticky bar
 *   or off the screen (WCAG 2.4.11, Focus Not Obscured). `focus()` scrolls exactly as Tab does
 *   (checked against real Tab presses), at a fraction of the round trips.
 * - `motionWhenReduced` asks for reduced motion and lists what still animates or transitions.
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
      // Half a pixel of slack: a box laid out at 44 px can measure 43.99 under a sheet's
      // transform (float error), and reported sizes are rounded to whole pixels anyway.
      if (box.width < 43.5 || box.height < 43.5)
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
    // getAttribute, not className: an SVG element's className is an object.
    const name = (el: Element) =>
      [el.tagName.toLowerCase(), ...(el.getAttribute('class') ?? '').split(' ')]
        .filter(Boolean)
        .join('.');
    if (root.scrollWidth > innerWidth + 1)
      problems.push(`page scrolls sideways: ${root.scrollWidth}px > ${innerWidth}px`);
    for (const el of document.querySelectorAll('main *, header *, footer *')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || el.closest('.visually-hidden, .skip-link')) continue;
      if (box.right > innerWidth + 1 || box.left < -1)
        problems.push(`${name(el)} spans ${Math.round(box.left)}…${Math.round(box.right)}`);
      else if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'hidden')
        problems.push(`${name(el)} clips its content`);
    }
    // A long word sticks out of its box without widening the box itself.
    for (const part of document.querySelectorAll('main, header, footer')) {
      const texts = document.createTreeWalker(part, NodeFilter.SHOW_TEXT);
      for (let text = texts.nextNode(); text; text = texts.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(text);
        const box = range.getBoundingClientRect();
        const hidden = box.width === 0 || text.parentElement!.closest('.visually-hidden');
        if (!hidden && (box.right > innerWidth + 1 || box.left < -1))
          problems.push(
            `text "${text.textContent!.trim().slice(0, 30)}" in ${name(text.parentElement!)}`,
          );
      }
    }
    root.style.fontSize = before;
    return problems.slice(0, 10);
  }, width);
}

export async function hiddenWhenFocused(page: Page): Promise<string[]> {
  return await page.evaluate(async () => {
    const root = document.documentElement;
    root.style.fontSize = '200%';
    // Let the page react to the new text size (bars re-measure themselves) before tabbing.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const modal = document.querySelector(':modal');
    // Nothing outside a modal dialog is drawn over it (it is in the top layer).
    const bars = [...(modal ?? document.body).querySelectorAll('*')].filter((el) =>
      ['fixed', 'sticky'].includes(getComputedStyle(el).position),
    );
    // The tab order: every enabled, rendered control in the main content, in document order;
    // while a modal dialog is open (the sync sheet), the page behind it is inert and Tab stays
    // in the dialog.
    const scope = modal ? ':modal' : 'main';
    const controls = [
      ...document.querySelectorAll<HTMLElement>(
        `${scope} :is(a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"]))`,
      ),
    ].filter((el) => !el.matches(':disabled') && el.getClientRects().length > 0);
    const hidden = new Set<string>();
    for (const [direction, order] of [
      ['forward', controls],
      ['back', [...controls].reverse()],
    ] as const) {
      // Blur first: focusing the control that already has focus would not scroll.
      (document.activeElement as HTMLElement | null)?.blur();
      scrollTo(0, direction === 'forward' ? 0 : root.scrollHeight);
      for (const el of order) {
        // focus() scrolls the way Tab does: only when the control is outside the viewport,
        // minus the page's scroll-padding.
        el.focus();
        const box = el.getBoundingClientRect();
        const covered = bars.some((bar) => {
          const b = bar.getBoundingClientRect();
          return (
            !bar.contains(el) &&
            b.top <= box.top &&
            b.bottom >= box.bottom &&
            b.left <= box.left &&
            b.right >= box.right
          );
        });
        if (covered || box.bottom <= 0 || box.top >= innerHeight) {
          const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30);
          hidden.add(
            `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}" (${direction})`,
          );
        }
      }
    }
    (document.activeElement as HTMLElement | null)?.blur();
    const edges = bars.map(
      (bar) => `${bar.tagName.toLowerCase()} ${bar.getBoundingClientRect().height}px`,
    );
    root.style.fontSize = '';
    scrollTo(0, 0);
    return hidden.size ? [...hidden, `viewport ${innerHeight}px, bars: ${edges.join(', ')}`] : [];
  });
}

export async function motionWhenReduced(page: Page): Promise<string[]> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  try {
    return await page.evaluate(() => {
      const longest = (durations: string) => Math.max(...durations.split(',').map(parseFloat));
      const moving: string[] = [];
      for (const el of document.querySelectorAll('body *')) {
        const style = getComputedStyle(el);
        const animates = style.animationName !== 'none' && longest(style.animationDuration) > 0;
        if (animates || longest(style.transitionDuration) > 0)
          moving.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`);
      }
      // Script-driven animations (element.animate) show up here, not in the styles.
      for (const animation of document.getAnimations())
        if (animation.playState === 'running' && !(animation instanceof CSSTransition))
          moving.push(
            `running animation on ${(animation.effect as KeyframeEffect).target?.tagName}`,
          );
      return [...new Set(moving)];
    });
  } finally {
    await page.emulateMedia({ reducedMotion: 'no-preference' });
  }
}
