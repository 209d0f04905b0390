/**
 * Me's badge gallery: every badge there is to earn here, the earned ones first, each locked one
 * with what earns it and how far along the learner is. Titles and requirements are worded in the
 * reader's locale (a competency keeps its content title). Icons are SVG, never emoji.
 */
import type { BadgeSlot } from '../../core/badges';
import { formatNumber, sayPhrase, t } from '../i18n';
import { Icon } from './Icon';

const badgeIcon = { competency: 'award', streak: 'flame', kudos: 'heart' } as const;

export function BadgeGallery({ slots }: { slots: readonly BadgeSlot[] }) {
  const earned = slots.filter((s) => s.earned).length;
  return (
    <>
      <p class="muted">
        {t('badges.summary', { earned: formatNumber(earned), total: formatNumber(slots.length) })}
      </p>
      <ul class="badge-gallery">
        {slots.map((s) => (
          <li key={s.id} class={s.earned ? 'badge-tile got' : 'badge-tile'}>
            <span class="badge-medal">
              <Icon name={s.earned ? badgeIcon[s.kind] : 'lock'} size={22} />
            </span>
            <span class="badge-text">
              <strong>{sayPhrase(s.title)}</strong>
              {s.earned ? (
                <span class="badge-how">{t('badges.earned')}</span>
              ) : (
                <span class="badge-how">
                  <span class="visually-hidden">{t('badges.locked')} </span>
                  {sayPhrase(s.how)}
                  {s.progress && s.progress.have > 0 && (
                    <>
                      {' · '}
                      {t('badges.progress', {
                        have: formatNumber(s.progress.have),
                        need: formatNumber(s.progress.need),
                      })}
                    </>
                  )}
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
