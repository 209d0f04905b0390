/**
 * `npm run store -- <command>` on the store the environment selects (DATA_DIR, or DATABASE_URL
 * with DATABASE_SCHEMA / ?schema=), the same one `npm run serve` would open:
 *
 *   export <file.jsonl> [--no-sessions]   every table in store/tables.ts, as JSON Lines
 *   import <file.jsonl>                   into an EMPTY database, in one transaction
 *   backup <file.db>                      SQLite online backup (safe while the server runs)
 *
 * Moving a pilot from SQLite to PostgreSQL is `export` with DATA_DIR, then `import` with
 * DATABASE_URL. Exit codes: 0 done, 1 failed, 2 usage.
 */
import Database from 'better-sqlite3';
import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import { openStore, storeTargetFromEnv } from './open';
import { exportStore, ImportError, importStore } from './transfer';

const USAGE =
  'usage: npm run store -- export <file.jsonl> [--no-sessions] | import <file.jsonl> | backup <file.db>';

const summary = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');

async function main(argv: string[]): Promise<number> {
  const [command, file, ...flags] = argv;
  if (!file || !['export', 'import', 'backup'].includes(command ?? '')) {
    console.error(USAGE);
    return 2;
  }
  const target = storeTargetFromEnv();
  const where =
    target.dialect === 'sqlite' ? target.file : `PostgreSQL schema ${target.schema ?? '(default)'}`;

  if (command === 'backup') {
    if (target.dialect !== 'sqlite') {
      console.error('backup is for SQLite; back PostgreSQL up with pg_dump (see README).');
      return 2;
    }
    if (!existsSync(target.file)) {
      console.error(`no database at ${target.file}`);
      return 1;
    }
    const db = new Database(target.file, { readonly: true, fileMustExist: true });
    try {
      const { totalPages } = await db.backup(file);
      console.log(`backed up ${target.file} to ${file} (${totalPages} pages)`);
    } finally {
      db.close();
    }
    return 0;
  }

  if (command === 'import' && !existsSync(file)) {
    console.error(`no such file: ${file}`);
    return 1;
  }
  const store = await openStore(target);
  try {
    if (command === 'export') {
      const out = createWriteStream(file);
      const counts = await exportStore(store, out, { sessions: !flags.includes('--no-sessions') });
      out.end();
      await once(out, 'finish');
      console.log(`exported ${where} to ${file}: ${summary(counts)}`);
    } else {
      const counts = await importStore(store, file);
      console.log(`imported ${file} into ${where}: ${summary(counts)}`);
    }
    return 0;
  } catch (err) {
    const message = (err as Error).message;
    console.error(
      err instanceof ImportError || command === 'export'
        ? message
        : `import failed, nothing was imported: ${message}`,
    );
    return 1;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
