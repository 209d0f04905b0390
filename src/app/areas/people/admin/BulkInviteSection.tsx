/**
 * Inviting a list at once: a CSV file or pasted rows (email, name, manager_email, cohort, optional role). The
 * server invites everyone or no one; a refused list shows each row's problem in the admin's
 * language, and an invited one says who was mailed (or gives the links to hand over).
 */
import { sayPhrase } from '../../../i18n';
import { FileField } from '../../../views/FileField';
import { t } from '../messages';
import type { AdminStore } from './admin-store';
import { AdminForm } from './form';
import { LanguageField } from './LanguageField';

export function BulkInviteSection({ admin }: { admin: AdminStore }) {
  const result = admin.invitedList.value;
  return (
    <>
      <h2>{t('admin.inviteList')}</h2>
      <AdminForm
        onValues={(_, form) => {
          // The list as pasted, not trimmed (unlike `v`), as a file would be read.
          const field = (name: string) =>
            (form.elements.namedItem(name) as HTMLTextAreaElement | HTMLSelectElement).value;
          return admin.inviteList(field('inviteList'), field('inviteListLanguage'));
        }}
      >
        <p class="muted" id="inviteListHelp">
          {t('admin.inviteListHelp')}
        </p>
        <FileField
          id="inviteListFile"
          label={t('admin.inviteListFile')}
          accept=".csv,text/csv,text/plain"
          into="inviteList"
        />
        <label for="inviteList">{t('admin.inviteListPaste')}</label>
        <textarea id="inviteList" name="inviteList" required aria-describedby="inviteListHelp" />
        <LanguageField id="inviteListLanguage" />
        <button type="submit" class="button primary">
          {t('admin.inviteListSubmit')}
        </button>
      </AdminForm>
      {result && result.problems.length > 0 && (
        <ul class="problems form-error">
          {result.problems.map((p) => (
            <li key={p.text}>{sayPhrase(p)}</li>
          ))}
        </ul>
      )}
      {result && result.invites.length > 0 && (
        <div class="notice" role="status">
          <p>{t('admin.inviteListDone', { count: result.invites.length })}</p>
          <ul class="plain-list">
            {result.invites.map((i) => (
              <li key={i.email}>
                {i.mailedTo
                  ? t('admin.inviteListSent', { email: i.mailedTo })
                  : t.rich('admin.inviteListLink', {
                      email: i.email,
                      url: <span class="copy-box">{i.url}</span>,
                    })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
