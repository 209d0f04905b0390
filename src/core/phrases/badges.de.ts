import type { MessagesOf } from '../wording';
import type { en } from './badges.en';

export const de: MessagesOf<typeof en> = {
  'badge.competency': '{title}',
  'badge.streak': '{days}-Tage-Serie',
  'badge.firstKudos': 'Erste Kudos',
  'badge.kudos': '{count} Kudos',
};
