/**
 * Moving a whole Kindling database between stores (SQLite ⇄ PostgreSQL) as JSON Lines:
 *
 *   {"kindling":"export","format":1,"schema":["0001-…","0012-…"],"dialect":"sqlite","exportedAt":"…"}
 *   {"table":"orgs","row":{"id":"demo-co","name":"Demo Co"}}
 *   …one line per row, tables in TRANSFER_TABLES order…
 *
 * Rows are exported exactly as stored (password hashes, events with their corrected times), so
 * the target answers every request the way the source did. The import runs in one transaction
 * and only into an empty database.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { migrationNames } from './migrations';
import type { Store } from './store';
import { TRANSFER_TABLES, type TransferRow } from './tables';

export const EXPORT_FORMAT = 1;

interface Header {
  kindling: 'export';
  format: number;
  /** Every migration the exporting build knows: an import needs exactly the same. */
  schema: string[];
  dialect: string;
  exportedAt: string;
}

export async function exportStore(
  store: Store,
  out: Writable,
  options: { sessions?: boolean } = {},
): Promise<Record<string, number>> {
  const write = async (value: unknown) => {
    if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
  };
  const header: Header = {
    kindling: 'export',
    format: EXPORT_FORMAT,
    schema: migrationNames(),
    dialect: store.dialect,
    exportedAt: new Date().toISOString(),
  };
  await write(header);
  const counts: Record<string, number> = {};
  for (const table of TRANSFER_TABLES) {
    if (table.optional && options.sessions === false) continue;
    counts[table.name] = 0;
    for await (const row of store.exportRows(table.name)) {
      await write({ table: table.name, row });
      counts[table.name]!++;
    }
  }
  return counts;
}

/** Tables of the target that already hold rows; an import needs them all empty. */
export async function nonEmptyTables(store: Store): Promise<string[]> {
  const found = [];
  for (const table of TRANSFER_TABLES)
    for await (const _row of store.exportRows(table.name)) {
      found.push(table.name);
      break;
    }
  return found;
}

export class ImportError extends Error {}

async function* readExport(file: string): AsyncIterable<TransferRow> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ImportError(`${file}:${lineNo}: not JSON`);
    }
    if (lineNo === 1) {
      checkHeader(file, value as Partial<Header>);
      continue;
    }
    const { table, row } = value as Partial<TransferRow>;
    if (typeof table !== 'string' || typeof row !== 'object' || row === null)
      throw new ImportError(`${file}:${lineNo}: expected {"table": …, "row": {…}}`);
    yield { table, row };
  }
  if (lineNo === 0) throw new ImportError(`${file} is empty`);
}

function checkHeader(file: string, header: Partial<Header>) {
  if (header.kindling !== 'export' || header.format !== EXPORT_FORMAT)
    throw new ImportError(`${file} is not a Kindling export (format ${EXPORT_FORMAT})`);
  const ours = migrationNames();
  if (header.schema?.join() !== ours.join())
    throw new ImportError(
      `${file} was exported at schema ${header.schema?.at(-1) ?? 'unknown'}, this build is at ${ours.at(-1)}: export it again with this build`,
    );
}

export async function importStore(store: Store, file: string): Promise<Record<string, number>> {
  const busy = await nonEmptyTables(store);
  if (busy.length)
    throw new ImportError(
      `the target database is not empty (${busy.join(', ')}); import into an empty one, e.g. a new schema, and start no server on it before`,
    );
  return store.importRows(readExport(file));
}
