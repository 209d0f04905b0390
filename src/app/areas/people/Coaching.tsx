/**
 * What the server composes for a manager's coaching — the 1:1 script and why a report is at
 * risk — worded again in the manager's locale from the coach phrases in the people catalog.
 * Pure parts (no store, no router), so each renders on its own.
 */
import { t } from './messages';
import type { MemberPage } from '../../../core/api';
import { sayPhrase, type Phrase } from '../../i18n';

type Script = MemberPage['script'];

/** Lines as a list; a phrase's English text is a stable key whatever the reader's locale. */
function listOf(lines: readonly Phrase[]) {
  return (
    <ul>
      {lines.map((line) => (
        <li key={line.text}>{sayPhrase(line)}</li>
      ))}
    </ul>
  );
}

/** The talking part of the script: what to celebrate, where they are stuck, one question. */
export function ScriptTalk({
  script,
}: {
  script: Pick<Script, 'celebrate' | 'stuck' | 'question'>;
}) {
  return (
    <>
      <h2>{t('member.celebrate')}</h2>
      {listOf(script.celebrate)}
      <h2>{t('member.stuck')}</h2>
      {script.stuck.length ? listOf(script.stuck) : <p class="muted">{t('member.notStuck')}</p>}
      <h2>{t('member.question')}</h2>
      <p class="card">{sayPhrase(script.question)}</p>
    </>
  );
}

/** The checklist to tick during the 1:1; items keep their ids, so ticks survive rewording. */
export function ScriptChecklist({
  items,
  onCheck,
}: {
  items: Script['checklist'];
  onCheck: (itemId: string, checked: boolean) => void;
}) {
  return (
    <>
      <h2 id="checklist-heading">{t('member.checklist')}</h2>
      <ul class="checklist card" aria-labelledby="checklist-heading">
        {items.map((item) => (
          <li key={item.id} class={item.checked ? 'checked' : ''}>
            <label>
              <input
                type="checkbox"
                checked={item.checked}
                onChange={(e) => onCheck(item.id, e.currentTarget.checked)}
              />
              <span>{sayPhrase(item)}</span>
            </label>
          </li>
        ))}
      </ul>
    </>
  );
}

/** "At risk: …" on the team list, each reason in the manager's locale. */
export function AtRisk({ reasons }: { reasons: readonly Phrase[] }) {
  return (
    <span class="risk">{t('team.atRisk', { reasons: reasons.map(sayPhrase).join('; ') })}</span>
  );
}
