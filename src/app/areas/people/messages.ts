/**
 * The people screens' `t` (lazy chunks only: never import this from a learner's first screen).
 * It also words the phrases the server composes for these screens: the 1:1 script, risk reasons,
 * the refusals only people, admin and pilot screens meet, and an upload's problems.
 */
import { de as coachDe } from '../../../core/phrases/coach.de';
import { en as coachEn } from '../../../core/phrases/coach.en';
import { de as errorsDe } from '../../../core/phrases/people-errors.de';
import { en as errorsEn } from '../../../core/phrases/people-errors.en';
import { de as uploadsDe } from '../../../core/phrases/uploads.de';
import { en as uploadsEn } from '../../../core/phrases/uploads.en';
import { defineMessages } from '../../i18n';
import { de } from './messages.de';
import { en } from './messages.en';

export const t = defineMessages({
  en: { ...en, ...errorsEn, ...uploadsEn, ...coachEn },
  de: { ...de, ...errorsDe, ...uploadsDe, ...coachDe },
});
