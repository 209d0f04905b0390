/** The language an invite is mailed in: the admin's own by default. */
import { locale, LOCALES, localeNames } from '../../../i18n';
import { t } from '../messages';

export function LanguageField({ id }: { id: string }) {
  return (
    <>
      <label for={id}>{t('admin.inviteLanguage')}</label>
      <select id={id} name={id} value={locale.value}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </>
  );
}
