import { locale, LOCALES, localeNames, setLocale, t, type Locale } from '../i18n';

/** The learner's language: follows the browser until changed here; the choice is remembered. */
export function LocalePicker() {
  return (
    <div class="locale-picker">
      <label for="locale">{t('app.language')}</label>
      <select
        id="locale"
        value={locale.value}
        onChange={(e) => setLocale((e.currentTarget as HTMLSelectElement).value as Locale)}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
