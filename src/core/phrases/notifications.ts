/** In-app notifications as phrases (`notificationPhrase('notification.nudge', { name })`). */
import { defineWording } from '../wording';
import { de } from './notifications.de';
import { en } from './notifications.en';

export const notificationPhrase = defineWording({ en, de });
export type NotificationKey = keyof typeof en;
