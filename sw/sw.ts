/**
 * The service worker entry: it only wires events. What is cached and how lives in routes.ts.
 *
 * Updates: a new worker waits until the page (through src/app/sw-bridge.ts) asks it to take
 * over, so a page never runs a mix of old and new assets.
 */
/// <reference lib="webworker" />
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { OUTBOX_SYNC_TAG } from '../src/core/device-names';
import { flushOutbox } from './outbox-sync';
import { registerRoutes } from './routes';
import { registerPush } from './push';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoutes();
registerPush();

self.addEventListener('install', () => {
  // The very first worker has no page to disturb: take over at once.
  if (!self.registration.active) void self.skipWaiting();
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// Background Sync: the browser wakes us when connectivity returns; flush the outbox ourselves.
self.addEventListener('sync', (event) => {
  const syncEvent = event as Event & { tag: string; waitUntil(p: Promise<unknown>): void };
  if (syncEvent.tag === OUTBOX_SYNC_TAG) syncEvent.waitUntil(flushOutbox());
});
