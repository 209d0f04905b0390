import { join } from 'node:path';
import type { StoreTarget } from './db';
import { openStore, type Store } from './store';

export type { StoreTarget } from './db';
export { openStore } from './store';

/**
 * DATABASE_URL=postgres://… selects PostgreSQL; its schema comes from DATABASE_SCHEMA or from
 * `?schema=name` on the URL (default: the server's search_path, usually `public`). Otherwise
 * SQLite in DATA_DIR (default ./data).
 */
export function storeTargetFromEnv(env: NodeJS.ProcessEnv = process.env): StoreTarget {
  const raw = env.DATABASE_URL;
  if (raw && /^postgres(ql)?:\/\//.test(raw)) {
    const url = new URL(raw);
    const schema = env.DATABASE_SCHEMA || url.searchParams.get('schema') || undefined;
    url.searchParams.delete('schema');
    return { dialect: 'postgres', url: url.toString(), ...(schema ? { schema } : {}) };
  }
  return { dialect: 'sqlite', file: join(env.DATA_DIR ?? './data', 'kindling.db') };
}

export async function openStoreFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  return openStore(storeTargetFromEnv(env));
}
