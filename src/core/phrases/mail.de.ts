import type { MessagesOf } from '../wording';
import type { en } from './mail.en';

export const de: MessagesOf<typeof en> = {
  'mail.hello': 'Hallo {name},',
  'mail.helloAnyone': 'Hallo,',
  'mail.footer': 'Kindling für {org}',
  'mail.linkOnce': 'Der Link funktioniert einmal, bis zum {expiryDate}.',
  'mail.notExpected': 'Wenn du diese E-Mail nicht erwartet hast, kannst du sie ignorieren.',
  'mail.invite.subject': '{inviter} lädt dich zu Kindling ein',
  'mail.invite.body':
    '{inviter} hat dich eingeladen, mit {org} auf Kindling zu lernen: kurze Lektionen, ein paar Minuten am Tag.',
  'mail.invite.action': '{org} beitreten',
  'mail.reset.subject': 'Neues Kindling-Passwort festlegen',
  'mail.reset.body':
    'Eine Administratorin oder ein Administrator von {org} hat dir einen Link für ein neues Passwort erstellt.',
  'mail.reset.action': 'Neues Passwort festlegen',
  'mail.digest.subject': 'Dein Team diese Woche',
  'mail.digest.intro': 'So hat dein Team diese Woche gelernt (ab {startDate}):',
  'mail.digest.learned': {
    one: '{name}: {count} Lektion, {minutes} Min.',
    other: '{name}: {count} Lektionen, {minutes} Min.',
  },
  'mail.digest.nobodyLearned':
    'Diese Woche hat noch niemand in deinem Team eine Lektion abgeschlossen.',
  'mail.digest.nudgeHeading': 'Braucht vielleicht einen Anstoß:',
  'mail.digest.nudge': '{name}: {reason}',
  'mail.digest.action': 'Dein Team öffnen',
};
