/** Badge titles as phrases (`badgePhrase('badge.streak', { days: 7 })`). */
import { defineWording } from '../wording';
import { de } from './badges.de';
import { en } from './badges.en';

export const badgePhrase = defineWording({ en, de });
export type BadgeKey = keyof typeof en;
