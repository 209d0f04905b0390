/**
 * The report's notes, as phrases (src/core/phrases/pilot.*.ts): the API sends key and English
 * text, and the dashboard words them in the reader's locale.
 *
 * These numbers show association, not proof of cause: people in the pilot were not chosen at
 * random. ASSOCIATION_NOTE says so in the report itself.
 */
import { pilotPhrase } from '../phrases/pilot';
import type { Phrase } from '../wording';

/** Association, not proof of cause: the report says so next to its numbers. */
export const ASSOCIATION_NOTE: Phrase = pilotPhrase('pilot.note.association');

/** How the weekly manager counts are made. */
export const MANAGER_ENGAGEMENT_NOTE: Phrase = pilotPhrase('pilot.note.managerEngagement');
