/**
 * Invites: a code and link for a cohort and role, optionally for one email and manager; with an
 * email and mail on, the server sends it (in the language chosen here) and the screen says so;
 * Copy link puts the link on the clipboard.
 */
import { formatDate } from '../../../i18n';
import { t } from '../messages';
import type { AdminStore } from './admin-store';
import { CopyButton } from './CopyButton';
import { AdminForm } from './form';
import { LanguageField } from './LanguageField';
import { canManage, NamedOptions, RoleOptions, ROLE_NAMES } from './options';

export function InviteSection({ admin }: { admin: AdminStore }) {
  const invite = admin.invite.value;
  return (
    <>
      <h2>{t('admin.invite')}</h2>
      <AdminForm
        onValues={(v) =>
          admin.createInvite({
            cohortId: v('inviteCohort'),
            role: v('inviteRole'),
            ...(v('inviteEmail') ? { email: v('inviteEmail') } : {}),
            ...(v('inviteManager') ? { managerId: v('inviteManager') } : {}),
            locale: v('inviteLanguage'),
          })
        }
      >
        <label for="inviteCohort">{t('admin.cohort')}</label>
        <select id="inviteCohort" name="inviteCohort" required>
          <NamedOptions of={admin.cohorts.value} />
        </select>
        <label for="inviteRole">{t('admin.role')}</label>
        <select id="inviteRole" name="inviteRole">
          <RoleOptions />
        </select>
        <label for="inviteManager">{t('admin.manager')}</label>
        <select id="inviteManager" name="inviteManager">
          <option value="">{t('admin.none')}</option>
          <NamedOptions of={admin.people.value.filter(canManage)} />
        </select>
        <label for="inviteEmail">{t('admin.inviteEmail')}</label>
        <input id="inviteEmail" name="inviteEmail" type="email" />
        <LanguageField id="inviteLanguage" />
        <button type="submit" class="button primary">
          {t('admin.createInvite')}
        </button>
      </AdminForm>
      {invite && (
        <p class="notice" role="status">
          {t.rich(
            invite.mailedTo ? 'admin.inviteSent' : 'admin.inviteCreated',
            {
              code: <strong>{invite.code}</strong>,
              url: <span class="copy-box">{invite.url}</span>,
            },
            { date: formatDate(invite.expiresAt), email: invite.mailedTo ?? '' },
          )}{' '}
          <CopyButton key={invite.url} text={invite.url} what={invite.mailedTo ?? invite.code} />
        </p>
      )}
      <OpenInvites admin={admin} />
    </>
  );
}

/** The open invites with who made them, each with Revoke: a link sent by mistake is taken back. */
function OpenInvites({ admin }: { admin: AdminStore }) {
  const invites = admin.openInvites.value;
  return (
    <section class="card" aria-labelledby="open-invites">
      <h3 id="open-invites">{t('admin.openInvites')}</h3>
      {invites.length === 0 ? (
        <p>{t('admin.openInvitesNone')}</p>
      ) : (
        <ul class="plain-list">
          {invites.map((i) => {
            const who = i.email ?? t('admin.inviteAnyone');
            return (
              <li key={i.id} class="action-row">
                <span>
                  <strong>{who}</strong>{' '}
                  {t('admin.openInviteLine', {
                    role: t(ROLE_NAMES[i.role]),
                    cohort: i.cohort ?? '—',
                    by: i.createdBy ?? '—',
                    date: formatDate(i.expiresAt),
                  })}
                </span>
                <button
                  type="button"
                  class="button"
                  aria-label={t('admin.revokeInviteLabel', { who })}
                  onClick={() =>
                    confirm(t('admin.revokeInviteConfirm', { who })) &&
                    void admin.revokeInvite(i.id)
                  }
                >
                  {t('admin.revokeInvite')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
