/**
 * The admin's console for their organisation: a section nav (a column beside the sections on a
 * laptop, a row of links above them on a phone) and the sections, one component each: people,
 * cohorts (with their managers), invites (one, or a list), content (module upload), the learning
 * goal and the sponsor's message, sign-in (single sign-on, directory provisioning) and learning
 * records (forwarding to the organisation's own LRS).
 */
import type { ComponentType } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { useStore } from '../../../store';
import { t } from '../messages';
import '../people.css';
import type { Api } from '../../../../client/api';
import { createAdminStore, type AdminStore } from './admin-store';
import { BulkInviteSection } from './BulkInviteSection';
import { CohortsSection } from './CohortsSection';
import { ForwardingSection } from './ForwardingSection';
import { GoalSection } from './GoalSection';
import { InviteSection } from './InviteSection';
import { PeopleSection } from './PeopleSection';
import { ScimSection } from './ScimSection';
import { SponsorSection } from './SponsorSection';
import { SsoSection } from './SsoSection';
import { TimeZones } from './TimeZones';
import { UploadSection } from './UploadSection';
import { Outcome } from '../Outcome';

/** A section of the console; each takes what it needs of the two. */
type Section = ComponentType<{ admin: AdminStore; api: Api }>;

/**
 * The parts in page order, each with its nav link's words and its sections: the nav and the page
 * are drawn from this one list.
 */
const PARTS: readonly [id: string, label: Parameters<typeof t>[0], sections: Section[]][] = [
  ['people', 'admin.navPeople', [PeopleSection]],
  ['cohorts', 'admin.navCohorts', [CohortsSection]],
  ['invites', 'admin.navInvites', [InviteSection, BulkInviteSection]],
  ['content', 'admin.navContent', [UploadSection]],
  ['programme', 'admin.navProgramme', [GoalSection, SponsorSection]],
  ['sign-in', 'admin.navSignIn', [SsoSection, ScimSection]],
  ['records', 'admin.navRecords', [ForwardingSection]],
];

export function AdminView() {
  const store = useStore();
  const admin = useMemo(() => createAdminStore({ api: store.api }), []);
  useEffect(() => void admin.load(), []);
  return (
    <section class="page admin">
      <h1>{t('admin.title')}</h1>
      <nav class="admin-nav" aria-label={t('admin.sections')}>
        <ul>
          {PARTS.map(([id, label]) => (
            <li key={id}>
              <a href={`#admin-${id}`}>{t(label)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="admin-body">
        <Outcome error={admin.error} notice={admin.flash} />
        <p class="muted required-note">{t('admin.requiredNote')}</p>
        {PARTS.map(([id, , sections]) => (
          <section key={id} id={`admin-${id}`} class="admin-part">
            {sections.map((Section, i) => (
              <Section key={i} admin={admin} api={store.api} />
            ))}
          </section>
        ))}
        <TimeZones />
      </div>
    </section>
  );
}
