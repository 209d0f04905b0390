import type { MessagesOf } from '../wording';
import type { en } from './coach.en';

export const de: MessagesOf<typeof en> = {
  'coach.celebrate.streak': 'Eine Lernserie von {days} Tagen',
  'coach.celebrate.lessons': {
    one: '{count} Lektion diese Woche',
    other: '{count} Lektionen diese Woche',
  },
  'coach.celebrate.competency': 'Erreicht: {competency}',
  'coach.celebrate.finished': 'Den zugewiesenen Lernpfad „{title}“ abgeschlossen',
  'coach.celebrate.showingUp': 'Dabeibleiben: Frag, was die Person zuletzt ausprobiert hat',
  'coach.stuck.notStarted': '„{title}“ noch nicht begonnen (fällig am {dueDate})',
  'coach.question.blockers':
    'Was hält dich gerade vom Lernen ab, und was würde 10 Minuten pro Woche leicht machen?',
  'coach.question.apply': 'In welcher Situation könntest du „{title}“ diesen Monat anwenden?',
  'coach.question.recent': 'Was hast du zuletzt gelernt und schon bei der Arbeit angewendet?',
  'coach.check.celebrate': 'Sag {name}, was dir aufgefallen ist und was du schätzt',
  'coach.check.blockers': 'Frag nach Hindernissen und vereinbare eine Änderung',
  'coach.check.question': 'Stell die Frage oben und hör zu',
  'coach.check.dueDate': 'Vereinbare ein Fälligkeitsdatum für „{title}“',
  'coach.check.nextStep': 'Vereinbare den nächsten Lernschritt',
  'coach.check.time': 'Trag Lernzeit in beide Kalender ein',
  'coach.risk.quiet': 'Keine Lektion in den letzten {days} Tagen',
  'coach.risk.overdue': '„{title}“ war am {dueDate} fällig',
};
