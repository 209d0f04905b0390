import { useStore } from '../store';

/** Tells the learner that the browser wiped this device's data and progress came back from the server. */
export function StorageNotice() {
  const store = useStore();
  if (!store.storageLost.value || !store.session.user.value) return null;
  return (
    <div class="banner" role="alert">
      <span>
        This browser cleared Kindling's saved data. Your progress was restored from the server;
        anything done offline that had not synced could not be recovered.
      </span>
      <button type="button" class="button small" onClick={() => (store.storageLost.value = false)}>
        OK
      </button>
    </div>
  );
}
