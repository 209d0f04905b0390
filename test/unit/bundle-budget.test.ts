/**
 * The bundle gate: what a learner's first screen downloads stays within 50 KB of gzipped
 * JavaScript, and screens only managers, admins and pilot leads use are never part of it (they
 * must be dynamic imports). Builds the app in memory with the real Vite config (bench/bundle.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { measureBundle, type BundleReport } from '../../bench/bundle';

/**
 * Source files of role-only screens and stores (src/app/**\/(manager|admin|pilot)…), the
 * message catalogs of the lazily loaded people and pilot screens (src/app/messages/people…), and
 * the server's phrases only those screens (or only the server) word: coaching, people-only
 * refusals, pilot notes and steps, push texts, upload problems
 * (src/core/phrases/(coach|people-errors|pilot|push|uploads)…).
 */
const ROLE_ONLY =
  /^src\/(app\/(.*(manager|admin|pilot)[^/]*|messages\/people[^/]*)|core\/phrases\/(coach|people-errors|pilot|push|uploads)[^/]*)$/i;

let report: BundleReport;
beforeAll(async () => {
  report = await measureBundle();
}, 60_000);

describe('the first screen a learner loads', () => {
  it('stays within the 50 KB gzip JavaScript budget', () => {
    expect(report.firstScreen.jsGzip).toBeGreaterThan(report.floor.jsGzip);
    expect(report.firstScreen.jsGzip).toBeLessThanOrEqual(report.budget.firstScreenJsGzip);
  });

  it('contains no manager, admin or pilot screen (those are lazy chunks)', () => {
    const roleOnly = report.firstScreen.modules.filter((m) => ROLE_ONLY.test(m));
    expect(roleOnly).toEqual([]);
  });

  it('leaves the lesson player within the same budget', () => {
    expect(report.firstScreen.modules).toContain('src/app/views/Home.tsx');
    expect(report.lessonPlayer.jsGzip).toBeLessThanOrEqual(report.budget.firstScreenJsGzip);
  });
});
