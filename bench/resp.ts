/**
 * A minimal Redis client (RESP2 over node:net) for benchmarks: pipelined commands, replies parsed
 * in order. No redis package is installed; this is all the benchmark needs.
 */
import { connect, type Socket } from 'node:net';

type Reply = string | number | null | Reply[];

export interface Resp {
  /** Sends commands in one write and resolves with their replies, in order. */
  pipeline(commands: Array<Array<string | number>>): Promise<Reply[]>;
  close(): void;
}

function encode(command: Array<string | number>): string {
  let out = `*${command.length}\r\n`;
  for (const part of command) {
    const s = String(part);
    out += `$${Buffer.byteLength(s)}\r\n${s}\r\n`;
  }
  return out;
}

/** Parses one reply at `offset`; returns undefined when the buffer does not hold it all yet. */
function parse(buf: Buffer, offset: number): [Reply, number] | undefined {
  const end = buf.indexOf('\r\n', offset);
  if (end < 0) return undefined;
  const type = String.fromCharCode(buf[offset]!);
  const line = buf.toString('utf8', offset + 1, end);
  if (type === '+') return [line, end + 2];
  if (type === '-') throw new Error(`redis: ${line}`);
  if (type === ':') return [Number(line), end + 2];
  if (type === '$') {
    const n = Number(line);
    if (n < 0) return [null, end + 2];
    if (buf.length < end + 2 + n + 2) return undefined;
    return [buf.toString('utf8', end + 2, end + 2 + n), end + 2 + n + 2];
  }
  if (type === '*') {
    const n = Number(line);
    if (n < 0) return [null, end + 2];
    const items: Reply[] = [];
    let at = end + 2;
    for (let i = 0; i < n; i++) {
      const item = parse(buf, at);
      if (!item) return undefined;
      items.push(item[0]);
      at = item[1];
    }
    return [items, at];
  }
  throw new Error(`redis: unexpected reply type ${type}`);
}

export async function connectResp(host = '127.0.0.1', port = 6379): Promise<Resp> {
  const socket: Socket = connect(port, host);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.setNoDelay(true);
  let buffer: Buffer = Buffer.alloc(0);
  const waiting: Array<{
    count: number;
    replies: Reply[];
    resolve: (r: Reply[]) => void;
    reject: (e: Error) => void;
  }> = [];
  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    let offset = 0;
    try {
      while (waiting.length) {
        const parsed = parse(buffer, offset);
        if (!parsed) break;
        offset = parsed[1];
        const head = waiting[0]!;
        head.replies.push(parsed[0]);
        if (head.replies.length === head.count) {
          waiting.shift();
          head.resolve(head.replies);
        }
      }
    } catch (err) {
      waiting.shift()?.reject(err as Error);
    }
    buffer = buffer.subarray(offset);
  });
  return {
    pipeline(commands) {
      return new Promise((resolve, reject) => {
        waiting.push({ count: commands.length, replies: [], resolve, reject });
        socket.write(commands.map(encode).join(''));
      });
    },
    close() {
      socket.destroy();
    },
  };
}
