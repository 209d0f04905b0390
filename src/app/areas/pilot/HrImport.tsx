/** The HR file upload on the dashboard, with the file's format and an example beside it: what was
 * imported, or every bad row. */
import { t } from './messages';
import type { PilotStore } from './pilot-store';

const HR_EXAMPLE = `email,hire_date,exit_date,internal_moves
lena@example.com,2023-04-01,,2024-10-01
max@example.com,2019-01-15,2025-06-30,2021-03-01;2023-09-01`;

export function HrImport({ store }: { store: PilotStore }) {
  return (
    <div class="card pilot-hr">
      <label for="hr-file">{t('pilot.hrImport')}</label>
      <p id="hr-format" class="muted">
        {t('pilot.hrFormat')}
      </p>
      <p class="muted">{t('pilot.hrExample')}</p>
      <pre class="hr-example">{HR_EXAMPLE}</pre>
      <input
        id="hr-file"
        aria-describedby="hr-format"
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
