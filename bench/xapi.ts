/**
 * LRS query benchmark (issue 19). Prints JSON, writes bench/results/xapi.json.
 *
 * Data: one organisation's N statements (default 200,000; `BENCH_STATEMENTS=1000000` for the
 * issue's million) by 2,000 agents over 10 verbs and 500 activities, each with a context parent
 * activity and an instructor, stored over 90 days. Rows are written straight into the SQLite
 * file with better-sqlite3 (exactly the rows `insertStatements` writes, without its per-statement
 * checks, which would only measure ingest); every read goes through `store.queryStatements`, as
 * `GET /xapi/statements` does, for a page of 100 (+1 to know whether there is more).
 *
 * Measured in the same run, p50 / p95 ms over random values: the newest page with no filter (the
 * baseline), then by agent, verb, activity, agent + verb, and agent with related_agents; with
 * each filter's ratio to the baseline.
 *
 * Run: npx tsx bench/xapi.ts
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type StatementQuery } from '../src/server/store/store';
import { seededRandom } from './random';

const N = Number(process.env.BENCH_STATEMENTS ?? 200_000);
const AGENTS = 2_000;
const VERBS = 10;
const ACTIVITIES = 500;
const READS = 200;
const ORG = 'bench-org';
const START = Date.parse('2026-08-01T00:00:00Z');
const SPAN = 90 * 86_400_000;

const agentKey = (i: number) => `mbox:mailto:learner${i}@example.com`;
const verbId = (i: number) => `http://adlnet.gov/expapi/verbs/verb${i}`;
const activityId = (i: number) => `http://example.com/activities/${i}`;
const uuid = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function seed(file: string): number {
  const started = performance.now();
  const raw = new Database(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const random = seededRandom(19);
  const insertStatement = raw.prepare(
    `INSERT INTO xapi_statements (org_id, id, stored, verb_id, registration, voided, voids, body)
     VALUES (?, ?, ?, ?, NULL, 0, NULL, ?)`,
  );
  const insertRef = raw.prepare(
    `INSERT OR IGNORE INTO xapi_refs (org_id, statement_id, kind, value, direct, stored)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  raw.transaction(() => {
    for (let i = 0; i < N; i++) {
      const id = uuid(i);
      const stored = START + Math.floor((i / N) * SPAN);
      const agent = Math.floor(random() * AGENTS);
      const instructor = Math.floor(random() * AGENTS);
      const verb = Math.floor(random() * VERBS);
      const activity = Math.floor(random() * ACTIVITIES);
      const parent = Math.floor(activity / 10);
      const body = JSON.stringify({
        id,
        actor: { mbox: agentKey(agent).slice(5) },
        verb: { id: verbId(verb) },
        object: { id: activityId(activity) },
        context: {
          instructor: { mbox: agentKey(instructor).slice(5) },
          contextActivities: { parent: [{ id: activityId(parent) }] },
        },
        stored: new Date(stored).toISOString(),
      });
      insertStatement.run(ORG, id, stored, verbId(verb), body);
      insertRef.run(ORG, id, 'agent', agentKey(agent), 1, stored);
      insertRef.run(ORG, id, 'agent', agentKey(instructor), 0, stored);
      insertRef.run(ORG, id, 'activity', activityId(activity), 1, stored);
      insertRef.run(ORG, id, 'activity', activityId(parent), 0, stored);
    }
  })();
  raw.pragma('optimize');
  raw.close();
  return Math.round(performance.now() - started);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kindling-xapi-bench-'));
  const file = join(dir, 'kindling.db');
  try {
    (await openStore({ dialect: 'sqlite', file })).close();
    const seedMs = seed(file);
    const store = await openStore({ dialect: 'sqlite', file });
    const random = seededRandom(2026);
    const pick = (n: number) => Math.floor(random() * n);
    const cases: Record<string, () => Omit<StatementQuery, 'orgId' | 'limit'>> = {
      newest: () => ({}),
      agent: () => ({ agent: agentKey(pick(AGENTS)) }),
      verb: () => ({ verb: verbId(pick(VERBS)) }),
      activity: () => ({ activity: activityId(pick(ACTIVITIES)) }),
      agentAndVerb: () => ({ agent: agentKey(pick(AGENTS)), verb: verbId(pick(VERBS)) }),
      relatedAgents: () => ({ agent: agentKey(pick(AGENTS)), relatedAgents: true }),
    };
    const results: Record<string, { p50: number; p95: number; rows: number }> = {};
    for (const [name, make] of Object.entries(cases)) {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < READS; i++) {
        const query = { ...make(), orgId: ORG, limit: 101 };
        const t = performance.now();
        rows += (await store.queryStatements(query)).length;
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      results[name] = {
        p50: +percentile(times, 50).toFixed(3),
        p95: +percentile(times, 95).toFixed(3),
        rows: Math.round(rows / READS),
      };
    }
    await store.close();
    const baseline = results.newest!.p50;
    const report = {
      statements: N,
      agents: AGENTS,
      verbs: VERBS,
      activities: ACTIVITIES,
      database: 'sqlite',
      seedMs,
      pageSize: 100,
      readsPerCase: READS,
      queriesMs: results,
      ratioToNewestP50: Object.fromEntries(
        Object.entries(results).map(([k, v]) => [k, +(v.p50 / baseline).toFixed(2)]),
      ),
    };
    const out = JSON.stringify(report, null, 2);
    console.log(out);
    mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
    writeFileSync(join(import.meta.dirname, 'results', 'xapi.json'), out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
