/**
 * A minimal LRS for forwarding tests: a node:http server that takes statements at
 * `/xapi/statements` the way the specification asks (HTTP Basic with one key, the version
 * header, an id stored once: a resend of the same statement is accepted and changes nothing, a
 * different one under a stored id is 409), and records every id it was sent.
 *
 * Statements are checked with Kindling's own validation of the xAPI Data part (400 when one
 * fails), so what the sender forwards must be what an LRS accepts.
 *
 * `mode` cuts the connection on demand: `fail` answers 503, `hold` stores what arrives but never
 * answers (the sender dies waiting), `ok` answers as an LRS. `close()`/`listen()` refuse
 * connections for a while on the same port.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { StatementProblem, validateStatement } from '../../src/server/xapi/validate';

type Json = Record<string, unknown>;

export interface LrsReceiver {
  url: string;
  key: string;
  secret: string;
  mode: 'ok' | 'fail' | 'hold';
  /** Milliseconds each answer waits (a slow LRS, so senders overlap). */
  delayMs: number;
  /** Statements stored, by id (each once). */
  stored: Map<string, Json>;
  /** Every id in every request, resends included. */
  received: string[];
  /** Requests answered, by status. */
  answered: number[];
  /** Requests held in `hold` mode. */
  held: number;
  close(): Promise<void>;
  listen(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text));
  });

export async function startLrsReceiver(): Promise<LrsReceiver> {
  const sockets = new Set<Socket>();
  const key = 'company-key';
  const secret = 'company-secret';
  const basic = `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
  const answer = (res: ServerResponse, status: number, body?: unknown) => {
    receiver.answered.push(status);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      if (receiver.mode === 'fail') return answer(res, 503);
      const url = new URL(req.url ?? '/', 'http://lrs');
      if (url.pathname !== '/xapi/statements') return answer(res, 404);
      if (req.headers.authorization !== basic) return answer(res, 401);
      if (req.headers['x-experience-api-version'] !== '2.0.0') return answer(res, 400);
      const sent = JSON.parse(text) as Json | Json[];
      const list = Array.isArray(sent) ? sent : [sent];
      try {
        list.forEach((s, i) => validateStatement(s, `statements[${i}]`));
      } catch (err) {
        if (err instanceof StatementProblem) return answer(res, 400, { problem: err.message });
        throw err;
      }
      receiver.received.push(...list.map((s) => String(s.id)));
      const conflict = list.some(
        (s) =>
          receiver.stored.has(String(s.id)) &&
          JSON.stringify(receiver.stored.get(String(s.id))) !== JSON.stringify(s),
      );
      if (conflict) return answer(res, 409);
      for (const s of list)
        if (!receiver.stored.has(String(s.id))) receiver.stored.set(String(s.id), s);
      if (receiver.mode === 'hold') {
        receiver.held++;
        return; // stored, never answered
      }
      if (receiver.delayMs) await new Promise((resolve) => setTimeout(resolve, receiver.delayMs));
      if (req.method === 'PUT') return answer(res, 204);
      return answer(
        res,
        200,
        list.map((s) => s.id),
      );
    })();
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) =>
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as { port: number }).port;
        resolve();
      }),
    );
  await listen();
  const receiver: LrsReceiver = {
    url: `http://127.0.0.1:${port}/xapi`,
    key,
    secret,
    mode: 'ok',
    delayMs: 0,
    stored: new Map(),
    received: [],
    answered: [],
    held: 0,
    listen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return receiver;
}
