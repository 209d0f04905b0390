/**
 * SQLite's checkpoints run in a worker thread (src/server/store/wal-checkpoints.ts): the log is
 * copied into the database file without the store's own connection doing it, and the worker
 * neither keeps a process alive nor lets one end before a closing store has stopped it.
 */
import BetterSqlite3 from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKSTOP_PAGES, checkpointOffThread } from '../../src/server/store/wal-checkpoints';
import { ROOT } from '../support/server';

const run = promisify(execFile);
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'kindling-wal-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const until = async (what: () => boolean, ms = 10_000) => {
  for (const end = Date.now() + ms; Date.now() < end;)
    if (what()) return true;
    else await new Promise((r) => setTimeout(r, 50));
  return what();
};

describe('WAL checkpoints off the request thread', () => {
  it('copies committed pages into the database file while the writer itself never checkpoints', async () => {
    const file = join(tempDir(), 'k.db');
    const raw = new BetterSqlite3(file);
    raw.pragma('journal_mode = WAL');
    raw.exec('CREATE TABLE t (x TEXT)');
    const checkpoints = checkpointOffThread(raw, 50);
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
    const insert = raw.prepare('INSERT INTO t VALUES (?)');
    // ~2,000 pages of 4 KB, far below the writer's own backstop of 10,000 pages
    for (let i = 0; i < 200; i++) raw.transaction(() => insert.run('x'.repeat(40_000)))();
    const bytes = 200 * 40_000;
    expect(await until(() => statSync(file).size > bytes)).toBe(true);
    await checkpoints.stop();
    expect((raw.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(200);
    raw.close();
  });

  it('lets a process end with a file store left open, and waits for it when the store closes', async () => {
    const dir = tempDir();
    const script = join(dir, 'store.mts');
    const open = `import { openStore } from ${JSON.stringify(join(ROOT, 'src/server/store/store.ts'))};
const store = await openStore({ dialect: 'sqlite', file: ${JSON.stringify(join(dir, 'k.db'))} });
await store.createOrg({ id: process.argv[2], name: process.argv[2] });
if (process.argv[2] === 'close') { await store.close(); console.log('closed'); }
else console.log('left open');`;
    writeFileSync(script, open);
    for (const how of ['close', 'leave']) {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', script, how], {
        cwd: ROOT,
        timeout: 60_000,
      });
      expect(stdout.trim()).toBe(how === 'close' ? 'closed' : 'left open');
    }
    const db = new BetterSqlite3(join(dir, 'k.db'), { readonly: true });
    // both processes' writes reached the file, the second's from a store it never closed
    expect(db.prepare('SELECT name FROM orgs ORDER BY name').all()).toEqual([
      { name: 'close' },
      { name: 'leave' },
    ]);
    db.close();
  }, 120_000);
});
