/** Assignments, 1:1 scripts opened and nudges per week, pilot next to comparison. */
import type { PilotReport } from '../../../core/pilot';
import { t } from './messages';

export function ManagerEngagement({ weeks }: { weeks: PilotReport['weeks'] }) {
  return (
    <table class="pilot-table wide">
      <caption class="visually-hidden">{t('pilot.engagementTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('pilot.week')}</th>
          <th scope="col">{t('pilot.group')}</th>
          <th scope="col">{t('pilot.assignments')}</th>
          <th scope="col">{t('pilot.scriptsOpened')}</th>
          <th scope="col">{t('pilot.nudges')}</th>
        </tr>
      </thead>
      {weeks.map((w) => (
        <tbody key={w.week}>
          {(['pilot', 'comparison'] as const).map((g, i) => (
            <tr key={g}>
              {i === 0 && (
                <th scope="rowgroup" rowSpan={2}>
                  {w.week}
                </th>
              )}
              <th scope="row">{t(`pilot.group.${g}`)}</th>
              <td>{w[g].manager.assignmentsMade ?? '–'}</td>
              <td>{w[g].manager.scriptsOpened ?? '–'}</td>
              <td>{w[g].manager.nudgesSent ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
