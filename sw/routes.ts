/// <reference lib="webworker" />
/**
 * Caching routes:
 * - every app URL (a navigation) is answered with the precached shell, online or offline;
 * - content API responses: stale-while-revalidate, so a lesson opens instantly and refreshes;
 * - images and media: those of downloaded modules from the offline cache, others cache-first with
 *   an expiry.
 * Authentication and progress (/api/v1/auth, /sync, /me) always go to the network.
 */
import { ExpirationPlugin } from 'workbox-expiration';
import { createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, StaleWhileRevalidate } from 'workbox-strategies';
import { OFFLINE_CACHE } from '../src/core/offline';

export const CONTENT_CACHE = 'kindling-content-v1';
export const MEDIA_CACHE = 'kindling-media-v1';

export function registerRoutes(): void {
  registerRoute(
    new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//] }),
  );
  registerRoute(
    ({ url, request }) =>
      request.method === 'GET' &&
      (url.pathname === '/api/v1/catalog' || url.pathname.startsWith('/api/v1/modules/')),
    new StaleWhileRevalidate({ cacheName: CONTENT_CACHE }),
  );
  const media = new CacheFirst({
    cacheName: MEDIA_CACHE,
    plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * 24 * 3600 })],
  });
  // Images of downloaded modules come from their own cache, which never expires.
  registerRoute(
    ({ request, url }) =>
      (request.destination === 'image' ||
        request.destination === 'video' ||
        request.destination === 'audio') &&
      !url.pathname.startsWith('/icons/'),
    async (options) =>
      (await caches.match(options.request, { cacheName: OFFLINE_CACHE })) ??
      (await media.handle(options)),
  );
}
