/**
 * Everyone in the organisation as a table (name, email, role, cohort, status) that a search by
 * name or email and filters by role and status narrow; each row opens the person's settings
 * (PersonEditor). On a phone the rows stack as cards (people.css).
 */
import { useSignal, type Signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { t } from '../messages';
import type { AdminPerson, AdminStore } from './admin-store';
import { CopyButton } from './CopyButton';
import { PersonEditor } from './PersonEditor';
import { RoleOptions } from './options';

type Status = '' | 'active' | 'inactive';

/** The table's named columns (the last, the edit buttons', is named for screen readers only). */
const COLUMNS = [
  'admin.name',
  'admin.email',
  'admin.role',
  'admin.cohort',
  'admin.status',
] as const;

function matches(p: AdminPerson, query: string, role: string, status: Status): boolean {
  const q = query.trim().toLowerCase();
  if (q && !p.name.toLowerCase().includes(q) && !p.email.toLowerCase().includes(q)) return false;
  if (role && p.role !== role) return false;
  return !status || (status === 'active') === p.active;
}

/** A filter of the table: a labelled select whose choice is kept in `by`. */
function Filter<T extends string>(p: {
  id: string;
  label: string;
  by: Signal<T>;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <select
        id={p.id}
        value={p.by.value}
        onChange={(e) => (p.by.value = e.currentTarget.value as T)}
      >
        {p.children}
      </select>
    </div>
  );
}

export function PeopleSection({ admin }: { admin: AdminStore }) {
  const query = useSignal('');
  const role = useSignal('');
  const status = useSignal<Status>('');
  const open = useSignal<string | null>(null);
  const people = admin.people.value;
  const shown = people.filter((p) => matches(p, query.value, role.value, status.value));
  const cohortName = (p: AdminPerson) =>
    admin.cohorts.value.find((c) => c.id === p.cohortIds[0])?.name ?? '—';
  const link = admin.resetLink.value;
  return (
    <>
      <h2 id="people-title">{t('admin.people')}</h2>
      {link && (
        <p class="notice" role="status">
          {link.mailedTo
            ? t('admin.resetLinkSent', { name: link.name, email: link.mailedTo })
            : t('admin.resetLinkFor', { name: link.name })}{' '}
          <span class="copy-box">{link.url}</span>{' '}
          <CopyButton key={link.url} text={link.url} what={link.name} />
        </p>
      )}
      <div class="people-tools" role="search">
        <div class="field">
          <label for="people-search">{t('admin.search')}</label>
          <input
            id="people-search"
            type="search"
            value={query.value}
            onInput={(e) => (query.value = e.currentTarget.value)}
          />
        </div>
        <Filter id="people-role" label={t('admin.filterRole')} by={role}>
          <option value="">{t('admin.allRoles')}</option>
          <RoleOptions />
        </Filter>
        <Filter id="people-status" label={t('admin.filterStatus')} by={status}>
          <option value="">{t('admin.allStatuses')}</option>
          <option value="active">{t('admin.active')}</option>
          <option value="inactive">{t('admin.inactive')}</option>
        </Filter>
      </div>
      <p class="muted" role="status">
        {shown.length === 0
          ? t('admin.noMatch')
          : t('admin.showing', { count: shown.length, total: people.length })}
      </p>
      <table class="people-table" aria-labelledby="people-title">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col">
                {t(c)}
              </th>
            ))}
            <th scope="col">
              <span class="visually-hidden">{t('admin.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => [
            <tr key={p.id} class={p.active ? undefined : 'inactive'}>
              <th scope="row">{p.name}</th>
              <td data-label={t('admin.email')}>{p.email}</td>
              <td data-label={t('admin.role')}>{t(`people.roleName.${p.role}`)}</td>
              <td data-label={t('admin.cohort')}>{cohortName(p)}</td>
              <td data-label={t('admin.status')}>
                {t(p.active ? 'admin.active' : 'admin.inactive')}
              </td>
              <td>
                <button
                  type="button"
                  class="button small"
                  aria-expanded={open.value === p.id}
                  aria-controls={`edit-${p.id}`}
                  aria-label={t('admin.editLabel', { name: p.name })}
                  onClick={() => (open.value = open.value === p.id ? null : p.id)}
                >
                  {t('admin.edit')}
                </button>
              </td>
            </tr>,
            open.value === p.id && (
              <tr key={`${p.id}-edit`} class="person-edit-row">
                <td colSpan={6} id={`edit-${p.id}`}>
                  <PersonEditor admin={admin} p={p} />
                </td>
              </tr>
            ),
          ])}
        </tbody>
      </table>
    </>
  );
}
