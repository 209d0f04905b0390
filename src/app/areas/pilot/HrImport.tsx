/** The HR file upload on the dashboard: what was imported, or every bad row. */
import { FileField } from '../../views/FileField';
import { t } from './messages';
import type { PilotStore } from './pilot-store';

export function HrImport({ store }: { store: PilotStore }) {
  return (
    <div class="card pilot-hr">
      <FileField
        id="hr-file"
        label={t('pilot.hrImport')}
        accept=".csv,text/csv"
        onFile={(text) => store.importHr(text)}
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
