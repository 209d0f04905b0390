/**
 * The admin's side: people, cohorts (with their managers), invites, module upload, sponsor message
 * and learning goal.
 * Created by the lazily loaded admin screen only.
 */
import { signal } from '@preact/signals';
import { HttpError, type Api } from '../../../../client/api';
import type { OkReply } from '../../../../core/api';
import type {
  AccessLink,
  AdminCohort,
  AdminPeopleReply,
  AdminPerson,
  BulkInviteReply,
  CohortReply,
  ContentProblem,
  GoalReply,
  InviteLink,
  ListInvite,
  ModuleCheckReply,
  ModuleImportReply,
  OpenInvite,
  OpenInvitesReply,
  PersonReply,
  Programme,
  SponsorReply,
  SsoAnswer,
  SsoSettings,
} from '../../../../core/api-admin';
import { formatMinutes, type Phrase } from '../../../i18n';
import { t } from '../messages';
import { runner } from '../refusal';

export type { AdminCohort, AdminPerson } from '../../../../core/api-admin';

export function createAdminStore({ api }: { api: Api }) {
  const people = signal<AdminPerson[]>([], { name: 'admin.people' });
  const cohorts = signal<AdminCohort[]>([], { name: 'admin.cohorts' });
  const careerRoles = signal<AdminPeopleReply['careerRoles']>([]);
  const programme = signal<Programme | null>(null, { name: 'admin.programme' });
  const error = signal<string | null>(null, { name: 'admin.error' });
  const flash = signal<string | null>(null, { name: 'admin.flash' });
  const invite = signal<InviteLink | null>(null);
  const resetLink = signal<{ name: string; url: string; mailedTo: string | null } | null>(null);
  const invitedList = signal<{ invites: ListInvite[]; problems: Phrase[] } | null>(null);
  const openInvites = signal<OpenInvite[]>([], { name: 'admin.openInvites' });
  const loadInvites = async () => {
    openInvites.value = (await api.get<OpenInvitesReply>('/admin/invites')).invites;
  };
  const sso = signal<SsoAnswer | null>(null, { name: 'admin.sso' });
  const upload = signal<{ ok: boolean; problems: ContentProblem[]; summary: string } | null>(null);

  const run = runner(error, flash);

  async function load() {
    await run(async () => {
      const [p, prog] = await Promise.all([
        api.get<AdminPeopleReply>('/admin/people'),
        api.get<Programme>('/admin/programme'),
      ]);
      people.value = p.people;
      cohorts.value = p.cohorts;
      careerRoles.value = p.careerRoles;
      programme.value = prog;
      sso.value = await api.get<SsoAnswer>('/admin/sso');
      await loadInvites();
    });
  }

  const reloadAfter = async (action: () => Promise<unknown>, done: string) => {
    if (await run(action)) {
      await load();
      flash.value = done;
    }
  };

  return {
    people,
    cohorts,
    careerRoles,
    programme,
    error,
    flash,
    invite,
    invitedList,
    openInvites,
    /** Revokes an open invite: its code and link stop working at once. */
    revokeInvite: (id: string) =>
      reloadAfter(
        () => api.post<OkReply>(`/admin/invites/${encodeURIComponent(id)}/revoke`),
        t('admin.inviteRevoked'),
      ),
    resetLink,
    upload,
    load,
    updatePerson: (id: string, patch: Partial<AdminPerson>) =>
      reloadAfter(
        () => api.post<PersonReply>(`/admin/people/${encodeURIComponent(id)}`, patch),
        t('people.saved'),
      ),
    deactivate: (id: string) =>
      reloadAfter(
        () => api.post<PersonReply>(`/admin/people/${encodeURIComponent(id)}/deactivate`),
        t('admin.deactivateDone'),
      ),
    async makeResetLink(person: AdminPerson) {
      await run(async () => {
        const r = await api.post<AccessLink>(
          `/admin/people/${encodeURIComponent(person.id)}/reset-link`,
        );
        resetLink.value = { name: person.name, url: r.url, mailedTo: r.mailedTo };
      });
    },
    createCohort: (name: string, tz: string) =>
      reloadAfter(
        () => api.post<CohortReply>('/admin/cohorts', { name, tz }),
        t('admin.cohortCreated'),
      ),
    updateCohort: (id: string, patch: Partial<AdminCohort>) =>
      reloadAfter(
        () => api.post<CohortReply>(`/admin/cohorts/${encodeURIComponent(id)}`, patch),
        t('people.saved'),
      ),
    setCohortManagers: (id: string, managerIds: string[], done: string) =>
      reloadAfter(
        () => api.post<CohortReply>(`/admin/cohorts/${encodeURIComponent(id)}`, { managerIds }),
        done,
      ),
    async createInvite(body: {
      cohortId: string;
      role: string;
      email?: string;
      managerId?: string;
      locale?: string;
    }) {
      await run(async () => {
        invite.value = await api.post<InviteLink>('/admin/invites', body);
        await loadInvites();
      });
    },
    /** Invites a CSV list all at once; a refused list leaves its rows' problems. */
    async inviteList(csv: string, locale: string) {
      invitedList.value = null;
      await run(async () => {
        try {
          const r = await api.post<BulkInviteReply>('/admin/invites/bulk', {
            csv,
            locale,
          });
          invitedList.value = { invites: r.invites, problems: [] };
        } catch (err) {
          if (err instanceof HttpError) invitedList.value = { invites: [], problems: err.rows };
          throw err;
        }
      });
    },
    async checkModule(fileName: string, source: string, importIt: boolean) {
      const validate = async () => {
        const r = await api.post<ModuleCheckReply>('/admin/content/validate', {
          fileName,
          source,
        });
        upload.value = {
          ok: r.ok,
          problems: [...r.errors, ...r.warnings],
          summary: r.module
            ? t('admin.moduleSummary', {
                title: r.module.title,
                count: r.module.lessons,
                minutes: formatMinutes(r.module.estimateMinutes),
              })
            : t('admin.moduleProblems', { count: r.errors.length }),
        };
      };
      await run(async () => {
        if (!importIt) return validate();
        try {
          const r = await api.post<ModuleImportReply>('/admin/content/import', {
            fileName,
            source,
          });
          upload.value = {
            ok: true,
            problems: [],
            summary: t('admin.imported', { title: r.module.title }),
          };
        } catch (err) {
          // Invalid content: show every problem with its line.
          if (err instanceof HttpError && err.status === 422) return validate();
          throw err;
        }
      });
    },
    saveSponsor: (body: NonNullable<Programme['sponsor']>) =>
      reloadAfter(() => api.post<SponsorReply>('/admin/sponsor', body), t('admin.sponsorSaved')),
    sso,
    /** A blank secret keeps the stored one. */
    saveSso: (settings: SsoSettings & { clientSecret: string }) => {
      const { clientSecret, ...rest } = settings;
      return reloadAfter(
        () => api.put<SsoAnswer>('/admin/sso', clientSecret ? settings : rest),
        t('sso.saved'),
      );
    },
    saveGoal: (label: string, targetPercent: number) =>
      reloadAfter(
        () => api.post<GoalReply>('/admin/goal', { label, targetPercent }),
        t('admin.goalSaved'),
      ),
  };
}

export type AdminStore = ReturnType<typeof createAdminStore>;
