import type { MessagesOf } from '../wording';
import type { en } from './notifications.en';

export const de: MessagesOf<typeof en> = {
  'notification.assignment':
    '{name} hat dir „{title}“ ({minutes} Min.) zugewiesen, fällig am {dueDate}.',
  'notification.nudge': '{name} feuert dich an: Eine 5-Minuten-Lektion heute hält dich in Schwung!',
};
