/**
 * Reading an HR export for the pilot (the server's import): quoted CSV, every bad row reported
 * as "row N: message", the missing columns named.
 */
import { describe, expect, it } from 'vitest';
import { parseCsv, parseHrCsv } from '../../src/server/pilot/hr-csv';

describe('HR CSV import', () => {
  it('reads quoted fields and CRLF lines', () => {
    expect(parseCsv('a,"b, ""c"""\r\n1,2')).toEqual([
      ['a', 'b, "c"'],
      ['1', '2'],
    ]);
  });

  it('reads rows and reports every bad one as "row N: message"', () => {
    const csv = [
      'Email,hire_date,exit_date,internal_moves',
      'P1@x.test,2020-01-01,,2026-01-10;2025-03-01',
      'not-an-email,2020-01-01,,',
      'p2@x.test,2020-02-30,,',
      'p1@x.test,2020-01-01,,',
      'p3@x.test,2021-01-01,2020-01-01,',
      '',
      'p4@x.test,2021-01-01,,soon',
      'c1@x.test,2021-01-01,,2020-05-05',
      'who@y.test,2021-01-01,,',
      'c2@x.test,2021-01-01,2026-01-31,',
    ].join('\n');
    const known = new Set([
      'p1@x.test',
      'p2@x.test',
      'p3@x.test',
      'p4@x.test',
      'c1@x.test',
      'c2@x.test',
    ]);
    const { records, errors } = parseHrCsv(csv, known);
    expect(records).toEqual([
      {
        email: 'p1@x.test',
        hireDate: '2020-01-01',
        exitDate: null,
        moves: ['2025-03-01', '2026-01-10'],
      },
      { email: 'c2@x.test', hireDate: '2021-01-01', exitDate: '2026-01-31', moves: [] },
    ]);
    expect(errors.map((e) => e.text)).toEqual([
      'row 3: "not-an-email" is not an email address',
      'row 4: hire_date "2020-02-30" is not a date (YYYY-MM-DD)',
      'row 5: p1@x.test appears more than once',
      'row 6: exit_date 2020-01-01 is before hire_date 2021-01-01',
      'row 8: internal_moves "soon" is not a date (YYYY-MM-DD)',
      'row 9: internal move 2020-05-05 is before hire_date 2021-01-01',
      'row 10: who@y.test is not a member of this organisation',
    ]);
  });

  it('names the missing columns when the header is wrong', () => {
    expect(parseHrCsv('mail,start\nx@y.z,2020-01-01').errors.map((e) => e.text)).toEqual([
      'row 1: the header must name the columns email, hire_date, exit_date, internal_moves (missing email, hire_date)',
    ]);
  });
});
