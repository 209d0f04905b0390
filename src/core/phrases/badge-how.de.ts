import type { MessagesOf } from '../wording';
import type { en } from './badge-how.en';

export const de: MessagesOf<typeof en> = {
  'badge.howCompetency': 'Schließe „{module}“ mit {percent} % richtigen ersten Antworten ab',
  'badge.howCompetencyAny':
    'Schließe ein Modul dazu, etwa „{module}“, mit {percent} % richtigen ersten Antworten ab',
  'badge.howStreak': 'Lerne {days} Tage in Folge',
  'badge.howFirstKudos': 'Erhalte Kudos von einer Kollegin oder einem Kollegen',
  'badge.howKudos': 'Erhalte {count} Kudos von Kolleginnen und Kollegen',
};
