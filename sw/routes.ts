/// <reference lib="webworker" />
/**
 * Caching routes:
 * - every app URL (a navigation) is answered with the precached shell, online or offline
 *   (except `/sso/<org>`, the server's redirect to an organisation's company sign-in);
 * - content API responses: stale-while-revalidate, so a lesson opens instantly and refreshes.
 *   When a revalidated catalog differs (its ETag), open pages are told (`CONTENT_UPDATED`) so
 *   they read it again and update downloads at once, not on the visit after. A catalog asked
 *   for with `cache: 'no-cache'` (a page that has just reconnected) comes from the network only.
 *   Modules are cached without their `?v=` (one entry per module, a new version replaces the old
 *   in place), and a request for a version the cached copy is not goes to the network first;
 * - images and media: those of downloaded modules from the offline cache, others cache-first with
 *   an expiry.
 * Authentication and progress (/api/v1/auth, /sync, /me) always go to the network.
 */
import type { WorkboxPlugin } from 'workbox-core';
import { ExpirationPlugin } from 'workbox-expiration';
import { createHandlerBoundToURL } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst, StaleWhileRevalidate } from 'workbox-strategies';
import { CONTENT_UPDATED } from '../src/core/device-names';
import { CONTENT_CACHE, contentCacheKey, MEDIA_CACHE, OFFLINE_CACHE } from '../src/core/offline';

declare const self: ServiceWorkerGlobalScope;

/** Tells open pages when a stored response was replaced by one with another ETag. */
const announceUpdates: WorkboxPlugin = {
  async cacheDidUpdate({ oldResponse, newResponse, request }) {
    if (!oldResponse || oldResponse.headers.get('ETag') === newResponse.headers.get('ETag')) return;
    for (const client of await self.clients.matchAll({ type: 'window' }))
      client.postMessage({ type: CONTENT_UPDATED, url: request.url });
  },
};

/**
 * For a page that has just reconnected (it asks with `cache: 'no-cache'`): the server's catalog,
 * stored and announced like a revalidation, or an error the page retries — never the copy from
 * before it went offline.
 */
const neverFromCache: WorkboxPlugin = { cachedResponseWillBeUsed: async () => null };

const withoutVersion: WorkboxPlugin = {
  cacheKeyWillBeUsed: async ({ request }) => contentCacheKey(request.url),
};

export function registerRoutes(): void {
  registerRoute(
    new NavigationRoute(createHandlerBoundToURL('/index.html'), {
      denylist: [/^\/api\//, /^\/sso\//],
    }),
  );
  const get = (request: Request) => request.method === 'GET';
  const catalog = new StaleWhileRevalidate({
    cacheName: CONTENT_CACHE,
    plugins: [announceUpdates],
  });
  const catalogFromNetwork = new NetworkFirst({
    cacheName: CONTENT_CACHE,
    plugins: [announceUpdates, neverFromCache],
  });
  registerRoute(
    ({ url, request }) => get(request) && url.pathname === '/api/v1/catalog',
    (options) =>
      (options.request.cache === 'no-cache' ? catalogFromNetwork : catalog).handle(options),
  );
  const modules = new StaleWhileRevalidate({ cacheName: CONTENT_CACHE, plugins: [withoutVersion] });
  const newVersion = new NetworkFirst({ cacheName: CONTENT_CACHE, plugins: [withoutVersion] });
  registerRoute(
    ({ url, request }) => get(request) && url.pathname.startsWith('/api/v1/modules/'),
    async (options) => {
      const wanted = options.url.searchParams.get('v');
      const cached =
        wanted &&
        (await caches.match(contentCacheKey(options.url.href), { cacheName: CONTENT_CACHE }));
      const other = cached && cached.headers.get('ETag') !== `"${wanted}"`;
      return (other ? newVersion : modules).handle(options);
    },
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
