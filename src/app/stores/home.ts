/**
 * What the organisation adds to a learner's home: pathways their manager assigned (with the
 * minutes left), notifications such as nudges, and the sponsor's message. Loaded when home opens;
 * offline the last answer stays on screen.
 */
import { signal } from '@preact/signals';
import type { Api } from '../../client/api';

export interface HomeAssignment {
  pathwayId: string;
  title: string;
  dueDate: string;
  remainingMinutes: number;
  estimateMinutes: number;
  lessonsDone: number;
  lessonsTotal: number;
  complete: boolean;
  overdue: boolean;
}

export interface HomeNotification {
  id: string;
  kind: 'nudge' | 'assignment';
  text: string;
  createdAt: string;
  read: boolean;
}

export interface HomeExtras {
  assignments: HomeAssignment[];
  notifications: HomeNotification[];
  sponsor: { name: string; title: string; text: string } | null;
}

export function createHomeStore({ api }: { api: Api }) {
  const extras = signal<HomeExtras | null>(null, { name: 'home.extras' });
  return {
    extras,
    async load(): Promise<void> {
      try {
        extras.value = await api.get<HomeExtras>('/me/home');
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
