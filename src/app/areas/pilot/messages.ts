/**
 * The pilot screens' `t` (lazy chunk only: never import this from a learner's first screen). It
 * also words the phrases the server sends these screens (`sayPhrase`): the report's notes and
 * checklist steps, the refusals only people, admin and pilot screens meet, and an upload's problems.
 */
import { de as errorsDe } from '../../../core/phrases/people-errors.de';
import { en as errorsEn } from '../../../core/phrases/people-errors.en';
import { de as phrasesDe } from '../../../core/phrases/pilot.de';
import { en as phrasesEn } from '../../../core/phrases/pilot.en';
import { de as uploadsDe } from '../../../core/phrases/uploads.de';
import { en as uploadsEn } from '../../../core/phrases/uploads.en';
import { defineMessages } from '../../i18n';
import { de } from './messages.de';
import { en } from './messages.en';

export const t = defineMessages({
  en: { ...en, ...errorsEn, ...uploadsEn, ...phrasesEn },
  de: { ...de, ...errorsDe, ...uploadsDe, ...phrasesDe },
});
