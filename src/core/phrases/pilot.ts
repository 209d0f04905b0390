/** The pilot report's notes and checklist steps as phrases (`pilotPhrase('pilot.note.association')`). */
import { defineWording } from '../wording';
import { de } from './pilot.de';
import { en } from './pilot.en';

export const pilotPhrase = defineWording({ en, de });
export type PilotPhraseKey = keyof typeof en;
