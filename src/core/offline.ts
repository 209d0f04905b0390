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

/**
 * The API path (under /api/v1) of a module in the learner's language `lang` (its original where
 * not translated), naming the version wanted when it is known.
 */
export function modulePath(moduleId: string, version?: string, lang?: string): string {
  const query = [version && `v=${encodeURIComponent(version)}`, lang && `lang=${lang}`]
    .filter(Boolean)
    .join('&');
  return `/modules/${encodeURIComponent(moduleId)}${query && `?${query}`}`;
}

export const moduleUrl = (moduleId: string, version?: string, lang?: string) =>
  `/api/v1${modulePath(moduleId, version, lang)}`;

/**
 * The cache key of a content response: its URL without version and language, one entry per
 * module (a version names its language, so another language is another version).
 */
export function contentCacheKey(url: string): string {
  const key = new URL(url);
  key.searchParams.delete('v');
  key.searchParams.delete('lang');
  return key.href;
}

/**
 * Every image a module's lessons and quizzes show, as written (a path on this server or another
 * server's URL), each once: what the catalog names, before the module itself is downloaded.
 */
export function moduleImageSources(module: LearningModule): string[] {
  const html = module.lessons.flatMap((lesson) =>
    lesson.cards.flatMap((card) =>
      card.kind === 'quiz'
        ? [card.promptHtml, ...card.options.flatMap((o) => [o.html, o.explanationHtml ?? ''])]
        : [card.html],
    ),
  );
  const sources = new Set<string>();
  for (const chunk of html)
    for (const match of chunk.matchAll(/<img\b[^<>]*?\bsrc="([^"]+)"/g))
      sources.add(match[1]!.replaceAll('&amp;', '&'));
  return [...sources];
}

/** Every image a module's lessons and quizzes show, as absolute URLs, each once. */
export function moduleImageUrls(module: LearningModule, base: string): string[] {
  return [...new Set(moduleImageSources(module).map((src) => new URL(src, base).href))];
}

/** What a download stores of a module: its text, and each image's size by URL. */
export interface StoredParts {
  textBytes: number;
  imageBytes: Readonly<Record<string, number>>;
}

/**
 * Bytes that `parts` (downloads, or downloads in progress) take on the device: each module's
 * text, and each image once however many modules show it (the offline cache holds one copy).
 */
export function storedBytes(parts: StoredParts[]): number {
  const images = new Map<string, number>();
  let text = 0;
  for (const part of parts) {
    text += part.textBytes;
    for (const [url, bytes] of Object.entries(part.imageBytes)) images.set(url, bytes);
  }
  return [...images.values()].reduce((sum, bytes) => sum + bytes, text);
}

/**
 * What downloading `modules` (catalog entries) would add to the device, known before: their
 * text in bytes, and how many images not on the device yet (`stored`, absolute URLs), each
 * counted once however many of the modules show it. Image sizes are known only once downloaded.
 */
export function downloadSize(
  modules: ReadonlyArray<{ downloadBytes?: number; imageSources?: string[] }>,
  base: string,
  stored: ReadonlySet<string>,
): { bytes: number; images: number } {
  const images = new Set(
    modules.flatMap((m) => (m.imageSources ?? []).map((src) => new URL(src, base).href)),
  );
  return {
    bytes: modules.reduce((sum, m) => sum + (m.downloadBytes ?? 0), 0),
    images: [...images].filter((url) => !stored.has(url)).length,
  };
}
