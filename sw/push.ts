/**
 * Web Push in the service worker: show the streak reminder or a manager's nudge, and open the app
 * when it is tapped. Each kind has its own tag, so a nudge never replaces the day's reminder.
 */
/// <reference lib="webworker" />
declare const self: ServiceWorkerGlobalScope;

interface Reminder {
  title: string;
  body: string;
  url: string;
  tag?: string;
}

export function registerPush(): void {
  self.addEventListener('push', (event) => {
    const data = (event.data?.json() ?? {}) as Partial<Reminder>;
    event.waitUntil(
      self.registration.showNotification(data.title ?? 'Kindling', {
        body: data.body ?? '',
        icon: '/icons/icon-192.png',
        tag: data.tag ?? 'streak-reminder',
        data: { url: data.url ?? '/' },
      }),
    );
  });
  self.addEventListener('notificationclick', (event) => {
    event.notification.close();
    const url = (event.notification.data as { url?: string } | null)?.url ?? '/';
    event.waitUntil(self.clients.openWindow(url));
  });
}
