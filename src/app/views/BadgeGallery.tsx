/**
 * Me's badge gallery: every badge there is to earn here, the earned ones first, each locked one
 * with what earns it and how far along the learner is. Titles and requirements are worded in the
 * reader's locale (a competency keeps its content title). Icons are SVG, never emoji.
 */
import type { BadgeSlot } from '../../core/badges';
import type { BadgeHowKey } from '../../core/phrases/badge-how';
import { formatNumber, sayPhrase } from '../i18n';
import { t } from './badge-messages';

/** The medals' SVG paths (here, not in Icon: only this lazy screen draws them). */
const medal = {
  competency: 'M12 15a6 6 0 1 0 0-12 6 6 0 0 0 0 12zm-3.5-1-1.5 8 5-3 5 3-1.5-8',
  streak:
    'M12 22c4 0 7-2.8 7-7 0-3.5-2.2-6-4-8-.4 2-1.4 3.2-2.6 3.6C12.8 7.4 11.5 4.6 9 2c.3 3.6-1.6 5.8-3.2 7.6C4.6 11 5 13 5 15c0 4.2 3 7 7 7z',
  kudos: 'M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z',
  locked: 'M7 11V8a5 5 0 0 1 10 0v3M5 11h14v10H5z',
} as const;

function Medal({ name }: { name: keyof typeof medal }) {
  return (
    <svg
      class="icon"
      viewBox="0 0 24 24"
      width={22}
      height={22}
      aria-hidden="true"
      focusable="false"
    >
      <path d={medal[name]} />
    </svg>
  );
}

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
              <Medal name={s.earned ? s.kind : 'locked'} />
            </span>
            <span class="badge-text">
              <strong>{sayPhrase(s.title)}</strong>
              {s.earned ? (
                <span class="badge-how">{t('badges.earned')}</span>
              ) : (
                <span class="badge-how">
                  <span class="visually-hidden">{t('badges.locked')} </span>
                  {t(s.how.key as BadgeHowKey, s.how.params)}
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
