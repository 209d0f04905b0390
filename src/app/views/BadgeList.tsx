/** A learner's badges, each title worded in their locale (a competency keeps its content title). */
import { sayPhrase } from '../i18n';
import type { Badge } from '../../core/badges';

const badgeIcon = { competency: '🎓', streak: '🔥', kudos: '👏' } as const;

export function BadgeList({ badges }: { badges: readonly Badge[] }) {
  return (
    <ul class="badges">
      {badges.map((b) => (
        <li key={b.id} class="badge-item">
          <span aria-hidden="true">{badgeIcon[b.kind]}</span> {sayPhrase(b.phrase)}
        </li>
      ))}
    </ul>
  );
}
