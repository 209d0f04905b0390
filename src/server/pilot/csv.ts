/**
 * CSV exports of the pilot dashboard's tables and of the raw learning events.
 *
 * - Fields are quoted when needed (RFC 4180). A spreadsheet may split on another separator than
 *   the comma (`;` in German Excel, `|`, tab) and run a part that starts with = + - @ (or tab/CR)
 *   as a formula, so a field holding any separator is always quoted, and a field where a formula
 *   could start — at its beginning or after any separator — gets a leading apostrophe.
 * - The event export is a stream: it pulls one page of rows from the store at a time, so a million
 *   events never sit in memory together.
 */
import { STREAK_BUCKETS, GROUPS } from '../../core/pilot';
import type { EventQuery, Store } from '../store/store';
import type { PilotReport } from './report';

type Cell = string | number | boolean | null | undefined;

/** Where a spreadsheet could start a formula: the field's start or any separator, then = + - @ tab CR. */
const FORMULA_START = /(?:^|[\s,;|])[=+\-@\t\r]/;
/** Characters some spreadsheet splits or ends a field on: a field holding one is always quoted. */
const NEEDS_QUOTES = /[",;|\t\r\n]/;

export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLine = (cells: readonly Cell[]) => `${cells.map(csvField).join(',')}\r\n`;

export const PILOT_TABLES = ['weekly', 'competency', 'outcomes'] as const;
export type PilotTable = (typeof PILOT_TABLES)[number];

export function tableCsv(report: PilotReport, table: PilotTable): string {
  if (table === 'weekly') {
    const header = [
      'week',
      'from',
      'to',
      'group',
      'members',
      'active',
      'weekly_active_pct',
      'lessons',
      'lessons_per_active',
      'minutes',
      'minutes_per_member',
      'pathways_started',
      'pathways_completed',
      'pathway_completion_pct',
      ...STREAK_BUCKETS.map((b) => `streak_${b}`),
      'assignments_made',
      'scripts_opened',
      'nudges_sent',
    ];
    const rows = report.weeks.flatMap((w) =>
      GROUPS.map((g) => {
        const m = w[g];
        return [
          w.week,
          w.from,
          w.to,
          g,
          m.members,
          m.active,
          m.weeklyActivePct,
          m.lessons,
          m.lessonsPerActive,
          m.minutes,
          m.minutesPerMember,
          m.pathwaysStarted,
          m.pathwaysCompleted,
          m.pathwayCompletionPct,
          ...STREAK_BUCKETS.map((b) => m.streaks[b]),
          m.manager.assignmentsMade,
          m.manager.scriptsOpened,
          m.manager.nudgesSent,
        ];
      }),
    );
    return [header, ...rows].map(csvLine).join('');
  }
  if (table === 'competency') {
    const header = ['pathway_id', 'pathway', 'group', 'started', 'reached', 'median_days'];
    const rows = report.timeToCompetency.flatMap((p) =>
      GROUPS.map((g) => [p.pathwayId, p.title, g, p[g].started, p[g].reached, p[g].medianDays]),
    );
    return [header, ...rows].map(csvLine).join('');
  }
  const header = ['outcome', 'group', 'eligible', 'count', 'pct', 'ci95_low', 'ci95_high'];
  const rows = (['retention', 'mobility'] as const).flatMap((o) =>
    GROUPS.map((g) => {
      const p = report.outcomes[g][o];
      return [o, g, p.n, p.k, p.pct, p.low, p.high];
    }),
  );
  // Files for BI tools and archives are English: the note's English text, whatever the reader's locale.
  return [header, ...rows].map(csvLine).join('') + csvLine([`# ${report.note.text}`]);
}

export const EVENT_COLUMNS = [
  'event_id',
  'user_email',
  'type',
  'occurred_at',
  'corrected_at',
  'tz',
  'lesson_id',
  'body',
];

/** Every event of the query as CSV, one row per event, pulled from the store page by page. */
export function eventsCsvStream(store: Store, query: EventQuery): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const pages = store.eventPages(query)[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(EVENT_COLUMNS)));
        return;
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      const text = next.value
        .map((r) =>
          csvLine([
            r.id,
            r.email,
            r.type,
            r.occurredAt,
            new Date(r.correctedAt).toISOString(),
            r.tz,
            r.lessonId,
            r.body,
          ]),
        )
        .join('');
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await pages.return?.();
    },
  });
}
