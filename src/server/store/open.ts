import { join } from 'node:path';
import type { Store } from './store';
import { openSqliteStore } from './sqlite';

/** DATABASE_URL=postgres://… selects PostgreSQL; otherwise SQLite in DATA_DIR (default ./data). */
export async function openStoreFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  const url = env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const { openPostgresStore } = await import('./postgres');
    return openPostgresStore(url);
  }
  return openSqliteStore(join(env.DATA_DIR ?? './data', 'kindling.db'));
}
