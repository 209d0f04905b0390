/**
 * Reading an HR export for the pilot's outcomes (POST /api/v1/pilot/hr): CSV with quotes,
 * doubled quotes and CRLF; every bad row is reported as a phrase of the uploads catalog, so the
 * import is all or nothing.
 */
import type { HrRecord } from '../../core/pilot/outcomes';
import { uploadPhrase, type UploadKey } from '../../core/phrases/uploads';
import type { Params, Phrase } from '../../core/wording';

export interface HrParseResult {
  records: HrRecord[];
  /** One phrase a row ("row N: …"), N counting the header as row 1 (as a spreadsheet does). */
  errors: Phrase[];
}

/** Splits CSV text into rows of fields; handles quotes, doubled quotes and CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) =>
  ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const HR_COLUMNS = ['email', 'hire_date', 'exit_date', 'internal_moves'] as const;

/** What is wrong with one HR row (the first problem), or undefined when it can be imported. */
function hrRowProblem(
  row: number,
  {
    email,
    hireDate,
    exitDate,
    moves,
  }: { email: string; hireDate: string; exitDate: string; moves: string[] },
  seen: ReadonlySet<string>,
  knownEmails: ReadonlySet<string> | undefined,
): Phrase | undefined {
  const at = (key: UploadKey, params: Params) => uploadPhrase(key, { row, ...params });
  if (!EMAIL.test(email)) return at('upload.hr.notEmail', { value: email });
  if (seen.has(email)) return at('upload.hr.twice', { value: email });
  if (knownEmails && !knownEmails.has(email)) return at('upload.hr.stranger', { value: email });
  if (!isDate(hireDate)) return at('upload.hr.notDate', { column: 'hire_date', value: hireDate });
  if (exitDate && !isDate(exitDate))
    return at('upload.hr.notDate', { column: 'exit_date', value: exitDate });
  if (exitDate && exitDate < hireDate)
    return at('upload.hr.exitBeforeHire', { exit: exitDate, hire: hireDate });
  const badMove = moves.find((d) => !isDate(d));
  if (badMove !== undefined)
    return at('upload.hr.notDate', { column: 'internal_moves', value: badMove });
  const earlyMove = moves.find((d) => d < hireDate);
  if (earlyMove !== undefined)
    return at('upload.hr.moveBeforeHire', { move: earlyMove, hire: hireDate });
  return undefined;
}

/**
 * Reads an HR export: columns `email, hire_date, exit_date, internal_moves` (any order; the last
 * two may be empty; internal_moves holds move and promotion dates separated by `;`). Dates are
 * YYYY-MM-DD. `knownEmails`, when given, must contain every email (members of the organisation).
 */
export function parseHrCsv(text: string, knownEmails?: ReadonlySet<string>): HrParseResult {
  const rows = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = ['email', 'hire_date'].filter((c) => !header.includes(c));
  if (rows.length === 0 || missing.length)
    return {
      records: [],
      errors: [
        uploadPhrase('upload.hr.header', {
          columns: HR_COLUMNS.join(', '),
          missing: missing.join(', ') || HR_COLUMNS.join(', '),
        }),
      ],
    };
  const col = (name: string) => header.indexOf(name);
  const records: HrRecord[] = [];
  const errors: Phrase[] = [];
  const seen = new Set<string>();
  rows.slice(1).forEach((fields, i) => {
    const row = i + 2;
    if (fields.every((f) => f.trim() === '')) return;
    const get = (name: string) => (col(name) < 0 ? '' : (fields[col(name)] ?? '').trim());
    const email = get('email').toLowerCase();
    const hireDate = get('hire_date');
    const exitDate = get('exit_date');
    const moves = get('internal_moves')
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    const problem = hrRowProblem(row, { email, hireDate, exitDate, moves }, seen, knownEmails);
    if (problem) return void errors.push(problem);
    seen.add(email);
    records.push({ email, hireDate, exitDate: exitDate || null, moves: moves.sort() });
  });
  return { records, errors };
}
