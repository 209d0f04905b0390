/**
 * What the organisation adds to a learner's home: pathways their manager assigned (with the
 * minutes left), notifications such as nudges, and the sponsor's message. Loaded when home opens;
 * the last answer is kept per user on the device (client/reply-cache.ts), so home shows it at once
 * and offline.
 */
import { signal } from '@preact/signals';
import type { Api } from '../../client/api';
import { homeReply } from '../../client/reply-cache';
import type { HomeReply as HomeExtras } from '../../core/api';
import { locale } from '../i18n';

export function createHomeStore({ api }: { api: Api }) {
  const extras = signal<HomeExtras | null>(null, { name: 'home.extras' });
  let owner: string | null = null;
  return {
    extras,
    async load(userId: string): Promise<void> {
      // Never show one person's extras to the next person signing in on this device.
      if (owner !== userId) extras.value = homeReply(userId).read();
      owner = userId;
      try {
        const fresh = await api.get<HomeExtras>(`/me/home?lang=${locale.peek()}`);
        if (owner !== userId) return;
        extras.value = fresh;
        homeReply(userId).keep(fresh);
      } catch {
        // Offline or signed out: keep what is shown.
      }
    },
    async markRead(): Promise<void> {
      await api.post('/me/notifications/read').catch(() => undefined);
      if (extras.value)
        extras.value = {
          ...extras.value,
          notifications: extras.value.notifications.map((n) => ({ ...n, read: true })),
        };
    },
  };
}

export type HomeStore = ReturnType<typeof createHomeStore>;
