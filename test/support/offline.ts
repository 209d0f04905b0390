/** What "Download for offline" left on the device, read in the real browser, and test images. */
import type { Page } from 'playwright-core';

/** A row of the device's `content` store (a module copy, a download record, the catalog). */
export async function deviceContent<T = Record<string, unknown>>(
  page: Page,
  key: string,
): Promise<T | undefined> {
  return await page.evaluate(
    (key) =>
      new Promise<T | undefined>((resolve, reject) => {
        const open = indexedDB.open('kindling');
        open.onerror = () => reject(open.error as Error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('content').objectStore('content').get(key);
          read.onsuccess = () => {
            resolve(read.result as T | undefined);
            db.close();
          };
        };
      }),
    key,
  );
}

/** The URLs a Cache Storage cache holds, as paths with their query. */
export async function cachedPaths(page: Page, cacheName: string): Promise<string[]> {
  return await page.evaluate(async (name) => {
    if (!(await caches.has(name))) return [];
    const keys = await (await caches.open(name)).keys();
    return keys.map((r) => {
      const url = new URL(r.url);
      return url.pathname + url.search;
    });
  }, cacheName);
}

/** The JSON body a cache holds for `path`. */
export async function cachedJson<T>(page: Page, cacheName: string, path: string): Promise<T> {
  return await page.evaluate(
    async ([name, path]) => (await (await caches.open(name!)).match(path!))!.json() as Promise<T>,
    [cacheName, path],
  );
}

/** A small SVG picture, served as an image module authors may use. */
export function svgResponse(fill: string): Response {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="${fill}"/></svg>`;
  return new Response(svg, { headers: { 'content-type': 'image/svg+xml' } });
}

/** Whether the picture with `alt` on the page has loaded (not a broken image). */
export async function imageShown(page: Page, alt: string): Promise<boolean> {
  const image = page.getByRole('img', { name: alt });
  await image.waitFor();
  return await image.evaluate(async (img: HTMLImageElement) => {
    await img.decode().catch(() => undefined);
    return img.complete && img.naturalWidth > 0;
  });
}
