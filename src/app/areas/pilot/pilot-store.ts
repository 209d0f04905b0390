/**
 * The admin's pilot store: setup (pilots, cohorts, checklist), the report, and actions. Imported
 * only by the lazily loaded pilot screens, so learners never download it.
 */
import { signal } from '@preact/signals';
import { HttpError, NetworkError, createApi, type Api } from '../../../client/api';
import type { PilotGoal, PilotReport } from '../../../core/pilot';
import { errorText, sayPhrase, type Phrase } from '../../i18n';
import { t } from './messages';

import type { HrImportReply, PilotReply, PilotSetup } from '../../../core/api';

export type { PilotSetup, PilotSummary } from '../../../core/api';

export interface NewPilot {
  name: string;
  startDate: string;
  weeks: number;
  cohortIds: string[];
  goals: PilotGoal[];
}

/** The server's message for a refused request; a localised one when the request never arrived. */
const message = (err: unknown) =>
  err instanceof HttpError
    ? errorText(err)
    : t(err instanceof NetworkError ? 'pilot.offline' : 'pilot.failed');

export function createPilotStore({ api = createApi() }: { api?: Api } = {}) {
  const setup = signal<PilotSetup | undefined>(undefined, { name: 'pilot.setup' });
  const report = signal<PilotReport | undefined>(undefined, { name: 'pilot.report' });
  const error = signal<string | null>(null, { name: 'pilot.error' });
  const hrErrors = signal<string[]>([], { name: 'pilot.hrErrors' });
  const notice = signal<string | null>(null, { name: 'pilot.notice' });

  async function load(): Promise<void> {
    try {
      error.value = null;
      setup.value = await api.get<PilotSetup>('/pilot/setup');
      report.value = setup.value.pilots.length
        ? await api.get<PilotReport>('/pilot/report')
        : undefined;
    } catch (err) {
      error.value = message(err);
    }
  }

  async function create(input: NewPilot): Promise<boolean> {
    try {
      error.value = null;
      await api.post<PilotReply>('/pilot/pilots', input);
      await load();
      return true;
    } catch (err) {
      error.value = message(err);
      return false;
    }
  }

  async function tick(pilotId: string, step: string, done: boolean): Promise<void> {
    try {
      const { pilot } = await api.post<PilotReply>(
        `/pilot/pilots/${encodeURIComponent(pilotId)}/checklist`,
        { step, done },
      );
      if (setup.value)
        setup.value = {
          ...setup.value,
          pilots: setup.value.pilots.map((p) => (p.id === pilot.id ? pilot : p)),
        };
    } catch (err) {
      error.value = message(err);
    }
  }

  async function importHr(csv: string): Promise<void> {
    hrErrors.value = [];
    notice.value = null;
    const res = await fetch('/api/v1/pilot/hr', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'text/csv' },
      body: csv,
    }).catch(() => undefined);
    const data = (await res?.json().catch(() => undefined)) as
      | (Partial<HrImportReply> & { error?: { message: string; key?: string; rows?: Phrase[] } })
      | undefined;
    if (res?.ok && data?.imported !== undefined) {
      notice.value = t('pilot.hrImported', { count: data.imported });
      await load();
    } else {
      error.value = data?.error
        ? errorText(new HttpError(res?.status ?? 0, 'invalid_rows', data.error.message, data.error))
        : t('pilot.hrFailed');
      hrErrors.value = (data?.error?.rows ?? []).map(sayPhrase);
    }
  }

  return { setup, report, error, hrErrors, notice, load, create, tick, importHr };
}

export type PilotStore = ReturnType<typeof createPilotStore>;
export { HttpError };
