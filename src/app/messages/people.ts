/**
 * The people screens' `t` (lazy chunks only: never import this from a learner's first screen).
 * It also words the coaching phrases the server composes (the 1:1 script, risk reasons).
 */
import { de as coachDe } from '../../core/phrases/coach.de';
import { en as coachEn } from '../../core/phrases/coach.en';
import { defineMessages } from '../i18n';
import { de } from './people.de';
import { en } from './people.en';

export const t = defineMessages({ en: { ...en, ...coachEn }, de: { ...de, ...coachDe } });
