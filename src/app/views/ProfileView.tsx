/** The learner's profile: badges (skill and habit), kudos received, and giving kudos. */
import { useEffect, useState } from 'preact/hooks';
import { problemText } from '../stores/social';
import { useStore } from '../store';
import '../motivation.css';

const badgeIcon = { competency: '🎓', streak: '🔥', kudos: '👏' } as const;

export function ProfileView() {
  const store = useStore();
  const user = store.session.user.value!;
  const { badges, kudos, colleagues } = store.social;
  const state = store.progress.state.value;
  useEffect(() => {
    store.social.loadProfile();
    store.social.loadColleagues();
  }, [user.id]);

  return (
    <section class="page profile">
      <h1>{user.name}</h1>
      <p class="muted">
        {state.xp} XP · longest streak {state.streak.longest} days
      </p>
      <h2>Badges</h2>
      {badges.value === null ? (
        <p class="muted">Badges show when you are online.</p>
      ) : badges.value.length === 0 ? (
        <p class="muted">
          Badges mark skills you master and habits you keep — finish a module with 80% right first
          time, or keep a 7-day streak.
        </p>
      ) : (
        <ul class="badges">
          {badges.value.map((b) => (
            <li key={b.id} class="badge-item">
              <span aria-hidden="true">{badgeIcon[b.kind]}</span> {b.title}
            </li>
          ))}
        </ul>
      )}
      <h2>Kudos for you</h2>
      {kudos.value.length === 0 ? (
        <p class="muted">No kudos yet.</p>
      ) : (
        <ul class="kudos-list">
          {kudos.value.map((k) => (
            <li key={k.id} class="card">
              <strong>{k.fromName}</strong> —{' '}
              {k.reason === 'streak' ? 'for your streak' : 'for a lesson'}
              {k.message && <p class="kudos-message">{k.message}</p>}
            </li>
          ))}
        </ul>
      )}
      <GiveKudos people={colleagues.value} />
    </section>
  );
}

function GiveKudos({ people }: { people: Array<{ id: string; name: string }> }) {
  const store = useStore();
  const [to, setTo] = useState('');
  const [reason, setReason] = useState<'lesson' | 'streak'>('lesson');
  const [message, setMessage] = useState('');
  const [note, setNote] = useState<string | null>(null);
  return (
    <form
      class="form"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await store.social.giveKudos(to, reason, message);
          setNote('Kudos sent.');
          setMessage('');
        } catch (err) {
          setNote(problemText(err));
        }
      }}
    >
      <h2>Give kudos</h2>
      <label for="kudos-to">Colleague</label>
      <select id="kudos-to" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
        <option value="">Choose a colleague</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      <label for="kudos-reason">For</label>
      <select
        id="kudos-reason"
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value as 'lesson' | 'streak')}
      >
        <option value="lesson">A lesson they finished</option>
        <option value="streak">Their streak</option>
      </select>
      <label for="kudos-message">Message (optional)</label>
      <input
        id="kudos-message"
        maxLength={140}
        value={message}
        onInput={(e) => setMessage(e.currentTarget.value)}
      />
      <button type="submit" class="button primary" disabled={!to}>
        Send kudos
      </button>
      {note && <p role="status">{note}</p>}
    </form>
  );
}
