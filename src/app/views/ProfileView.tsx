/**
 * Me: the learner's profile (badges, kudos received, giving kudos) and the settings used rarely
 * enough not to sit on every screen: language, reminders, installing, account and signing out.
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { useStore } from '../store';
import '../motivation.css';
import { BadgeGallery } from './BadgeGallery';
import { badgeGallery } from '../../core/badges';
import { InstallEntry } from './InstallEntry';
import { Link } from './Link';
import { LocalePicker } from './LocalePicker';
import { ReminderOptIn } from './ReminderOptIn';
import { ColleagueSelect, StatusForm } from './StatusForm';
import { Field } from './Field';
import { navigate, paths } from '../router';

export function ProfileView() {
  const store = useStore();
  const user = store.session.user.value!;
  const { badges, kudosReceived, kudos } = store.social;
  const catalog = store.content.catalog.value;
  const state = store.progress.state.value;
  useEffect(() => {
    store.social.loadProfile();
    store.social.loadColleagues();
  }, [user.id]);

  return (
    <section class="page profile">
      <h1>{user.name}</h1>
      <p class="muted">{t('profile.stats', { xp: state.xp, count: state.streak.longest })}</p>
      <h2>{t('profile.badges')}</h2>
      {badges.value === null ? (
        <p class="muted">{t('profile.badgesOffline')}</p>
      ) : (
        <BadgeGallery
          slots={badgeGallery({
            earned: badges.value,
            longestStreak: state.streak.longest,
            kudosReceived: kudosReceived.value,
            modules: catalog?.modules ?? [],
            competencies: catalog?.competencies ?? [],
          })}
        />
      )}
      <h2>{t('profile.kudos')}</h2>
      {kudos.value.length === 0 ? (
        <p class="muted">{t('profile.kudosNone')}</p>
      ) : (
        <ul class="kudos-list">
          {kudos.value.map((k) => (
            <li key={k.id} class="card">
              <strong>{k.fromName}</strong> —{' '}
              {t(k.reason === 'streak' ? 'profile.forStreak' : 'profile.forLesson')}
              {k.message && <p class="kudos-message">{k.message}</p>}
            </li>
          ))}
        </ul>
      )}
      <GiveKudos />
      <Settings />
    </section>
  );
}

function Settings() {
  const store = useStore();
  async function signOut() {
    const waiting = store.progress.waiting.value.total;
    if (waiting > 0 && !confirm(t('sync.signOutConfirm', { count: waiting }))) return;
    await store.signOut();
    navigate(paths.home(), true); // whoever signs in next starts on Today
  }
  return (
    <section class="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">{t('me.settings')}</h2>
      <LocalePicker />
      <ReminderOptIn />
      <InstallEntry />
      <Link href={paths.account()} class="settings-link">
        {t('me.account')}
      </Link>
      <button type="button" class="button quiet" onClick={() => void signOut()}>
        {t('sync.signOut')}
      </button>
    </section>
  );
}

function GiveKudos() {
  const store = useStore();
  const [to, setTo] = useState('');
  const [reason, setReason] = useState<'lesson' | 'streak'>('lesson');
  const [message, setMessage] = useState('');
  return (
    <StatusForm
      submit={t('profile.send')}
      disabled={!to}
      action={async () => {
        await store.social.giveKudos(to, reason, message);
        setMessage('');
        return t('profile.sent');
      }}
    >
      <h2>{t('profile.give')}</h2>
      <ColleagueSelect id="kudos-to" label={t('profile.colleague')} value={to} onChange={setTo} />
      <label for="kudos-reason">{t('profile.for')}</label>
      <select
        id="kudos-reason"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value as 'lesson' | 'streak')}
      >
        <option value="lesson">{t('profile.reasonLesson')}</option>
        <option value="streak">{t('profile.reasonStreak')}</option>
      </select>
      <Field
        id="kudos-message"
        label={t('profile.message')}
        maxLength={140}
        value={message}
        onInput={(e) => setMessage(e.currentTarget.value)}
      />
    </StatusForm>
  );
}
