/**
 * Uploads are parsed off the request thread with a time limit (issue 17). A module file and an HR
 * export go through the worker and come back as before; a parse that never ends (a stand-in for a
 * pathological pattern) leaves the server answering `/api/v1/health` while it runs, and the upload
 * is answered 422 `upload_too_slow` with a phrase once the limit has passed; the next upload gets
 * a fresh worker.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/server/app';
import { DEFAULT_UPLOAD_PARSING, UploadParser } from '../../src/server/content/off-thread';
import type { Store } from '../../src/server/store/store';
import { signInAs } from '../support/api';
import { LISTENING_MODULE } from '../support/modules';
import { demoStore } from '../support/server';

let store: Store;
let tmp: string;
const parsers: UploadParser[] = [];

beforeAll(async () => {
  store = await demoStore();
  tmp = mkdtempSync(join(tmpdir(), 'kindling-upload-'));
});
afterEach(() => vi.unstubAllEnvs());
afterAll(async () => {
  await Promise.all(parsers.map((p) => p.close()));
  await store.close();
  rmSync(tmp, { recursive: true, force: true });
});

const MODULE = LISTENING_MODULE;

describe('an upload parsed in a worker thread', () => {
  it(
    'answers a module file and an HR export as the parser does',
    { timeout: 120_000 },
    async () => {
      const uploads = new UploadParser();
      parsers.push(uploads);
      const app = createApp({ store, uploads });
      const admin = await signInAs(app, 'admin@demo.test');
      const check = await admin.post('/api/v1/admin/content/validate', {
        fileName: 'listen.md',
        source: MODULE.replace('title: Listening well\n', ''),
      });
      const body = await check.json();
      expect(body.ok).toBe(false);
      expect(body.errors[0]).toMatchObject({ file: 'listen.md', line: expect.any(Number) });
      const ok = await admin.post('/api/v1/admin/content/validate', {
        fileName: 'listen.md',
        source: MODULE,
      });
      expect(await ok.json()).toMatchObject({ ok: true, errors: [] });
      const hr = await admin.post(
        '/api/v1/pilot/hr',
        'email,hire_date\nnobody@elsewhere.test,2026-01-01\n',
        { 'content-type': 'text/csv' },
      );
      expect(hr.status).toBe(422);
      expect((await hr.json()).error.rows).toHaveLength(1);
    },
  );

  it(
    'keeps the server answering during a slow parse and stops it after the limit',
    { timeout: 120_000 },
    async () => {
      const mark = join(tmp, 'parsing');
      vi.stubEnv('KINDLING_SLOW_PARSE_MARK', mark);
      const uploads = new UploadParser({
        timeoutMs: 3_000,
        entry: new URL('../support/slow-parse-worker.ts', import.meta.url),
      });
      parsers.push(uploads);
      const app = createApp({ store, uploads });
      const admin = await signInAs(app, 'admin@demo.test');
      let answered = false;
      const upload = admin
        .post('/api/v1/admin/content/validate', { fileName: 'slow.md', source: MODULE })
        .finally(() => {
          answered = true;
        });
      // Once the worker is inside the parse, the request thread still serves everyone else.
      await vi.waitFor(() => expect(existsSync(mark)).toBe(true), {
        timeout: 100_000,
        interval: 50,
      });
      const health = await app.request('http://localhost/api/v1/health');
      expect(health.status).toBe(200);
      expect(answered).toBe(false);

      const res = await upload;
      expect(res.status).toBe(422);
      const { error } = await res.json();
      expect(error).toMatchObject({ code: 'upload_too_slow', key: 'error.uploadTooSlow' });
      expect(error.message).toMatch(/took longer than 3 seconds/);
    },
  );

  it('the server’s own parser is the real one by default', () => {
    expect(DEFAULT_UPLOAD_PARSING.entry.pathname).toMatch(
      /src\/server\/content\/parse-worker\.ts$/,
    );
  });
});
