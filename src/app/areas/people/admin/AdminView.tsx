/**
 * The admin's screen for their organisation, one component per section: the learning goal,
 * the sponsor's message, people, cohorts (with their managers), invites (one, or a list), directory
 * provisioning (SCIM tokens), module upload, single sign-on and forwarding to the organisation's
 * own LRS.
 */
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

export function AdminView() {
  const store = useStore();
  const admin = useMemo(() => createAdminStore({ api: store.api }), []);
  useEffect(() => void admin.load(), []);
  return (
    <section class="page">
      <h1>{t('admin.title')}</h1>
      {admin.error.value && (
        <p class="form-error" role="alert">
          {admin.error.value}
        </p>
      )}
      {admin.flash.value && (
        <p class="notice" role="status">
          {admin.flash.value}
        </p>
      )}
      <GoalSection admin={admin} />
      <SponsorSection admin={admin} />
      <PeopleSection admin={admin} />
      <CohortsSection admin={admin} />
      <InviteSection admin={admin} />
      <BulkInviteSection admin={admin} />
      <ScimSection api={store.api} />
      <UploadSection admin={admin} />
      <SsoSection admin={admin} />
      <ForwardingSection api={store.api} />
      <TimeZones />
    </section>
  );
}
