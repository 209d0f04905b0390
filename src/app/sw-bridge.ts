/**
 * The one module that owns the service worker on the page: registration, "a new version is
 * ready" and the skip-waiting request. (The worker flushes the outbox itself on Background Sync,
 * under the same Web Lock as the pages.) The worker tells pages when revalidation brought new
 * content (`onContentUpdated`). Components never touch
 * navigator.serviceWorker; they read `updateReady` and call `applyUpdate()`.
 */
import { signal } from '@preact/signals';
import { Workbox } from 'workbox-window';
import { CONTENT_UPDATED, OUTBOX_SYNC_TAG } from '../core/device-names';

export const updateReady = signal(false);
let workbox: Workbox | undefined;

export function registerServiceWorker(): void {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  workbox = new Workbox('/sw.js');
  workbox.addEventListener('waiting', () => (updateReady.value = true));
  void workbox.register();
}

/** Calls `listener` when the worker stored a catalog that differs from the one it had. */
export function onContentUpdated(listener: () => void): void {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: string } | null;
    if (data?.type === CONTENT_UPDATED) listener();
  });
}

/** Lets the waiting worker take over, then reloads once it controls the page. */
export function applyUpdate(): void {
  if (!workbox) return location.reload();
  workbox.addEventListener('controlling', () => location.reload());
  workbox.messageSkipWaiting();
}

/** Asks the browser to wake the worker when connectivity returns (Background Sync, where supported). */
export async function requestBackgroundSync(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration();
  const sync = (
    registration as
      (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined
  )?.sync;
  await sync?.register(OUTBOX_SYNC_TAG).catch(() => undefined);
}

/** Whether this browser can receive Web Push reminders. */
export function pushSupported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** This device's push subscription, or null when it has none (or cannot have one). */
export async function currentPushSubscription(): Promise<PushSubscriptionJSON | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription())?.toJSON() ?? null;
}

/** Asks permission and subscribes this device; null when the learner declines. */
export async function subscribeToPush(publicKey: string): Promise<PushSubscriptionJSON | null> {
  if ((await Notification.requestPermission()) !== 'granted') return null;
  const registration = await navigator.serviceWorker.ready;
  const key = Uint8Array.from(atob(publicKey.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
    c.charCodeAt(0),
  );
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: key,
  });
  return subscription.toJSON();
}
