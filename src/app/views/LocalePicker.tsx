import { locale, LOCALES, localeNames, setLocale, t, type Locale } from '../i18n';
import { useStore } from '../store';

/**
 * The learner's language: follows the browser until changed here; the choice is remembered, and
 * this device's pushes and the person's emails (worded by the server) follow it.
 */
export function LocalePicker() {
  const store = useStore();
  return (
    <div class="locale-picker">
      <label for="locale">{t('app.language')}</label>
      <select
        id="locale"
        value={locale.value}
        onChange={(e) => {
          const next = (e.currentTarget as HTMLSelectElement).value as Locale;
          setLocale(next);
          void store.social.wordPushesIn(next);
          void store.social.mailMeIn(next);
        }}
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
