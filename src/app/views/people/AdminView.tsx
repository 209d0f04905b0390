/**
 * The admin's screen for their organisation: the learning goal and sponsor message, people
 * (team, cohort, time zone, career level, deactivate, reset link), cohorts (name, time zone,
 * managers), invites, and module upload with `file:line: message` problems.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { formatDate, formatPercent, sayPhrase } from '../../i18n';
import { t } from '../../messages/people';
import { useStore } from '../../store';
import {
  createAdminStore,
  type AdminCohort,
  type AdminPerson,
  type AdminStore,
} from '../../stores/admin';

const formValues = (event: SubmitEvent) => {
  event.preventDefault();
  const form = new FormData(event.currentTarget as HTMLFormElement);
  return (name: string) => String(form.get(name) ?? '').trim();
};

export function AdminView() {
  const store = useStore();
  const admin = useMemo(() => createAdminStore({ api: store.api }), []);
  useEffect(() => void admin.load(), []);
  return (
    <section class="page">
      <h1>{t('admin.title')}</h1>
      {admin.error.value && (
        <p class="form-error" role="alert">
          {admin.error.value}
        </p>
      )}
      {admin.flash.value && (
        <p class="notice" role="status">
          {admin.flash.value}
        </p>
      )}
      <GoalAndSponsor admin={admin} />
      <People admin={admin} />
      <Cohorts admin={admin} />
      <Invite admin={admin} />
      <Upload admin={admin} />
      <TimeZones />
    </section>
  );
}

function GoalAndSponsor({ admin }: { admin: AdminStore }) {
  const p = admin.programme.value;
  if (!p) return null;
  const s = p.sponsor;
  return (
    <>
      <h2>{t('admin.goalTitle')}</h2>
      <p class="card" aria-label={t('people.goalLabel')}>
        {p.goal.label ? `${p.goal.label}: ` : ''}
        {t.rich(
          'admin.goalLine',
          { percent: <strong>{formatPercent(p.goal.currentPercent)}</strong> },
          { count: p.goal.people },
        )}
        {p.goal.targetPercent !== null &&
          t('people.goalTarget', { percent: formatPercent(p.goal.targetPercent) })}
      </p>
      <form
        class="card form"
        onSubmit={(e) => {
          const v = formValues(e);
          void admin.saveGoal(v('goalLabel'), Number(v('goalTarget')));
        }}
      >
        <label for="goalLabel">{t('admin.goal')}</label>
        <input
          id="goalLabel"
          name="goalLabel"
          required
          defaultValue={p.goal.label ?? t('admin.goalDefault')}
        />
        <label for="goalTarget">{t('admin.goalTargetLabel')}</label>
        <input
          id="goalTarget"
          name="goalTarget"
          type="number"
          min={1}
          max={100}
          required
          defaultValue={String(p.goal.targetPercent ?? 80)}
        />
        <button type="submit" class="button">
          {t('admin.saveGoal')}
        </button>
      </form>
      <h2>{t('admin.sponsorTitle')}</h2>
      <form
        class="card form"
        onSubmit={(e) => {
          const v = formValues(e);
          void admin.saveSponsor({
            name: v('sName'),
            title: v('sTitle'),
            text: v('sText'),
            startsOn: v('sStart'),
            endsOn: v('sEnd'),
            sponsorUserId: v('sUser') || null,
          });
        }}
      >
        <label for="sName">{t('admin.sponsorName')}</label>
        <input id="sName" name="sName" required defaultValue={s?.name} />
        <label for="sTitle">{t('admin.sponsorRole')}</label>
        <input id="sTitle" name="sTitle" required defaultValue={s?.title} />
        <label for="sText">{t('admin.sponsorText')}</label>
        <textarea id="sText" name="sText" required maxLength={600} defaultValue={s?.text} />
        <label for="sStart">{t('admin.showFrom')}</label>
        <input id="sStart" name="sStart" type="date" required defaultValue={s?.startsOn} />
        <label for="sEnd">{t('admin.showUntil')}</label>
        <input id="sEnd" name="sEnd" type="date" required defaultValue={s?.endsOn} />
        <label for="sUser">{t('admin.sponsorAccount')}</label>
        <select id="sUser" name="sUser" defaultValue={s?.sponsorUserId ?? ''}>
          <option value="">{t('admin.none')}</option>
          {admin.people.value
            .filter((x) => x.active)
            .map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
        </select>
        <button type="submit" class="button">
          {t('admin.saveMessage')}
        </button>
      </form>
    </>
  );
}

function People({ admin }: { admin: AdminStore }) {
  const people = admin.people.value;
  const managers = people.filter((p) => p.active && p.role !== 'learner');
  const link = admin.resetLink.value;
  return (
    <>
      <h2>{t('admin.people')}</h2>
      {link && (
        <p class="notice" role="status">
          {t('admin.resetLinkFor', { name: link.name })} <span class="copy-box">{link.url}</span>
        </p>
      )}
      <ul class="plain-list">
        {people.map((p) => (
          <li key={p.id} class="card form">
            <strong>
              {p.name} {!p.active && <span class="muted">{t('admin.deactivated')}</span>}
            </strong>
            <span class="muted">
              {p.email} · {t(`people.roleName.${p.role}`)}
            </span>
            <label for={`role-${p.id}`}>{t('admin.role')}</label>
            <select
              id={`role-${p.id}`}
              value={p.role}
              onChange={(e) =>
                admin.updatePerson(p.id, { role: e.currentTarget.value as AdminPerson['role'] })
              }
            >
              <option value="learner">{t('admin.roleLearner')}</option>
              <option value="manager">{t('admin.roleManagerTeam')}</option>
              <option value="admin">{t('admin.roleAdmin')}</option>
            </select>
            <label for={`mgr-${p.id}`}>{t('admin.manager')}</label>
            <select
              id={`mgr-${p.id}`}
              value={p.managerId ?? ''}
              onChange={(e) =>
                admin.updatePerson(p.id, { managerId: e.currentTarget.value || null })
              }
            >
              <option value="">{t('admin.noManager')}</option>
              {managers
                .filter((m) => m.id !== p.id)
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
            </select>
            <label for={`cohort-${p.id}`}>{t('admin.cohort')}</label>
            <select
              id={`cohort-${p.id}`}
              value={p.cohortIds[0] ?? ''}
              onChange={(e) =>
                admin.updatePerson(p.id, {
                  cohortIds: e.currentTarget.value ? [e.currentTarget.value] : [],
                })
              }
            >
              <option value="">{t('admin.noCohort')}</option>
              {admin.cohorts.value.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <label for={`tz-${p.id}`}>{t('admin.timeZone')}</label>
            <input
              id={`tz-${p.id}`}
              list={TIME_ZONES_ID}
              defaultValue={p.tz}
              required
              onChange={(e) => {
                const tz = e.currentTarget.value.trim();
                if (tz && tz !== p.tz) void admin.updatePerson(p.id, { tz });
              }}
            />
            <label for={`career-${p.id}`}>{t('admin.career')}</label>
            <select
              id={`career-${p.id}`}
              value={p.career ? `${p.career.roleId}:${p.career.level}` : ''}
              onChange={(e) => {
                const [roleId, level] = e.currentTarget.value.split(':');
                void admin.updatePerson(p.id, {
                  career: roleId ? { roleId, level: Number(level) } : null,
                });
              }}
            >
              <option value="">{t('admin.notSet')}</option>
              {admin.careerRoles.value.flatMap((r) =>
                r.levels.map((title, i) => (
                  <option key={`${r.id}:${i + 1}`} value={`${r.id}:${i + 1}`}>
                    {r.title}: {title}
                  </option>
                )),
              )}
            </select>
            {p.active ? (
              <div class="button-row">
                <button
                  type="button"
                  class="button small"
                  aria-label={t('admin.resetLinkLabel', { name: p.name })}
                  onClick={() => admin.makeResetLink(p)}
                >
                  {t('admin.resetLink')}
                </button>
                <button
                  type="button"
                  class="button small quiet"
                  aria-label={t('admin.deactivateLabel', { name: p.name })}
                  onClick={() =>
                    confirm(t('admin.deactivateConfirm', { name: p.name })) &&
                    admin.deactivate(p.id)
                  }
                >
                  {t('admin.deactivate')}
                </button>
              </div>
            ) : (
              <button
                type="button"
                class="button small"
                onClick={() => admin.updatePerson(p.id, { active: true })}
              >
                {t('admin.reactivate')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

function Cohorts({ admin }: { admin: AdminStore }) {
  return (
    <>
      <h2>{t('admin.cohorts')}</h2>
      <ul class="plain-list">
        {admin.cohorts.value.map((c) => (
          <li key={c.id} class="card">
            <form
              class="form"
              onSubmit={(e) => {
                const v = formValues(e);
                void admin.updateCohort(c.id, { name: v('name'), tz: v('tz') });
              }}
            >
              <label for={`cn-${c.id}`}>{t('admin.name')}</label>
              <input id={`cn-${c.id}`} name="name" defaultValue={c.name} required />
              <label for={`ctz-${c.id}`}>{t('admin.timeZone')}</label>
              <input
                id={`ctz-${c.id}`}
                name="tz"
                list={TIME_ZONES_ID}
                defaultValue={c.tz}
                required
              />
              <button
                type="submit"
                class="button small"
                aria-label={t('admin.saveCohortLabel', { name: c.name })}
              >
                {t('admin.saveCohort')}
              </button>
            </form>
            <CohortManagers admin={admin} cohort={c} />
          </li>
        ))}
      </ul>
      <form
        class="card form section-card"
        onSubmit={(e) => {
          const v = formValues(e);
          void admin.createCohort(v('newCohort'), v('newTz'));
        }}
      >
        <label for="newCohort">{t('admin.newCohort')}</label>
        <input id="newCohort" name="newCohort" required />
        <label for="newTz">{t('admin.timeZone')}</label>
        <input
          id="newTz"
          name="newTz"
          list={TIME_ZONES_ID}
          required
          defaultValue={Intl.DateTimeFormat().resolvedOptions().timeZone}
        />
        <button type="submit" class="button">
          {t('admin.createCohort')}
        </button>
      </form>
    </>
  );
}

/** A cohort's managers read its board and set its weekly challenge; managers or admins only. */
function CohortManagers({ admin, cohort }: { admin: AdminStore; cohort: AdminCohort }) {
  const people = admin.people.value;
  const managers = cohort.managerIds.flatMap((id) => people.find((p) => p.id === id) ?? []);
  const candidates = people.filter(
    (p) => p.active && p.role !== 'learner' && !cohort.managerIds.includes(p.id),
  );
  return (
    <div class="form cohort-managers">
      <h3 id={`cm-title-${cohort.id}`}>{t('cohortManagers.title', { cohort: cohort.name })}</h3>
      {managers.length === 0 ? (
        <p class="muted">{t('cohortManagers.none')}</p>
      ) : (
        <ul class="plain-list" aria-labelledby={`cm-title-${cohort.id}`}>
          {managers.map((m) => (
            <li key={m.id} class="cohort-manager">
              <span>{m.name}</span>
              <button
                type="button"
                class="button small quiet"
                aria-label={t('cohortManagers.removeLabel', { name: m.name, cohort: cohort.name })}
                onClick={() =>
                  admin.setCohortManagers(
                    cohort.id,
                    cohort.managerIds.filter((id) => id !== m.id),
                    t('cohortManagers.removed', { name: m.name, cohort: cohort.name }),
                  )
                }
              >
                {t('cohortManagers.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <form
          class="form"
          onSubmit={(e) => {
            const id = formValues(e)('manager');
            const name = people.find((p) => p.id === id)?.name ?? '';
            void admin.setCohortManagers(
              cohort.id,
              [...cohort.managerIds, id],
              t('cohortManagers.added', { name, cohort: cohort.name }),
            );
          }}
        >
          <label for={`cm-${cohort.id}`}>
            {t('cohortManagers.addLabel', { cohort: cohort.name })}
          </label>
          <select id={`cm-${cohort.id}`} name="manager" required>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <button type="submit" class="button small">
            {t('cohortManagers.add')}
          </button>
        </form>
      )}
    </div>
  );
}

const TIME_ZONES_ID = 'time-zones';

/** Suggestions for every time zone field on the screen (typing still works). */
function TimeZones() {
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  return (
    <datalist id={TIME_ZONES_ID}>
      {zones.map((z) => (
        <option key={z} value={z} />
      ))}
    </datalist>
  );
}

function Invite({ admin }: { admin: AdminStore }) {
  const invite = admin.invite.value;
  return (
    <>
      <h2>{t('admin.invite')}</h2>
      <form
        class="card form"
        onSubmit={(e) => {
          const v = formValues(e);
          void admin.createInvite({
            cohortId: v('inviteCohort'),
            role: v('inviteRole'),
            ...(v('inviteEmail') ? { email: v('inviteEmail') } : {}),
            ...(v('inviteManager') ? { managerId: v('inviteManager') } : {}),
          });
        }}
      >
        <label for="inviteCohort">{t('admin.cohort')}</label>
        <select id="inviteCohort" name="inviteCohort" required>
          {admin.cohorts.value.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <label for="inviteRole">{t('admin.role')}</label>
        <select id="inviteRole" name="inviteRole">
          <option value="learner">{t('admin.roleLearner')}</option>
          <option value="manager">{t('admin.roleManager')}</option>
          <option value="admin">{t('admin.roleAdmin')}</option>
        </select>
        <label for="inviteManager">{t('admin.manager')}</label>
        <select id="inviteManager" name="inviteManager">
          <option value="">{t('admin.none')}</option>
          {admin.people.value
            .filter((p) => p.active && p.role !== 'learner')
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </select>
        <label for="inviteEmail">{t('admin.inviteEmail')}</label>
        <input id="inviteEmail" name="inviteEmail" type="email" />
        <button type="submit" class="button primary">
          {t('admin.createInvite')}
        </button>
      </form>
      {invite && (
        <p class="notice" role="status">
          {t.rich(
            'admin.inviteCreated',
            {
              code: <strong>{invite.code}</strong>,
              url: <span class="copy-box">{invite.url}</span>,
            },
            { date: formatDate(invite.expiresAt) },
          )}
        </p>
      )}
    </>
  );
}

function Upload({ admin }: { admin: AdminStore }) {
  const result = admin.upload.value;
  const fileName = useSignal('upload.md');
  return (
    <>
      <h2>{t('admin.upload')}</h2>
      <form
        class="card form"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget as HTMLFormElement;
          const source = (form.elements.namedItem('moduleSource') as HTMLTextAreaElement).value;
          const importIt = (e.submitter as HTMLButtonElement | null)?.value === 'import';
          void admin.checkModule(fileName.value, source, importIt);
        }}
      >
        <label for="moduleFile">{t('admin.file')}</label>
        <input
          id="moduleFile"
          type="file"
          accept=".md,text/markdown"
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            if (!file) return;
            fileName.value = file.name.replace(/[^\w.-]/g, '-');
            const area = e.currentTarget.form!.elements.namedItem(
              'moduleSource',
            ) as HTMLTextAreaElement;
            area.value = await file.text();
          }}
        />
        <label for="moduleSource">{t('admin.paste')}</label>
        <textarea id="moduleSource" name="moduleSource" required />
        <div class="button-row">
          <button type="submit" class="button" value="validate">
            {t('admin.validate')}
          </button>
          <button type="submit" class="button primary" value="import">
            {t('admin.import')}
          </button>
        </div>
      </form>
      {result && (
        <div class={result.ok ? 'notice' : 'form-error'} role="status">
          <p>{result.summary}</p>
          {result.problems.length > 0 && (
            <ul class="problems">
              {result.problems.map((p) => (
                <li key={`${p.line}:${p.message}`}>
                  {`${p.file}:${p.line}: ${p.phrase ? sayPhrase(p.phrase) : p.message}`}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
