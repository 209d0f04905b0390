/**
 * The badge gallery's words (lazy: only Me's chunk imports this, never the first screen), with
 * what earns each badge.
 */
import { de as howDe } from '../../core/phrases/badge-how.de';
import { en as howEn } from '../../core/phrases/badge-how.en';
import { defineMessages } from '../i18n';

const en = {
  'badges.summary': '{earned} of {total} earned',
  'badges.earned': 'Earned',
  'badges.locked': 'Not earned yet:',
  'badges.progress': '{have} of {need} so far',
} as const;

const de: { [K in keyof typeof en]: string } = {
  'badges.summary': '{earned} von {total} verdient',
  'badges.earned': 'Verdient',
  'badges.locked': 'Noch nicht verdient:',
  'badges.progress': 'bisher {have} von {need}',
};

export const t = defineMessages({ en: { ...en, ...howEn }, de: { ...de, ...howDe } });
