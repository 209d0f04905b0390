/**
 * One weekly metric, pilot vs comparison: grouped bars drawn as SVG (role="img" with a title and
 * a description that states the numbers), and the same numbers in a table beside the chart.
 */
import { niceTop, type WeekMetrics, type WeekGroupMetrics } from '../../../core/pilot';
import { formatNumber } from '../../i18n';
import { t } from './messages';

type Metric = 'weeklyActivePct' | 'lessonsPerActive' | 'minutesPerMember' | 'pathwayCompletionPct';

const W = 320;
const H = 160;
const PAD = { left: 28, right: 6, top: 8, bottom: 20 };

const show = (v: number | null, format: (v: number) => string) => (v === null ? '–' : format(v));

export function PilotChart({
  id,
  title,
  metric,
  format,
  weeks,
  max,
}: {
  id: string;
  title: string;
  metric: Metric;
  /** The metric's value as the reader reads it, in their locale: "25%", "3.5", "12 min". */
  format: (v: number) => string;
  weeks: readonly WeekMetrics[];
  max?: number;
}) {
  const value = (m: WeekGroupMetrics) => m[metric];
  const top =
    max ??
    niceTop(Math.max(...weeks.flatMap((w) => [value(w.pilot) ?? 0, value(w.comparison) ?? 0])));
  const slot = (W - PAD.left - PAD.right) / Math.max(1, weeks.length);
  const bar = Math.max(2, slot * 0.38);
  const y = (v: number) => PAD.top + (H - PAD.top - PAD.bottom) * (1 - v / top);
  const latest = weeks.at(-1);
  const desc = latest
    ? t('pilot.chart.desc', {
        week: latest.week,
        pilot: show(value(latest.pilot), format),
        comparison: show(value(latest.comparison), format),
      })
    : t('pilot.chart.empty');
  return (
    <figure class="pilot-figure" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        <h3>{title}</h3>
      </figcaption>
      <div class="pilot-figure-body">
        <svg
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-labelledby={`${id}-title ${id}-desc`}
          class="pilot-chart"
        >
          <title id={`${id}-title`}>{t('pilot.chart.title', { title })}</title>
          <desc id={`${id}-desc`}>{desc}</desc>
          {/* Comparison bars are hatched, so the two groups differ by more than colour. */}
          <defs>
            <pattern
              id={`${id}-hatch`}
              width="4"
              height="4"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width="4" height="4" class="hatch-ground" />
              <line x1="0" y1="0" x2="0" y2="4" class="hatch-line" />
            </pattern>
          </defs>
          <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} class="axis" />
          {[top, top / 2].map((v) => (
            <g key={v}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} class="grid" />
              <text x={PAD.left - 4} y={y(v) + 4} class="tick" text-anchor="end">
                {formatNumber(v)}
              </text>
            </g>
          ))}
          <text x={PAD.left - 4} y={y(0)} class="tick" text-anchor="end">
            0
          </text>
          {weeks.map((w, i) => {
            const x = PAD.left + i * slot + slot * 0.1;
            const p = value(w.pilot) ?? 0;
            const c = value(w.comparison) ?? 0;
            return (
              <g key={w.week}>
                <rect x={x} y={y(p)} width={bar} height={y(0) - y(p)} class="bar-pilot" />
                <rect
                  x={x + bar}
                  y={y(c)}
                  width={bar}
                  height={y(0) - y(c)}
                  fill={`url(#${id}-hatch)`}
                />
                {(weeks.length <= 12 || i % 2 === 0) && (
                  <text x={x + bar} y={H - 6} class="tick" text-anchor="middle">
                    {w.week}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
        <table class="pilot-table">
          <caption class="visually-hidden">{t('pilot.chart.caption', { title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pilot.week')}</th>
              <th scope="col">{t('pilot.group.pilot')}</th>
              <th scope="col">{t('pilot.group.comparison')}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.week}>
                <th scope="row">{w.week}</th>
                <td>{show(value(w.pilot), format)}</td>
                <td>{show(value(w.comparison), format)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
