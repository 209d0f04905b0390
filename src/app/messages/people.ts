/** The people screens' `t` (lazy chunks only: never import this from a learner's first screen). */
import { de as errorsDe } from '../../core/phrases/people-errors.de';
import { en as errorsEn } from '../../core/phrases/people-errors.en';
import { defineMessages } from '../i18n';
import { de } from './people.de';
import { en } from './people.en';

export const t = defineMessages({
  en: { ...en, ...errorsEn },
  de: { ...de, ...errorsDe },
});
