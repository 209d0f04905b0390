/**
 * The pilot screens' `t` (lazy chunk only: never import this from a learner's first screen). It
 * also words the phrases the server sends these screens (`t.phrase`): the report's notes and
 * checklist steps, and the refusals only people, admin and pilot screens meet.
 */
import { de as errorsDe } from '../../core/phrases/people-errors.de';
import { en as errorsEn } from '../../core/phrases/people-errors.en';
import { de as phrasesDe } from '../../core/phrases/pilot.de';
import { en as phrasesEn } from '../../core/phrases/pilot.en';
import { defineMessages } from '../i18n';
import { de } from './pilot.de';
import { en } from './pilot.en';

export const t = defineMessages({
  en: { ...en, ...errorsEn, ...phrasesEn },
  de: { ...de, ...errorsDe, ...phrasesDe },
});
