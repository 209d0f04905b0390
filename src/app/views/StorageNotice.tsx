import { t } from '../i18n';
import { useStore } from '../store';

/** Tells the learner that the browser wiped this device's data and progress came back from the server. */
export function StorageNotice() {
  const store = useStore();
  if (!store.storageLost.value || !store.session.user.value) return null;
  return (
    <div class="banner" role="alert">
      <span>{t('app.storageLost')}</span>
      <button type="button" class="button small" onClick={() => (store.storageLost.value = false)}>
        {t('app.ok')}
      </button>
    </div>
  );
}
