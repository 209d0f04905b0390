/**
 * The door to the admin's pilot screens. The screens themselves (and their store and styles) are
 * loaded with a dynamic import the first time an admin opens them, so learners never download them.
 */
import { signal } from '@preact/signals';
import type { FunctionComponent } from 'preact';

type Screen = FunctionComponent<{ view: 'dashboard' | 'checklist' }>;
const loaded = signal<Screen | null>(null, { name: 'pilot.screen' });
const failed = signal(false, { name: 'pilot.screenFailed' });

export function PilotScreen({ view }: { view: 'dashboard' | 'checklist' }) {
  const Loaded = loaded.value;
  if (Loaded) return <Loaded view={view} />;
  if (failed.value)
    return (
      <p class="page" role="alert">
        The pilot screens could not be loaded. Check your connection and reload.
      </p>
    );
  import('./PilotDashboard')
    .then((m) => (loaded.value = m.PilotDashboard))
    .catch(() => (failed.value = true));
  return <p class="page muted">Loading the pilot…</p>;
}
