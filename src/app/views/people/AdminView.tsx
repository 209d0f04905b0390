/**
 * The admin's screen for their organisation: the learning goal and sponsor message, people
 * (team, cohort, time zone, career level, deactivate, reset link), cohorts (name, time zone,
 * managers), invites, and module upload with `file:line: message` problems.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
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
      <h1>Programme admin</h1>
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
      <h2>Learning goal</h2>
      <p class="card" aria-label="Learning goal progress">
        {p.goal.label ? `${p.goal.label}: ` : ''}
        <strong>{p.goal.currentPercent}%</strong> of {p.goal.people} people learned this week
        {p.goal.targetPercent !== null && ` (goal ${p.goal.targetPercent}%)`}
      </p>
      <form
        class="card form"
        onSubmit={(e) => {
          const v = formValues(e);
          void admin.saveGoal(v('goalLabel'), Number(v('goalTarget')));
        }}
      >
        <label for="goalLabel">Goal</label>
        <input
          id="goalLabel"
          name="goalLabel"
          required
          defaultValue={p.goal.label ?? 'People who learn weekly'}
        />
        <label for="goalTarget">Target (% of people)</label>
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
          Save goal
        </button>
      </form>
      <h2>Sponsor message</h2>
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
        <label for="sName">Sponsor name</label>
        <input id="sName" name="sName" required defaultValue={s?.name} />
        <label for="sTitle">Title</label>
        <input id="sTitle" name="sTitle" required defaultValue={s?.title} />
        <label for="sText">Message</label>
        <textarea id="sText" name="sText" required maxLength={600} defaultValue={s?.text} />
        <label for="sStart">Show from</label>
        <input id="sStart" name="sStart" type="date" required defaultValue={s?.startsOn} />
        <label for="sEnd">Show until</label>
        <input id="sEnd" name="sEnd" type="date" required defaultValue={s?.endsOn} />
        <label for="sUser">Sponsor's account (sees the goal)</label>
        <select id="sUser" name="sUser" defaultValue={s?.sponsorUserId ?? ''}>
          <option value="">None</option>
          {admin.people.value
            .filter((x) => x.active)
            .map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
        </select>
        <button type="submit" class="button">
          Save message
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
      <h2>People</h2>
      {link && (
        <p class="notice" role="status">
          One-time reset link for {link.name} (valid 24 hours):{' '}
          <span class="copy-box">{link.url}</span>
        </p>
      )}
      <ul class="plain-list">
        {people.map((p) => (
          <li key={p.id} class="card form">
            <strong>
              {p.name} {!p.active && <span class="muted">(deactivated)</span>}
            </strong>
            <span class="muted">
              {p.email} · {p.role}
            </span>
            <label for={`role-${p.id}`}>Role</label>
            <select
              id={`role-${p.id}`}
              value={p.role}
              onChange={(e) =>
                admin.updatePerson(p.id, { role: e.currentTarget.value as AdminPerson['role'] })
              }
            >
              <option value="learner">Learner</option>
              <option value="manager">Manager (has a team)</option>
              <option value="admin">Admin</option>
            </select>
            <label for={`mgr-${p.id}`}>Manager</label>
            <select
              id={`mgr-${p.id}`}
              value={p.managerId ?? ''}
              onChange={(e) =>
                admin.updatePerson(p.id, { managerId: e.currentTarget.value || null })
              }
            >
              <option value="">No manager</option>
              {managers
                .filter((m) => m.id !== p.id)
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
            </select>
            <label for={`cohort-${p.id}`}>Cohort</label>
            <select
              id={`cohort-${p.id}`}
              value={p.cohortIds[0] ?? ''}
              onChange={(e) =>
                admin.updatePerson(p.id, {
                  cohortIds: e.currentTarget.value ? [e.currentTarget.value] : [],
                })
              }
            >
              <option value="">No cohort</option>
              {admin.cohorts.value.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <label for={`tz-${p.id}`}>Time zone</label>
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
            <label for={`career-${p.id}`}>Career level</label>
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
              <option value="">Not set</option>
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
                  aria-label={`Reset link for ${p.name}`}
                  onClick={() => admin.makeResetLink(p)}
                >
                  Reset link
                </button>
                <button
                  type="button"
                  class="button small quiet"
                  aria-label={`Deactivate ${p.name}`}
                  onClick={() => confirm(`Deactivate ${p.name}?`) && admin.deactivate(p.id)}
                >
                  Deactivate
                </button>
              </div>
            ) : (
              <button
                type="button"
                class="button small"
                onClick={() => admin.updatePerson(p.id, { active: true })}
              >
                Reactivate
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
      <h2>Cohorts</h2>
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
              <label for={`cn-${c.id}`}>Name</label>
              <input id={`cn-${c.id}`} name="name" defaultValue={c.name} required />
              <label for={`ctz-${c.id}`}>Time zone</label>
              <input
                id={`ctz-${c.id}`}
                name="tz"
                list={TIME_ZONES_ID}
                defaultValue={c.tz}
                required
              />
              <button type="submit" class="button small" aria-label={`Save cohort ${c.name}`}>
                Save cohort
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
        <label for="newCohort">New cohort name</label>
        <input id="newCohort" name="newCohort" required />
        <label for="newTz">Time zone</label>
        <input
          id="newTz"
          name="newTz"
          list={TIME_ZONES_ID}
          required
          defaultValue={Intl.DateTimeFormat().resolvedOptions().timeZone}
        />
        <button type="submit" class="button">
          Create cohort
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
      <h3 id={`cm-title-${cohort.id}`}>Managers of {cohort.name}</h3>
      {managers.length === 0 ? (
        <p class="muted">No cohort managers yet.</p>
      ) : (
        <ul class="plain-list" aria-labelledby={`cm-title-${cohort.id}`}>
          {managers.map((m) => (
            <li key={m.id} class="cohort-manager">
              <span>{m.name}</span>
              <button
                type="button"
                class="button small quiet"
                aria-label={`Remove ${m.name} as a manager of ${cohort.name}`}
                onClick={() =>
                  admin.setCohortManagers(
                    cohort.id,
                    cohort.managerIds.filter((id) => id !== m.id),
                    `${m.name} no longer manages ${cohort.name}.`,
                  )
                }
              >
                Remove
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
              `${name} now manages ${cohort.name}.`,
            );
          }}
        >
          <label for={`cm-${cohort.id}`}>Add a manager to {cohort.name}</label>
          <select id={`cm-${cohort.id}`} name="manager" required>
            {candidates.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <button type="submit" class="button small">
            Add manager
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
      <h2>Invite people</h2>
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
        <label for="inviteCohort">Cohort</label>
        <select id="inviteCohort" name="inviteCohort" required>
          {admin.cohorts.value.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <label for="inviteRole">Role</label>
        <select id="inviteRole" name="inviteRole">
          <option value="learner">Learner</option>
          <option value="manager">Manager</option>
          <option value="admin">Admin</option>
        </select>
        <label for="inviteManager">Manager</label>
        <select id="inviteManager" name="inviteManager">
          <option value="">None</option>
          {admin.people.value
            .filter((p) => p.active && p.role !== 'learner')
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
        </select>
        <label for="inviteEmail">Email (optional)</label>
        <input id="inviteEmail" name="inviteEmail" type="email" />
        <button type="submit" class="button primary">
          Create invite
        </button>
      </form>
      {invite && (
        <p class="notice" role="status">
          Code <strong>{invite.code}</strong> · link <span class="copy-box">{invite.url}</span> ·
          single use, expires {invite.expiresAt.slice(0, 10)}
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
      <h2>Upload a module</h2>
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
        <label for="moduleFile">Markdown file</label>
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
        <label for="moduleSource">Or paste it</label>
        <textarea id="moduleSource" name="moduleSource" required />
        <div class="button-row">
          <button type="submit" class="button" value="validate">
            Validate
          </button>
          <button type="submit" class="button primary" value="import">
            Import
          </button>
        </div>
      </form>
      {result && (
        <div class={result.ok ? 'notice' : 'form-error'} role="status">
          <p>{result.summary}</p>
          {result.problems.length > 0 && (
            <ul class="problems">
              {result.problems.map((p) => (
                <li key={`${p.line}:${p.message}`}>{`${p.file}:${p.line}: ${p.message}`}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
