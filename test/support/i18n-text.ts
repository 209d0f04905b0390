/** Shared setup of the i18n-*.test.ts files (split from i18n.test.ts). */
import { expect } from 'vitest';
import type { VNode } from 'preact';
import type { Phrase } from '../../src/core/wording';

export const title = (phrase: Phrase) => ({ title: phrase.text, phrase });

/** The text a rendered tree shows (and reads out), in document order. */
export function textOf(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  return textOf((node as VNode<{ children?: unknown }>).props.children);
}

/** Expects `text` to contain every one of `parts` (one `toContain` each, so a miss names it). */
export function expectAllIn(text: string, parts: string[]): void {
  for (const part of parts) expect(text).toContain(part);
}
