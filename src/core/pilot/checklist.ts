/**
 * The steps of running a pilot, for the admin's checklist. Step titles are phrases
 * (src/core/phrases/pilot.*.ts), worded on the dashboard in the reader's locale.
 */
import { pilotPhrase } from '../phrases/pilot';
import type { Phrase } from '../wording';

const STEPS = [
  { id: 'select-teams', week: 0 },
  { id: 'brief-managers', week: 0 },
  { id: 'launch', week: 1 },
  { id: 'weekly-review', week: 1 },
  { id: 'mid-point', week: 6 },
  { id: 'final-readout', week: 12 },
] as const;
export type PilotStep = (typeof STEPS)[number]['id'];

/** One step of the checklist: a stable id (what a tick stores), its week, and its wording. */
export interface PilotChecklistStep {
  id: PilotStep;
  /** 0: before launch. */
  week: number;
  /** English, for API users; `phrase` words it in any locale. */
  title: string;
  phrase: Phrase;
}

/** The steps of running a pilot, in order, for the admin's checklist. */
export const PILOT_CHECKLIST: readonly PilotChecklistStep[] = STEPS.map(({ id, week }) => {
  const phrase = pilotPhrase(`pilot.step.${id}`);
  return { id, week, title: phrase.text, phrase };
});
