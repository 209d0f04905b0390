/**
 * The pilot screens' `t` (lazy chunk only: never import this from a learner's first screen). It
 * also words the report's notes and checklist steps the server sends as phrases (`t.phrase`).
 */
import { de as phrasesDe } from '../../core/phrases/pilot.de';
import { en as phrasesEn } from '../../core/phrases/pilot.en';
import { defineMessages } from '../i18n';
import { de } from './pilot.de';
import { en } from './pilot.en';

export const t = defineMessages({ en: { ...en, ...phrasesEn }, de: { ...de, ...phrasesDe } });
