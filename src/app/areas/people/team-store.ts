/**
 * The manager's side: the team list, one report's 1:1 page, and the coaching actions (assign a
 * pathway, nudge, tick a checklist item). Created by the lazily loaded team screens only.
 */
import { signal } from '@preact/signals';
import type { Api } from '../../../client/api';
import { locale } from '../../i18n';
import type {
  AssignmentReply,
  LedCohort,
  MemberPage,
  OkReply,
  OneOnOneChecksReply,
  PathwayOption,
  ReportRow,
  TeamReply,
} from '../../../core/api';
import { t } from './messages';
import { refusal, runner } from './refusal';

const offline = () => t('team.offline');
const messageOf = (err: unknown) => refusal(err, offline);

export function createTeamStore({ api }: { api: Api }) {
  const reports = signal<ReportRow[] | null>(null, { name: 'team.reports' });
  const pathways = signal<PathwayOption[]>([], { name: 'team.pathways' });
  const cohorts = signal<LedCohort[]>([], { name: 'team.cohorts' });
  const member = signal<MemberPage | null>(null, { name: 'team.member' });
  const error = signal<string | null>(null, { name: 'team.error' });
  const flash = signal<string | null>(null, { name: 'team.flash' });

  const run = runner(error, flash, offline);

  async function loadMember(userId: string) {
    await run(async () => {
      member.value = await api.get<MemberPage>(
        `/team/${encodeURIComponent(userId)}?lang=${locale.peek()}`,
      );
    });
  }

  return {
    reports,
    pathways,
    cohorts,
    member,
    error,
    flash,
    loadTeam: () =>
      run(async () => {
        const res = await api.get<TeamReply>(`/team?lang=${locale.peek()}`);
        reports.value = res.reports;
        cohorts.value = res.cohorts;
        pathways.value = res.pathways;
      }),
    loadMember,
    async assign(userId: string, pathwayId: string, dueDate: string) {
      const path = `/team/${encodeURIComponent(userId)}/assignments`;
      if (!(await run(() => api.post<AssignmentReply>(path, { pathwayId, dueDate })))) return;
      await loadMember(userId);
      flash.value = t('team.assigned');
    },
    /**
     * Sends a nudge; the page shows the outcome beside the button, not in the page's banner.
     * Answers null when sent (and notes it in the page's `nudgedToday`), or what went wrong.
     */
    async nudge(userId: string, message: string): Promise<string | null> {
      try {
        await api.post<OkReply>(
          `/team/${encodeURIComponent(userId)}/nudge`,
          message ? { message } : {},
        );
      } catch (err) {
        return messageOf(err);
      }
      const page = member.value;
      if (page)
        member.value = {
          ...page,
          nudgedToday: [{ message, at: new Date().toISOString() }, ...page.nudgedToday],
        };
      return null;
    },
    async check(userId: string, itemId: string, checked: boolean) {
      const page = member.value;
      if (page)
        member.value = {
          ...page,
          script: {
            ...page.script,
            checklist: page.script.checklist.map((i) => (i.id === itemId ? { ...i, checked } : i)),
          },
        };
      await run(() =>
        api.post<OneOnOneChecksReply>(`/team/${encodeURIComponent(userId)}/one-on-one/checks`, {
          itemId,
          checked,
        }),
      );
    },
  };
}

export type TeamStore = ReturnType<typeof createTeamStore>;
