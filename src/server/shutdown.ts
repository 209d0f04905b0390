/**
 * Graceful shutdown, for rolling restarts: on SIGTERM the process stops accepting connections,
 * lets every request already in flight finish and answer (each answer says `Connection: close`,
 * so its client's next request opens a connection to another process), ends idle keep-alive
 * connections politely (a FIN after what was written, never a reset that would discard an answer
 * the client has not read yet), then closes the database. Whatever still runs after `graceMs` is
 * cut (its client retries: every write is idempotent), so the process exits within the
 * orchestrator's grace period.
 */
import type { Server } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/** How long the loop may run after the signal, reading requests that had already arrived. */
const SETTLE_MS = 100;

export interface Closable {
  close(): Promise<void>;
}

/**
 * Starts tracking `server`'s connections; the function returned shuts down and resolves true
 * when every request finished in time and the store closed cleanly.
 */
export function gracefulShutdown(
  server: Server,
  store: Closable,
  graceMs = 8_000,
): () => Promise<boolean> {
  /** Open connections, each with how many of its answers are not yet written. */
  const connections = new Map<Socket, number>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    connections.set(socket, 0);
    socket.once('close', () => connections.delete(socket));
  });
  server.on('request', (req, res) => {
    const socket = req.socket;
    connections.set(socket, (connections.get(socket) ?? 0) + 1);
    if (closing) res.setHeader('connection', 'close');
    res.once('finish', () => {
      const left = (connections.get(socket) ?? 1) - 1;
      connections.set(socket, left);
      if (closing && left === 0) socket.end();
    });
  });
  return async () => {
    closing = true;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    // Stop accepting; unlike http's close(), net's leaves connections to us (http's would
    // destroy every connection it deems idle, resetting answers still on their way).
    const drained = new Promise<boolean>((resolve) =>
      NetServer.prototype.close.call(server, () => resolve(true)),
    );
    for (const [socket, answering] of connections) if (answering === 0) socket.end();
    let timer: NodeJS.Timeout | undefined;
    const cut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        for (const socket of connections.keys()) socket.destroy();
        resolve(false);
      }, graceMs);
    });
    const finished = await Promise.race([drained, cut]);
    clearTimeout(timer);
    return store.close().then(
      () => finished,
      (err: Error) => {
        console.error('shutdown: closing the database failed:', err.message);
        return false;
      },
    );
  };
}
