/**
 * Once, after the third day of a streak, home suggests installing — only when the browser offers
 * it (or on iOS Safari, with the steps). Shown once per device: dismissing or installing spends it.
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import {
  installNudgeSpent,
  installOffered,
  iosAddToHomeScreen,
  spendInstallNudge,
} from '../install';
import { useStore } from '../store';
import { InstallEntry } from './InstallEntry';

export const INSTALL_NUDGE_STREAK = 3;

export function InstallNudge() {
  const streak = useStore().progress.state.value.streak.current;
  const [spent, setSpent] = useState(installNudgeSpent);
  if (spent || streak < INSTALL_NUDGE_STREAK) return null;
  if (!installOffered.value && !iosAddToHomeScreen()) return null;
  const dismiss = () => {
    spendInstallNudge();
    setSpent(true);
  };
  return (
    <aside class="card install-nudge" aria-label={t('install.button')}>
      <p>{t('install.nudge')}</p>
      <div class="install-actions" onClick={dismiss}>
        <InstallEntry />
        <button type="button" class="button quiet">
          {t('install.notNow')}
        </button>
      </div>
    </aside>
  );
}
