/** What earns a badge, as phrases (`badgeHowPhrase('badge.howStreak', { days: 7 })`). */
import { defineWording } from '../wording';
import { de } from './badge-how.de';
import { en } from './badge-how.en';

export const badgeHowPhrase = defineWording({ en, de });
export type BadgeHowKey = keyof typeof en;
