/**
 * Moving a pilot from SQLite to PostgreSQL with `npm run store -- export | import`, run as the
 * real command: every person's state, their sessions and the catalog must be the same afterwards.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import { demoAccounts } from '../../src/server/seed';
import { openStore } from '../../src/server/store/open';
import type { Store } from '../../src/server/store/store';
import { NOT_TRANSFERRED, TRANSFER_TABLES } from '../../src/server/store/tables';
import { lessonEvent, signInAs, syncBody, type Client } from '../support/api';
import { freshPostgresSchema, postgresSkipped, TEST_DATABASE_URL } from '../support/databases';
import { demoStore, ROOT } from '../support/server';

const run = promisify(execFile);
const LESSONS = ['giving-feedback.specific-feedback', 'giving-feedback.deliver-feedback'];

/** `npm run store -- …` without npm's own output: the same script, run by tsx. */
async function storeCommand(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(ROOT, 'src/server/store/cli.ts'), ...args],
      { cwd: ROOT, env: { ...process.env, ...env } },
    );
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

let dir: string;
let sqlite: Store;
let pgSchema: Awaited<ReturnType<typeof freshPostgresSchema>>;
let cookies: Map<string, string>;

async function everything(app: ReturnType<typeof createApp>) {
  const seen: Record<string, unknown> = {};
  for (const [email, cookie] of cookies) {
    const read = async (path: string) => {
      const res = await app.request(`http://localhost${path}`, { headers: { cookie } });
      expect(res.status, `${email} ${path}`).toBe(200);
      return res.json();
    };
    seen[email] = { me: await read('/api/v1/me'), state: await read('/api/v1/me/state') };
    seen.catalog = await read('/api/v1/catalog');
  }
  return seen;
}

describe.skipIf(postgresSkipped)('moving a pilot from SQLite to PostgreSQL', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kindling-transfer-'));
    pgSchema = await freshPostgresSchema();
    sqlite = await demoStore(join(dir, 'kindling.db'));
    const app = createApp({ store: sqlite });
    cookies = new Map();
    const now = Date.now();
    for (const [i, account] of demoAccounts.entries()) {
      const person: Client = await signInAs(app, account.email);
      cookies.set(account.email, person.cookie);
      // Different progress per person; one device runs two days fast, so times get corrected.
      const skew = i === 1 ? 2 * 86_400_000 : 0;
      const at = (ms: number) => new Date(now - ms + skew).toISOString();
      const device = `device-${i}`;
      const events = LESSONS.slice(0, 1 + (i % 2)).flatMap((lesson, j) => [
        lessonEvent('lesson_started', lesson, at(86_400_000 * (2 - j) + 60_000), device),
        lessonEvent('lesson_completed', lesson, at(86_400_000 * (2 - j)), device),
      ]);
      const res = await person.post('/api/v1/sync', syncBody(events, device, at(0)));
      expect(res.status).toBe(200);
    }
  }, 60_000);

  afterAll(async () => {
    await sqlite?.close();
    await pgSchema?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports, imports, and every person sees the same state with the same session', async () => {
    const file = join(dir, 'pilot.jsonl');
    const exported = await storeCommand({ DATA_DIR: dir }, 'export', file);
    const people = demoAccounts.length;
    const events = demoAccounts.reduce((n, _, i) => n + 2 * (1 + (i % 2)), 0);
    expect(exported.out).toContain(`events ${events}`);
    expect(exported.code).toBe(0);
    const imported = await storeCommand({ DATABASE_URL: pgSchema.url }, 'import', file);
    expect(imported.out).toMatch(
      new RegExp(`imported .* users ${people}, .*events ${events}, sessions ${people}`),
    );
    expect(imported.code).toBe(0);

    const pg = await openStore({
      dialect: 'postgres',
      url: TEST_DATABASE_URL,
      schema: pgSchema.schema,
    });
    try {
      const before = await everything(createApp({ store: sqlite }));
      const after = await everything(createApp({ store: pg }));
      expect(after).toEqual(before);
      const learner = before['learner@demo.test'] as { state: { completedLessonIds: string[] } };
      expect(learner.state.completedLessonIds).toHaveLength(1);
      for (const account of demoAccounts) {
        const id = (before[account.email] as { me: { user: { id: string } } }).me.user.id;
        expect(await pg.userEvents(id)).toEqual(await sqlite.userEvents(id));
      }
      // The password hashes moved too: signing in on PostgreSQL works with the same password.
      await signInAs(createApp({ store: pg }), 'manager@demo.test');
    } finally {
      await pg.close();
    }
  });

  it('refuses to import into a database that already has data, and changes nothing', async () => {
    const file = join(dir, 'again.jsonl');
    expect((await storeCommand({ DATA_DIR: dir }, 'export', file, '--no-sessions')).code).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('"table":"sessions"');
    const again = await storeCommand({ DATABASE_URL: pgSchema.url }, 'import', file);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/not empty \(orgs, cohorts, users/);
  });

  it('refuses a file that is not an export, with the line', async () => {
    const other = await freshPostgresSchema();
    try {
      const file = join(dir, 'bad.jsonl');
      writeFileSync(file, '{"kindling":"export","format":1,"schema":["0999-future"]}\n');
      const res = await storeCommand({ DATABASE_URL: other.url }, 'import', file);
      expect(res.code).toBe(1);
      expect(res.out).toMatch(/exported at schema 0999-future, this build is at \d{4}-/);
      writeFileSync(file, 'hello\n');
      expect((await storeCommand({ DATABASE_URL: other.url }, 'import', file)).out).toMatch(
        /bad.jsonl:1: not JSON/,
      );
    } finally {
      await other.drop();
    }
  });

  it('backs a running SQLite database up to a file that opens with the same people', async () => {
    const file = join(dir, 'backup.db');
    const res = await storeCommand({ DATA_DIR: dir }, 'backup', file);
    expect(res.code).toBe(0);
    const copy = new Database(file, { readonly: true });
    const { n } = copy.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
    copy.close();
    expect(n).toBe(demoAccounts.length);
  });
});

describe('the transfer table list', () => {
  it('names every table of the schema, so a new table is never silently left behind', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'kindling-tables-'));
    try {
      await (await openStore({ dialect: 'sqlite', file: join(tmp, 'k.db') })).close();
      const db = new Database(join(tmp, 'k.db'), { readonly: true });
      const tables = db
        .prepare<[], { name: string }>(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .all()
        .map((t) => t.name);
      db.close();
      const listed = [...TRANSFER_TABLES.map((t) => t.name), ...Object.keys(NOT_TRANSFERRED)];
      const missing = tables.filter((t) => !listed.includes(t));
      expect(missing, 'add these to TRANSFER_TABLES or NOT_TRANSFERRED in store/tables.ts').toEqual(
        [],
      );
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
