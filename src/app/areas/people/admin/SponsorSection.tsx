/** The sponsor's message learners see on home, and the dates it is shown. */
import { t } from '../messages';
import type { AdminStore } from './admin-store';
import { AdminForm } from './form';
import { NamedOptions } from './options';

export function SponsorSection({ admin }: { admin: AdminStore }) {
  const p = admin.programme.value;
  if (!p) return null;
  const s = p.sponsor;
  return (
    <>
      <h2>{t('admin.sponsorTitle')}</h2>
      <AdminForm
        onValues={(v) =>
          admin.saveSponsor({
            name: v('sName'),
            title: v('sTitle'),
            text: v('sText'),
            startsOn: v('sStart'),
            endsOn: v('sEnd'),
            sponsorUserId: v('sUser') || null,
          })
        }
      >
        <label for="sName">{t('admin.sponsorName')}</label>
        <input id="sName" name="sName" required defaultValue={s?.name} />
        <label for="sTitle">{t('admin.sponsorRole')}</label>
        <input id="sTitle" name="sTitle" required defaultValue={s?.title} />
        <label for="sText">{t('admin.sponsorText')}</label>
        <textarea id="sText" name="sText" required maxLength={600} defaultValue={s?.text} />
        <label for="sStart">{t('admin.showFrom')}</label>
        <input id="sStart" name="sStart" type="date" required defaultValue={s?.startsOn} />
        <label for="sEnd">{t('admin.showUntil')}</label>
        <input id="sEnd" name="sEnd" type="date" required defaultValue={s?.endsOn} />
        <label for="sUser">{t('admin.sponsorAccount')}</label>
        <select id="sUser" name="sUser" defaultValue={s?.sponsorUserId ?? ''}>
          <option value="">{t('admin.none')}</option>
          <NamedOptions of={admin.people.value.filter((x) => x.active)} />
        </select>
        <button type="submit" class="button">
          {t('admin.saveMessage')}
        </button>
      </AdminForm>
    </>
  );
}
