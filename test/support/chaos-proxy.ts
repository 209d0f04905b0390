/**
 * A fault-injecting HTTP proxy between the browser and the server. Only sync requests are
 * disturbed (the app shell and sign-in pass through); each one draws a fault from a seeded
 * random source: lost request, response lost after the server committed, delay, duplicated
 * request, response cut mid-body. Every event id the browser sent is recorded.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ChaosFault =
  'ok' | 'lose_request' | 'lose_response' | 'delay' | 'duplicate' | 'cut_body';
const FAULTS: ChaosFault[] = [
  'ok',
  'lose_request',
  'lose_response',
  'delay',
  'duplicate',
  'cut_body',
];

/** mulberry32: a tiny seeded PRNG, so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Upstream {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface ChaosProxy {
  url: string;
  /** Every event id seen in a sync request. */
  sentIds: Set<string>;
  faults: Record<ChaosFault, number>;
  /** Turns faults on or off. */
  chaos: boolean;
  /** Holds every sync response this long after the server answered (0: no hold). */
  holdResponseMs: number;
  /** Called when a sync request is forwarded, e.g. to kill the server mid-batch. */
  onForward?: () => void;
  close(): Promise<void>;
}

export async function startChaosProxy(targetPort: number, seed: number): Promise<ChaosProxy> {
  const random = seeded(seed);
  const proxy: ChaosProxy = {
    url: '',
    sentIds: new Set(),
    faults: Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<ChaosFault, number>,
    chaos: true,
    holdResponseMs: 0,
    close: async () => {},
  };

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<Upstream>((resolve, reject) => {
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: targetPort,
          method: req.method,
          path: req.url,
          headers: req.headers, // keep Host: the server checks Origin against it
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 502,
              headers: res.headers,
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks);
        const isSync = req.method === 'POST' && req.url === '/api/v1/sync';
        const fault: ChaosFault =
          isSync && proxy.chaos ? FAULTS[Math.floor(random() * FAULTS.length)]! : 'ok';
        if (isSync) {
          proxy.faults[fault]++;
          const parsed = JSON.parse(body.toString()) as { events?: Array<{ id: string }> };
          for (const e of parsed.events ?? []) proxy.sentIds.add(e.id);
        }
        try {
          if (fault === 'lose_request') return res.socket?.destroy();
          if (fault === 'delay') await new Promise((r) => setTimeout(r, 200 + random() * 1500));
          if (isSync) proxy.onForward?.();
          if (fault === 'duplicate') await forward(req, body).catch(() => undefined);
          const up = await forward(req, body);
          if (isSync && proxy.holdResponseMs > 0)
            await new Promise((r) => setTimeout(r, proxy.holdResponseMs));
          if (fault === 'lose_response') return res.socket?.destroy();
          const headers = { ...up.headers, 'content-length': String(up.body.length) };
          delete headers['transfer-encoding'];
          res.writeHead(up.status, headers);
          if (fault === 'cut_body') {
            res.write(up.body.subarray(0, Math.floor(up.body.length / 2)));
            return res.socket?.destroy();
          }
          res.end(up.body);
        } catch {
          res.socket?.destroy(); // the server is down: the browser sees a network error
        }
      })();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  proxy.url = `http://localhost:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return proxy;
}
