/** Module upload: check or import a module file, with its `file:line: message` problems. */
import { useSignal } from '@preact/signals';
import { sayPhrase } from '../../../i18n';
import { FileField } from '../../../views/FileField';
import { t } from '../messages';
import type { AdminStore } from './admin-store';

export function UploadSection({ admin }: { admin: AdminStore }) {
  const result = admin.upload.value;
  const fileName = useSignal('upload.md');
  return (
    <>
      <h2>{t('admin.upload')}</h2>
      <p id="upload-help" class="muted">
        {t('admin.uploadTranslation')}
      </p>
      <form
        class="card form"
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget as HTMLFormElement;
          const source = (form.elements.namedItem('moduleSource') as HTMLTextAreaElement).value;
          const importIt = (e.submitter as HTMLButtonElement | null)?.value === 'import';
          void admin.checkModule(fileName.value, source, importIt);
        }}
      >
        <FileField
          id="moduleFile"
          label={t('admin.file')}
          accept=".md,text/markdown"
          into="moduleSource"
          onFile={(_, file) => (fileName.value = file.name.replace(/[^\w.-]/g, '-'))}
        />
        <label for="moduleSource">{t('admin.paste')}</label>
        <textarea id="moduleSource" name="moduleSource" required />
        <div class="button-row">
          <button type="submit" class="button" value="validate">
            {t('admin.validate')}
          </button>
          <button type="submit" class="button primary" value="import">
            {t('admin.import')}
          </button>
        </div>
      </form>
      {result && (
        <div class={result.ok ? 'notice' : 'form-error'} role="status">
          <p>{result.summary}</p>
          {result.problems.length > 0 && (
            <ul class="problems">
              {result.problems.map((p) => (
                <li key={`${p.line}:${p.message}`}>
                  {`${p.file}:${p.line}: ${p.phrase ? sayPhrase(p.phrase) : p.message}`}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
