/** The pilot screens' `t` (lazy chunk only: never import this from a learner's first screen). */
import { defineMessages } from '../i18n';
import { de } from './pilot.de';
import { en } from './pilot.en';

export const t = defineMessages({ en, de });
