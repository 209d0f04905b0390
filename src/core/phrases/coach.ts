/** The manager's coaching texts as phrases (`coachPhrase('coach.risk.quiet', { days: 7 })`). */
import { defineWording } from '../wording';
import { de } from './coach.de';
import { en } from './coach.en';

export const coachPhrase = defineWording({ en, de });
export type CoachKey = keyof typeof en;
