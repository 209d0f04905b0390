import { join } from 'node:path';
import type { Store } from './store';
import { openSqliteStore } from './sqlite';

/** Where the store lives, from the environment (and the `?schema=` parameter of DATABASE_URL). */
export type StoreTarget =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string; schema?: string };

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

export async function openStore(target: StoreTarget): Promise<Store> {
  if (target.dialect === 'postgres') {
    const { openPostgresStore } = await import('./postgres');
    return openPostgresStore(target.url, { schema: target.schema });
  }
  return openSqliteStore(target.file);
}

export async function openStoreFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  return openStore(storeTargetFromEnv(env));
}
