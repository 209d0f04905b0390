/**
 * What "Download for offline" stores, shared by the page (which downloads) and the service
 * worker (which serves what is stored). Pure: no DOM, no I/O.
 *
 * Versions: a module's URL carries the version the catalog names (`?v=`), and caches key module
 * responses without it, so each cache holds one copy per module and a new version replaces the
 * old one in place; the worker never answers a versioned request with another cached version
 * while the network can give the right one.
 */
import type { LearningModule } from './content';

/** Cache Storage name for images of downloaded modules; never expired, emptied only by Remove. */
export const OFFLINE_CACHE = 'kindling-offline-v1';
/** The worker's stale-while-revalidate cache of content API responses (catalog and modules). */
export const CONTENT_CACHE = 'kindling-content-v1';
/** The worker's cache-first, expiring cache of images and media of modules not downloaded. */
export const MEDIA_CACHE = 'kindling-media-v1';

/** The message the worker posts to pages when it stored a changed catalog. */
export const CONTENT_UPDATED = 'kindling-content-updated';

/** The API path (under /api/v1) of a module, naming the version wanted when it is known. */
export function modulePath(moduleId: string, version?: string): string {
  const path = `/modules/${encodeURIComponent(moduleId)}`;
  return version ? `${path}?v=${encodeURIComponent(version)}` : path;
}

export const moduleUrl = (moduleId: string, version?: string) =>
  `/api/v1${modulePath(moduleId, version)}`;

/** The cache key of a content response: its URL without the version, one entry per module. */
export function contentCacheKey(url: string): string {
  const key = new URL(url);
  key.searchParams.delete('v');
  return key.href;
}

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
