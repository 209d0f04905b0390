/**
 * The bundle gate: what a learner's first screen downloads stays within 50 KB of gzipped
 * JavaScript, and the lazy areas (everything under src/app/areas/: the people and pilot screens
 * with their stores, messages and CSS) are never part of it: they are reached only through
 * `import()`, and their files are built into assets/areas/, which is never precached
 * (scripts/areas.mjs). Builds the app in memory with the real Vite config (bench/bundle.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { measureBundle, type BundleReport } from '../../bench/bundle';
import { AREA_OUTPUT, areaOf } from '../../scripts/areas.mjs';

/**
 * Phrases only the lazy areas (or only the server) word: coaching, people-only refusals, pilot
 * notes and steps, push texts, upload problems. They live in src/core because the server
 * composes them.
 */
const AREA_PHRASES = /^src\/core\/phrases\/(coach|people-errors|pilot|push|uploads)[^/]*$/;

let report: BundleReport;
beforeAll(async () => {
  report = await measureBundle();
}, 60_000);

describe('the first screen a learner loads', () => {
  it('stays within the 50 KB gzip JavaScript budget', () => {
    expect(report.firstScreen.jsGzip).toBeGreaterThan(report.floor.jsGzip);
    expect(report.firstScreen.jsGzip).toBeLessThanOrEqual(report.budget.firstScreenJsGzip);
  });

  it('contains nothing of a lazy area, nor the phrases only the areas word', () => {
    const modules = report.firstScreen.modules;
    expect(modules.filter((m) => areaOf(m) !== undefined)).toEqual([]);
    expect(modules.filter((m) => AREA_PHRASES.test(m))).toEqual([]);
    expect(report.firstScreen.files.filter((f) => f.startsWith(AREA_OUTPUT))).toEqual([]);
  });

  it('leaves the lesson player within the same budget', () => {
    expect(report.firstScreen.modules).toContain('src/app/views/Home.tsx');
    expect(report.lessonPlayer.jsGzip).toBeLessThanOrEqual(report.budget.firstScreenJsGzip);
  });
});

describe('the lazy areas', () => {
  /** The built file holding a source module, among the lazily loaded chunks. */
  const fileOf = (module: string) =>
    report.lazyChunks.find((c) => c.modules.includes(module))?.file;

  it('are built into assets/areas/<area>/: the team, 1:1, admin and pilot screens', () => {
    for (const module of [
      'src/app/areas/people/TeamView.tsx',
      'src/app/areas/people/TeamMember.tsx',
      'src/app/areas/people/Coaching.tsx',
      'src/app/areas/people/team-store.ts',
      'src/app/areas/people/admin/AdminView.tsx',
      'src/app/areas/people/messages.ts',
    ])
      expect(fileOf(module), module).toMatch(/^assets\/areas\/people\//);
    expect(fileOf('src/app/areas/pilot/PilotDashboard.tsx')).toMatch(/^assets\/areas\/pilot\//);
  });
});
