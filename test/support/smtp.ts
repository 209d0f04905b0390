/**
 * A real SMTP server for tests (smtp-server, the Nodemailer project's own), on a free local port,
 * that parses every message it accepts with mailparser. It can be stopped and started again on
 * the same port, to test a mail server that is down for a while.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtp {
  /** smtp://127.0.0.1:<port>, for `SMTP_URL`. */
  readonly url: string;
  /** Every message received so far, in order. */
  readonly mails: ParsedMail[];
  /** The next message not yet taken by `next()`; waits for it (up to `timeoutMs`). */
  next(timeoutMs?: number): Promise<ParsedMail>;
  /** Stops accepting connections; the port stays reserved for `start()`. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

function smtpServer(mails: ParsedMail[], arrived: () => void) {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          arrived();
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
}

const listen = (server: SMTPServer, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
  });

/** Starts a test SMTP server (call `stop()` in afterEach). */
export async function startSmtp(): Promise<TestSmtp> {
  const mails: ParsedMail[] = [];
  let waiters: Array<() => void> = [];
  const arrived = () => {
    const now = waiters;
    waiters = [];
    for (const w of now) w();
  };
  let server: SMTPServer | undefined = smtpServer(mails, arrived);
  const port = await listen(server, 0);
  let taken = 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async next(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length <= taken) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no mail arrived (${mails.length} received so far)`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return mails[taken++]!;
    },
    async stop() {
      const running = server;
      server = undefined;
      if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
    async start() {
      if (server) return;
      server = smtpServer(mails, arrived);
      await listen(server, port);
    },
  };
}
