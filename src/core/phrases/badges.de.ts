import type { MessagesOf } from '../wording';
import type { en } from './badges.en';

export const de: MessagesOf<typeof en> = {
  'badge.competency': '{title}',
  'badge.streak': '{days}-Tage-Serie',
  'badge.firstKudos': 'Erste Kudos',
  'badge.kudos': '{count} Kudos',
  'badge.howCompetency': 'Schließe „{module}“ mit {percent} % richtigen ersten Antworten ab',
  'badge.howCompetencyAny':
    'Schließe ein Modul dazu, etwa „{module}“, mit {percent} % richtigen ersten Antworten ab',
  'badge.howStreak': 'Lerne {days} Tage in Folge',
  'badge.howFirstKudos': 'Erhalte Kudos von einer Kollegin oder einem Kollegen',
  'badge.howKudos': 'Erhalte {count} Kudos von Kolleginnen und Kollegen',
};
