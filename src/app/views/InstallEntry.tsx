/** "Install Kindling" when the browser offers it; on iOS Safari, the Add to Home Screen steps. */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { installOffered, iosAddToHomeScreen, promptInstall } from '../install';
import { Icon } from './Icon';

export function InstallEntry() {
  const [ios] = useState(iosAddToHomeScreen);
  if (installOffered.value)
    return (
      <button type="button" class="button" onClick={() => void promptInstall()}>
        <Icon name="install" size={20} /> {t('install.button')}
      </button>
    );
  if (!ios) return null;
  return (
    <div class="install-ios">
      <p>
        <strong>{t('install.button')}</strong>
      </p>
      <ol>
        <li>{t('install.iosShare')}</li>
        <li>{t('install.iosAdd')}</li>
        <li>{t('install.iosConfirm')}</li>
      </ol>
    </div>
  );
}
