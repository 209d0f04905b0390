/**
 * The admin's console for their organisation: a section nav (a column beside the sections on a
 * laptop, a row of links above them on a phone) and the sections, one component each: people,
 * cohorts (with their managers), invites (one, or a list), content (module upload), the learning
 * goal and the sponsor's message, sign-in (single sign-on, directory provisioning) and learning
 * records (forwarding to the organisation's own LRS).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { useStore } from '../../../store';
import { t } from '../messages';
import '../people.css';
import { createAdminStore } from './admin-store';
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

const NAV = [
  ['people', 'admin.navPeople'],
  ['cohorts', 'admin.navCohorts'],
  ['invites', 'admin.navInvites'],
  ['content', 'admin.navContent'],
  ['programme', 'admin.navProgramme'],
  ['sign-in', 'admin.navSignIn'],
  ['records', 'admin.navRecords'],
] as const;

function Part({ id, children }: { id: (typeof NAV)[number][0]; children: ComponentChildren }) {
  return (
    <section id={`admin-${id}`} class="admin-part">
      {children}
    </section>
  );
}

export function AdminView() {
  const store = useStore();
  const admin = useMemo(() => createAdminStore({ api: store.api }), []);
  useEffect(() => void admin.load(), []);
  return (
    <section class="page admin">
      <h1>{t('admin.title')}</h1>
      <nav class="admin-nav" aria-label={t('admin.sections')}>
        <ul>
          {NAV.map(([id, label]) => (
            <li key={id}>
              <a href={`#admin-${id}`}>{t(label)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="admin-body">
        <Outcome error={admin.error} notice={admin.flash} />
        <p class="muted required-note">{t('admin.requiredNote')}</p>
        <Part id="people">
          <PeopleSection admin={admin} />
        </Part>
        <Part id="cohorts">
          <CohortsSection admin={admin} />
        </Part>
        <Part id="invites">
          <InviteSection admin={admin} />
          <BulkInviteSection admin={admin} />
        </Part>
        <Part id="content">
          <UploadSection admin={admin} />
        </Part>
        <Part id="programme">
          <GoalSection admin={admin} />
          <SponsorSection admin={admin} />
        </Part>
        <Part id="sign-in">
          <SsoSection admin={admin} />
          <ScimSection api={store.api} />
        </Part>
        <Part id="records">
          <ForwardingSection api={store.api} />
        </Part>
        <TimeZones />
      </div>
    </section>
  );
}
