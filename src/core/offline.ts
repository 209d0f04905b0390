/**
 * What "Download for offline" stores, shared by the page (which downloads) and the service
 * worker (which serves the stored images). Pure: no DOM, no I/O.
 */
import type { LearningModule } from './content';

/** Cache Storage name for images of downloaded modules; never expired, emptied only by Remove. */
export const OFFLINE_CACHE = 'kindling-offline-v1';

/** Every image a module's lessons and quizzes show, as absolute URLs, each once. */
export function moduleImageUrls(module: LearningModule, base: string): string[] {
  const html = module.lessons.flatMap((lesson) =>
    lesson.cards.flatMap((card) =>
      card.kind === 'quiz'
        ? [card.promptHtml, ...card.options.flatMap((o) => [o.html, o.explanationHtml])]
        : [card.html],
    ),
  );
  const urls = new Set<string>();
  for (const chunk of html)
    for (const match of chunk.matchAll(/<img\b[^>]*?\bsrc="([^"]+)"/g))
      urls.add(new URL(match[1]!.replaceAll('&amp;', '&'), base).href);
  return [...urls];
}
