/** The HR file upload on the dashboard: what was imported, or every bad row. */
import { t } from './messages';
import type { PilotStore } from './pilot-store';

export function HrImport({ store }: { store: PilotStore }) {
  return (
    <div class="card pilot-hr">
      <label for="hr-file">{t('pilot.hrImport')}</label>
      <input
        id="hr-file"
        type="file"
        accept=".csv,text/csv"
        onChange={async (e) => {
          const file = (e.currentTarget as HTMLInputElement).files?.[0];
          if (file) await store.importHr(await file.text());
        }}
      />
      {store.notice.value && <p role="status">{store.notice.value}</p>}
      {store.hrErrors.value.length > 0 && (
        <ul class="form-error" aria-label={t('pilot.hrRows')}>
          {store.hrErrors.value.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
