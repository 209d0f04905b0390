/** The learner's leaderboard settings: an alias, and hiding from other people's boards. */
import { useEffect, useState } from 'preact/hooks';
import { HttpError } from '../../client/api';
import { errorText, t } from '../i18n';
import { useStore } from '../store';
import { Field } from './Field';

export function BoardSettings() {
  const store = useStore();
  const profile = store.leaderboard.profile.value;
  const [alias, setAlias] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => void store.leaderboard.loadProfile(), []);
  useEffect(() => setAlias(profile?.alias ?? ''), [profile?.alias]);
  if (!profile) return null;

  async function save(next: { alias: string | null; hidden: boolean }) {
    try {
      await store.leaderboard.saveProfile(next);
      setSaved(t('board.saved'));
    } catch (err) {
      // The server says why it refused (an alias taken); without an answer, a generic failure.
      setSaved(err instanceof HttpError ? errorText(err) : t('board.saveFailed'));
    }
  }

  return (
    <form
      class="form board-settings"
      onSubmit={(e) => {
        e.preventDefault();
        void save({ alias: alias.trim() || null, hidden: profile.hidden });
      }}
    >
      <h2>{t('board.appear')}</h2>
      <Field
        id="board-alias"
        label={t('board.alias')}
        maxLength={40}
        value={alias}
        onInput={(e) => setAlias(e.currentTarget.value)}
      />
      <label class="check">
        <input
          type="checkbox"
          checked={profile.hidden}
          onChange={(e) => void save({ alias: profile.alias, hidden: e.currentTarget.checked })}
        />
        {t('board.hide')}
      </label>
      <button type="submit" class="button small">
        {t('board.saveName')}
      </button>
      {saved && <p role="status">{saved}</p>}
    </form>
  );
}
