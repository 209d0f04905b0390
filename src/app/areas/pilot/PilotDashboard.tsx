/**
 * The pilot area's door (lazy-loaded): tabs for the dashboard and the week-by-week checklist
 * over one pilot store; with no pilot yet, the setup form.
 */
import { useEffect, useMemo } from 'preact/hooks';
import { Link } from '../../views/Link';
import { Checklist } from './Checklist';
import { Dashboard } from './Dashboard';
import { t } from './messages';
import { NewPilotForm } from './NewPilotForm';
import { createPilotStore } from './pilot-store';
import './pilot.css';

export function PilotDashboard({ view }: { view: 'dashboard' | 'checklist' }) {
  const store = useMemo(() => createPilotStore(), []);
  useEffect(() => void store.load(), [store]);
  const setup = store.setup.value;
  const pilot = setup?.pilots[0];
  return (
    <section class="page pilot-page">
      <nav class="pilot-tabs" aria-label={t('pilot.nav')}>
        <Link href="/pilot" aria-current={view === 'dashboard' ? 'page' : undefined}>
          {t('pilot.dashboard')}
        </Link>
        <Link href="/pilot/checklist" aria-current={view === 'checklist' ? 'page' : undefined}>
          {t('pilot.checklist')}
        </Link>
      </nav>
      {store.error.value && (
        <p class="form-error" role="alert">
          {store.error.value}
        </p>
      )}
      {!setup ? (
        <p class="muted">{t('pilot.loading')}</p>
      ) : !pilot ? (
        <NewPilotForm store={store} />
      ) : view === 'checklist' ? (
        <Checklist store={store} pilot={pilot} />
      ) : store.report.value ? (
        <Dashboard store={store} report={store.report.value} />
      ) : (
        <p class="muted">{t('pilot.loadingReport')}</p>
      )}
    </section>
  );
}
