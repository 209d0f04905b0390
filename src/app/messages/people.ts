/** The people screens' `t` (lazy chunks only: never import this from a learner's first screen). */
import { defineMessages } from '../i18n';
import { de } from './people.de';
import { en } from './people.en';

export const t = defineMessages({ en, de });
