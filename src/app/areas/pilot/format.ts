/** How the pilot screens word a goal's metric and a number that may be missing. */
import type { PilotGoal } from '../../../core/pilot';
import { formatNumber } from '../../i18n';
import { t } from './messages';

export const goalLabel = (metric: PilotGoal['metric']) => t(`pilot.metric.${metric}`);
export const numberOrDash = (v: number | null) => (v === null ? '–' : formatNumber(v));
