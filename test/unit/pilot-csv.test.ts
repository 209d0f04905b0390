/** CSV exports: safe fields, and an event export that pulls pages from the store only as it is read. */
import { describe, expect, it } from 'vitest';
import { csvField, eventsCsvStream } from '../../src/server/pilot/csv';
import type { EventRow, Store } from '../../src/server/store/store';

describe('csv fields', () => {
  it('quotes commas, quotes and newlines, and defuses spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(null)).toBe('');
    expect(csvField(-3.5)).toBe('-3.5');
  });

  it('defuses a formula after any separator a spreadsheet might split on, and keeps the field whole', () => {
    // The review's lesson id: German Excel splits on `;` and would run `=cmd|' /C calc'!A0`.
    expect(csvField("x;=cmd|' /C calc'!A0")).toBe(`"'x;=cmd|' /C calc'!A0"`);
    expect(csvField('a|@SUM(1)')).toBe(`"'a|@SUM(1)"`);
    expect(csvField('a\t+1')).toBe(`"'a\t+1"`);
    expect(csvField('a -1')).toBe(`'a -1`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    // Ordinary text is left alone: hyphens inside words, times, negative numbers as numbers.
    expect(csvField('2026-01-05T10:00:00+01:00')).toBe('2026-01-05T10:00:00+01:00');
    expect(csvField('a.well-known-id')).toBe('a.well-known-id');
  });
});

describe('event export', () => {
  it('streams: each read pulls at most one more page from the store', async () => {
    let pulled = 0;
    const row = (i: number): EventRow => ({
      id: `e${i}`,
      userId: 'u',
      email: 'u@x.test',
      type: 'lesson_completed',
      occurredAt: '2026-01-05T10:00:00+01:00',
      correctedAt: Date.parse('2026-01-05T09:00:00Z') + i,
      tz: 'Europe/Berlin',
      lessonId: 'a.1',
      body: '{"lessonId":"a.1"}',
    });
    const store = {
      async *eventPages() {
        for (let p = 0; p < 1000; p++) {
          pulled++;
          yield [row(p * 2), row(p * 2 + 1)];
        }
      },
    } as unknown as Store;
    const reader = eventsCsvStream(store, { orgId: 'o', fromMs: 0, toMs: 1 }).getReader();
    const decoder = new TextDecoder();
    const header = decoder.decode((await reader.read()).value);
    expect(header).toBe('event_id,user_email,type,occurred_at,corrected_at,tz,lesson_id,body\r\n');
    const first = decoder.decode((await reader.read()).value);
    expect(first.split('\r\n').filter(Boolean)).toEqual([
      'e0,u@x.test,lesson_completed,2026-01-05T10:00:00+01:00,2026-01-05T09:00:00.000Z,Europe/Berlin,a.1,"{""lessonId"":""a.1""}"',
      'e1,u@x.test,lesson_completed,2026-01-05T10:00:00+01:00,2026-01-05T09:00:00.001Z,Europe/Berlin,a.1,"{""lessonId"":""a.1""}"',
    ]);
    // The stream may read one page ahead to fill its queue, never the whole log.
    expect(pulled).toBeLessThanOrEqual(2);
    await reader.cancel();
  });
});
