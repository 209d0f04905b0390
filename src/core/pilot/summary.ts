/**
 * A learner's pilot summary: everything the weekly tally and time to competency need of one
 * member of one pilot, folded from their learner days (days.ts), so the report reads one row per
 * member instead of a row per member and active day.
 *
 * A summary is made for one window and one content (lesson minutes and pathway lessons are read
 * from the catalog when it is made): `pilotContentKey` names the content, and a report made with
 * other content folds that member's days again instead.
 */
import { addDays, daysBetween } from '../calendar';
import type { PilotContent } from './content';
import type { LearnerDay } from './days';
import { pilotEndDate, type PilotWindow } from './window';

/** The widest offsets from UTC of any zone: a local date's instants lie within these margins. */
const EARLIEST_OFFSET_MS = 14 * 3_600_000;
const LATEST_OFFSET_MS = 12 * 3_600_000;

/** The window's instants, widened so every local date inside it is covered in any time zone. */
export function windowRange(window: PilotWindow): { fromMs: number; toMs: number } {
  return {
    fromMs: Date.parse(`${window.startDate}T00:00:00Z`) - EARLIEST_OFFSET_MS,
    toMs: Date.parse(`${addDays(pilotEndDate(window), 1)}T00:00:00Z`) + LATEST_OFFSET_MS,
  };
}

/** The local days whose rows can hold what a window counts (passes: two days each side). */
export function windowDays(window: PilotWindow): { fromDay: string; toDay: string } {
  return { fromDay: addDays(window.startDate, -2), toDay: addDays(pilotEndDate(window), 2) };
}

export interface PilotSummary {
  /** Per week, the window's active days as bits (bit d: day 7w + d had a counted completion). */
  active: number[];
  /** Per week, `lesson_completed` counted (replays included). */
  lessons: number[];
  /** Per week, the shown estimate of every completed lesson, summed. */
  minutes: number[];
  /**
   * Pathway id → [first day any of its lessons was completed (day index in the window), the day
   * its last lesson was first completed (-1 while some lesson is not), the first completion's instant].
   */
  pathways: Record<string, [number, number, number]>;
  /** Module id → the first passing attempt of its assessment in the window's instants. */
  passes: Record<string, number>;
}

/**
 * Folds one member's days into the summary of a window; undefined when nothing in them counts
 * (no completion inside the window, no pass inside `range`, an instant window).
 */
export function summarizeDays(
  days: Iterable<LearnerDay>,
  window: PilotWindow,
  content: PilotContent,
  range: { fromMs: number; toMs: number },
): PilotSummary | undefined {
  const length = window.weeks * 7;
  const s: PilotSummary = {
    active: new Array<number>(window.weeks).fill(0),
    lessons: new Array<number>(window.weeks).fill(0),
    minutes: new Array<number>(window.weeks).fill(0),
    pathways: {},
    passes: {},
  };
  let any = false;
  const seen = content.pathways.map(() => new Map<string, number>());
  const firstAt = content.pathways.map(() => Infinity);
  const pathwaysOf = new Map<string, number[]>();
  content.pathways.forEach((p, pi) => {
    for (const l of p.lessonIds) pathwaysOf.set(l, [...(pathwaysOf.get(l) ?? []), pi]);
  });
  for (const d of days) {
    for (const [moduleId, ats] of Object.entries(d.passes))
      for (const at of ats)
        if (at >= range.fromMs && at < range.toMs) {
          any = true;
          const prior = s.passes[moduleId];
          if (prior === undefined || at < prior) s.passes[moduleId] = at;
        }
    const day = daysBetween(window.startDate, d.day);
    if (day < 0 || day >= length) continue;
    const week = Math.floor(day / 7);
    for (const [lessonId, { n, first }] of Object.entries(d.completions)) {
      any = true;
      s.active[week]! |= 1 << (day - week * 7);
      s.lessons[week]! += n;
      s.minutes[week]! += n * (content.lessonMinutes.get(lessonId) ?? 0);
      for (const pi of pathwaysOf.get(lessonId) ?? []) {
        const prior = seen[pi]!.get(lessonId);
        if (prior === undefined || day < prior) seen[pi]!.set(lessonId, day);
        if (first < firstAt[pi]!) firstAt[pi] = first;
      }
    }
  }
  content.pathways.forEach((p, pi) => {
    const days = [...seen[pi]!.values()];
    if (days.length === 0) return;
    const done = days.length === p.lessonIds.length ? Math.max(...days) : -1;
    s.pathways[p.id] = [Math.min(...days), done, firstAt[pi]!];
  });
  return any ? s : undefined;
}

/** A short name of the content a summary depends on (lesson minutes, pathway lessons). */
export function pilotContentKey(content: PilotContent): string {
  const text = JSON.stringify([
    [...content.lessonMinutes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    content.pathways.map((p) => [p.id, p.lessonIds]),
  ]);
  // FNV-1a, two 32-bit lanes: a name, not a security boundary.
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return `${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}:${text.length}`;
}

/**
 * A summary as stored: one flat JSON array, quick to parse a hundred thousand times —
 * `[weeks, active × weeks, lessons × weeks, minutes × weeks, pathways started,
 * (pathway position, first day, day done, first instant) each, (module id, pass instant) each]`.
 * Pathways go by their position in `content`, which the row's content key names. The tally reads
 * it back (`addStoredSummary` in tally.ts).
 */
export function encodeSummary(s: PilotSummary, content: PilotContent): string {
  const out: Array<number | string> = [s.active.length, ...s.active, ...s.lessons, ...s.minutes];
  const pathways: number[] = [];
  content.pathways.forEach((p, pi) => {
    const span = s.pathways[p.id];
    if (span) pathways.push(pi, ...span);
  });
  out.push(pathways.length / 4, ...pathways);
  for (const [moduleId, at] of Object.entries(s.passes)) out.push(moduleId, at);
  return JSON.stringify(out);
}
