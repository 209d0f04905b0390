import type { MessagesOf } from '../wording';
import type { en } from './pilot.en';

export const de: MessagesOf<typeof en> = {
  'pilot.note.association':
    'Diese Zahlen zeigen einen Zusammenhang zwischen der Teilnahme am Pilot und den Ergebnissen, aber keinen Beweis, dass der Pilot sie bewirkt hat: Die beiden Gruppen wurden nicht zufällig eingeteilt und können sich auch in anderem unterscheiden.',
  'pilot.note.managerEngagement':
    'Gezählt für die Führungskräfte (und Admins) jeder Gruppe, nach ihrem eigenen Ortsdatum: vergebene Zuweisungen (ein verschobenes Fälligkeitsdatum zählt erneut), geöffnete 1:1-Leitfäden (einmal pro Person und Tag) und gesendete Erinnerungen.',
  'pilot.step.select-teams': 'Pilot-Teams auswählen',
  'pilot.step.brief-managers': 'Führungskräfte einweisen',
  'pilot.step.launch': 'Für die Lernenden starten',
  'pilot.step.weekly-review': 'Übersicht jede Woche durchsehen',
  'pilot.step.mid-point': 'Zwischenstand zur Halbzeit prüfen',
  'pilot.step.final-readout': 'Abschlussbericht an die Auftraggeber',
};
