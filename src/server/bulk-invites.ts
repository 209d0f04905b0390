/**
 * Many invites at once (POST /api/v1/admin/invites/bulk): a pasted or uploaded list, CSV with the
 * columns `email, name, manager_email, cohort` and optionally `role` (a header row; any order;
 * name, manager and role may be empty; the cohort by name or id; the role `learner` — the
 * default — or `manager`; admins are invited one at a time). Every row is checked before anything is stored, and each
 * problem is a phrase of the uploads catalog ("row N: …", the admin's app words it), so a list is
 * invited whole or not at all.
 *
 * An address that already has an account is refused with the same words wherever that account
 * is, so the answer never tells an admin that an address exists in another organisation.
 */
import { uploadPhrase, type UploadKey } from '../core/phrases/uploads';
import type { Params, Phrase } from '../core/wording';
import type { InviteRequest } from './access-links';
import { parseCsv } from './pilot/hr-csv';
import type { CohortWithManagers, Person } from './store/store';

export const INVITE_COLUMNS = ['email', 'name', 'manager_email', 'cohort', 'role'] as const;
/** The roles a list may give (empty: learner). */
const LIST_ROLES = ['learner', 'manager'] as const;
/** People one list may invite. */
export const MAX_BULK_INVITES = 1000;
const NAME_MAX = 80;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface InviteRow {
  row: number;
  email: string;
  name: string;
  managerEmail: string;
  cohort: string;
  role: string;
}

/** The list's rows with their spreadsheet row numbers (the header is row 1); or the header's problem. */
export function readInviteList(text: string): { rows: InviteRow[]; problem?: Phrase } {
  const lines = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = (lines[0] ?? []).map((h) => h.trim().toLowerCase().replace(/\s+/g, '_'));
  if (!header.includes('email'))
    return {
      rows: [],
      problem: uploadPhrase('upload.hr.header', {
        columns: INVITE_COLUMNS.join(', '),
        missing: 'email',
      }),
    };
  const rows: InviteRow[] = [];
  lines.slice(1).forEach((fields, i) => {
    if (fields.every((f) => f.trim() === '')) return;
    const get = (name: string) => (fields[header.indexOf(name)] ?? '').trim();
    rows.push({
      row: i + 2,
      email: get('email').toLowerCase(),
      name: get('name'),
      managerEmail: get('manager_email').toLowerCase(),
      cohort: get('cohort'),
      role: get('role').toLowerCase(),
    });
  });
  return { rows };
}

/** What the rows are checked against: the admin's organisation and the addresses taken anywhere. */
export interface InviteContext {
  people: Person[];
  cohorts: CohortWithManagers[];
  /** Emails of the list that already have an account (in any organisation). */
  taken: ReadonlySet<string>;
}

/** Each row as an invite, or every row's problem (the first per row). */
export function checkInviteRows(
  rows: InviteRow[],
  context: InviteContext,
): { invites: Array<InviteRequest & { row: number }>; problems: Phrase[] } {
  const managers = new Map(
    context.people
      .filter((p) => p.active && p.role !== 'learner')
      .map((p) => [p.email.toLowerCase(), p]),
  );
  const cohortFor = (value: string) =>
    context.cohorts.find((c) => c.id === value) ??
    context.cohorts.find((c) => c.name.toLowerCase() === value.toLowerCase());
  const seen = new Set<string>();
  const invites: Array<InviteRequest & { row: number }> = [];
  const problems: Phrase[] = [];
  for (const r of rows) {
    const at = (key: UploadKey, params: Params = {}) =>
      uploadPhrase(key, { row: r.row, ...params });
    const manager = r.managerEmail ? managers.get(r.managerEmail) : undefined;
    const cohort = cohortFor(r.cohort);
    const role = r.role ? LIST_ROLES.find((known) => known === r.role) : 'learner';
    const problem = !EMAIL.test(r.email)
      ? at('upload.hr.notEmail', { value: r.email })
      : seen.has(r.email)
        ? at('upload.hr.twice', { value: r.email })
        : context.taken.has(r.email)
          ? at('upload.invite.hasAccount', { value: r.email })
          : r.name.length > NAME_MAX
            ? at('upload.invite.longName', { max: NAME_MAX })
            : r.managerEmail && !manager
              ? at('upload.invite.noManager', { value: r.managerEmail })
              : !r.cohort
                ? at('upload.invite.needCohort')
                : !cohort
                  ? at('upload.invite.noCohort', { value: r.cohort })
                  : !role
                    ? at('upload.invite.badRole', { value: r.role })
                    : undefined;
    seen.add(r.email);
    if (problem) problems.push(problem);
    else
      invites.push({
        row: r.row,
        email: r.email,
        name: r.name || undefined,
        cohortId: cohort!.id,
        tz: cohort!.tz,
        role: role!,
        managerId: manager?.id ?? null,
      });
  }
  return { invites, problems };
}
