/**
 * Inviting a list at once: a CSV file or pasted rows (email, name, manager_email, cohort, optional role). The
 * server invites everyone or no one; a refused list shows each row's problem in the admin's
 * language, and an invited one says who was mailed (or gives the links to hand over).
 */
import { locale, LOCALES, localeNames, sayPhrase } from '../../../i18n';
import { t } from '../messages';
import type { AdminStore } from './admin-store';

export function BulkInviteSection({ admin }: { admin: AdminStore }) {
  const result = admin.invitedList.value;
  return (
    <>
      <h2>{t('admin.inviteList')}</h2>
      <form
        class="card form"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget as HTMLFormElement;
          const field = (name: string) =>
            (form.elements.namedItem(name) as HTMLTextAreaElement | HTMLSelectElement).value;
          void admin.inviteList(field('inviteList'), field('inviteListLanguage'));
        }}
      >
        <p class="muted" id="inviteListHelp">
          {t('admin.inviteListHelp')}
        </p>
        <label for="inviteListFile">{t('admin.inviteListFile')}</label>
        <input
          id="inviteListFile"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            if (!file) return;
            const area = e.currentTarget.form!.elements.namedItem(
              'inviteList',
            ) as HTMLTextAreaElement;
            area.value = await file.text();
          }}
        />
        <label for="inviteList">{t('admin.inviteListPaste')}</label>
        <textarea id="inviteList" name="inviteList" required aria-describedby="inviteListHelp" />
        <label for="inviteListLanguage">{t('admin.inviteLanguage')}</label>
        <select id="inviteListLanguage" name="inviteListLanguage" value={locale.value}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {localeNames[l]}
            </option>
          ))}
        </select>
        <button type="submit" class="button primary">
          {t('admin.inviteListSubmit')}
        </button>
      </form>
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
