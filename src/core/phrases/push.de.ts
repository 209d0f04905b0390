import type { MessagesOf } from '../wording';
import type { en } from './push.en';

export const de: MessagesOf<typeof en> = {
  'push.reminder.streakTitle': {
    one: 'Halte deine Serie: {count} Tag in Folge',
    other: 'Halte deine Serie: {count} Tage in Folge',
  },
  'push.reminder.startTitle': 'Heute ein paar Minuten?',
  'push.reminder.body': {
    one: 'Noch eine Lektion bis zu deinem Tagesziel.',
    other: 'Noch {count} Lektionen bis zu deinem Tagesziel.',
  },
  'push.nudge.title': 'Eine Erinnerung von {name}',
};
