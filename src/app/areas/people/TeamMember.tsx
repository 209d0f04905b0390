/**
 * One report, for the weekly 1:1 on a phone: the script (celebrate, stuck, one question, the
 * suggested next pathway), a checklist to tick, and the coaching actions: assign, nudge.
 */
import { useSignal } from '@preact/signals';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { minutes } from '../../format';
import { dateFormat, formatDate } from '../../i18n';
import { t } from './messages';
import { paths } from '../../router';
import { useStore } from '../../store';
import { createTeamStore } from './team-store';
import { Link } from '../../views/Link';
import { ScriptChecklist, ScriptTalk } from './Coaching';
import { Outcome } from './Outcome';

const timeOf = (iso: string) =>
  dateFormat({ hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

export function TeamMember({ userId }: { userId: string }) {
  const store = useStore();
  const team = useMemo(() => createTeamStore({ api: store.api }), [userId]);
  const nudgeText = useSignal('');
  /** The nudge form's own answer, shown beside its button. */
  const nudgeNote = useSignal<
    { kind: 'sent' | 'again'; at: string } | { kind: 'error'; text: string } | null
  >(null);
  const sendAgain = useRef<HTMLButtonElement>(null);
  // Asking before a repeat moves focus to the question's answer (scrolled clear of the tab bar).
  const asking = nudgeNote.value?.kind === 'again';
  useEffect(() => {
    if (asking) sendAgain.current?.focus();
  }, [asking]);
  useEffect(() => void team.loadMember(userId), [userId]);
  const page = team.member.value;
  const competencies = store.content.catalog.value?.competencies ?? [];
  const titleOf = (id: string) => competencies.find((c) => c.id === id)?.title ?? id;

  async function assign(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    await team.assign(userId, String(form.get('pathwayId')), String(form.get('dueDate')));
  }

  return (
    <section class="page">
      <Link href={paths.team()} class="back">
        {t('team.back')}
      </Link>
      <Outcome error={team.error} notice={team.flash} />
      {!page && !team.error.value && <p class="muted">{t('people.loading')}</p>}
      {page && (
        <>
          <h1>{t('member.title', { name: page.report.name })}</h1>
          <p class="muted">
            {t('member.stats', {
              streak: page.report.streak,
              count: page.report.lessonsThisWeek,
            })}
            {page.gap && ` · ${page.gap.currentLevel} → ${page.gap.targetLevel}`}
          </p>

          <ScriptTalk script={page.script} />
          <h2>{t('member.nextPathway')}</h2>
          {page.script.nextPathway ? (
            <p>
              {page.script.nextPathway.title} · {minutes(page.script.nextPathway.estimateMinutes)}
              {page.gap && page.gap.missing.length > 0 && (
                <span class="muted">
                  {t('member.alsoNeeds', {
                    level: page.gap.targetLevel,
                    list: page.gap.missing.map(titleOf).join(', '),
                  })}
                </span>
              )}
            </p>
          ) : (
            <p class="muted">{t('member.noGap')}</p>
          )}

          <ScriptChecklist
            items={page.script.checklist}
            onCheck={(itemId, checked) => team.check(userId, itemId, checked)}
          />

          <h2>{t('member.assignTitle')}</h2>
          <form class="card form" onSubmit={assign}>
            <label for="pathwayId">{t('member.pathway')}</label>
            <select
              id="pathwayId"
              name="pathwayId"
              defaultValue={page.script.nextPathway?.pathwayId ?? page.pathways[0]?.id}
            >
              {page.pathways.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title} ({minutes(p.estimateMinutes)})
                </option>
              ))}
            </select>
            <label for="dueDate">{t('member.dueDate')}</label>
            <input id="dueDate" name="dueDate" type="date" required defaultValue={inTwoWeeks()} />
            <button type="submit" class="button primary">
              {t('member.assign')}
            </button>
          </form>
          {page.report.assignments.length > 0 && (
            <ul class="plain-list">
              {page.report.assignments.map((a) => (
                <li key={a.pathwayId} class={a.overdue ? 'overdue-flag' : 'muted'}>
                  {t('member.assignment', {
                    title: a.title,
                    done: a.lessonsDone,
                    count: a.lessonsTotal,
                    date: formatDate(a.dueDate),
                  })}
                  {a.overdue && t('team.overdue')}
                </li>
              ))}
            </ul>
          )}

          <h2>{t('member.nudgeTitle')}</h2>
          <form
            class="card form"
            onSubmit={(e) => {
              e.preventDefault();
              const message = nudgeText.value.trim();
              const before = page.nudgedToday.find((n) => n.message === message);
              if (before && nudgeNote.value?.kind !== 'again') {
                nudgeNote.value = { kind: 'again', at: before.at };
                return;
              }
              void team.nudge(userId, message).then((problem) => {
                if (problem) nudgeNote.value = { kind: 'error', text: problem };
                else {
                  nudgeText.value = '';
                  nudgeNote.value = { kind: 'sent', at: new Date().toISOString() };
                }
              });
            }}
          >
            <label for="nudge">{t('member.message')}</label>
            <input
              id="nudge"
              maxLength={280}
              value={nudgeText.value}
              onInput={(e) => {
                nudgeText.value = e.currentTarget.value;
                if (nudgeNote.value?.kind !== 'sent') nudgeNote.value = null;
              }}
              placeholder={t('member.nudgePlaceholder')}
            />
            {nudgeNote.value?.kind === 'again' ? (
              <div class="nudge-again" role="alert">
                <p>
                  {t('member.nudgeAgain', {
                    name: page.report.name.split(' ')[0] ?? page.report.name,
                    time: timeOf(nudgeNote.value.at),
                  })}
                </p>
                <div class="button-row">
                  <button type="submit" class="button primary" ref={sendAgain}>
                    {t('member.sendAgain')}
                  </button>
                  <button type="button" class="button" onClick={() => (nudgeNote.value = null)}>
                    {t('member.keep')}
                  </button>
                </div>
              </div>
            ) : (
              <button type="submit" class="button">
                {t('member.nudge')}
              </button>
            )}
            <div role="status" class="nudge-note">
              {nudgeNote.value?.kind === 'sent' && (
                <p class="nudge-sent">
                  {t('member.nudgeSent', {
                    name: page.report.name.split(' ')[0] ?? page.report.name,
                    time: timeOf(nudgeNote.value.at),
                  })}
                </p>
              )}
              {nudgeNote.value?.kind === 'error' && (
                <p class="form-error">{nudgeNote.value.text}</p>
              )}
            </div>
          </form>
        </>
      )}
    </section>
  );
}
