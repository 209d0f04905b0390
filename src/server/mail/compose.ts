/**
 * Kindling's emails, composed in the recipient's language from the mail catalog
 * (src/core/phrases/mail.*.ts): each is a few blocks (paragraphs, a list, one link) rendered once
 * as plain text and once as HTML, where every text is escaped. A mail never carries a password:
 * invites and resets carry a single-use link, and the person sets their password behind it.
 */
import { localDate } from '../../core/calendar';
import { coachPhrase, type CoachKey } from '../../core/phrases/coach';
import { mailPhrase, type MailKey } from '../../core/phrases/mail';
import type { Locale, Params, Phrase } from '../../core/wording';
import type { OutgoingMail } from '../store/store';

type Block = { p: string } | { list: string[] } | { link: { label: string; url: string } };

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Text as HTML text or attribute value: nothing a name or an org could write becomes markup. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

function render(
  kind: OutgoingMail['kind'],
  to: string,
  subject: string,
  blocks: Block[],
  locale: Locale,
): OutgoingMail {
  const text = blocks
    .map((b) =>
      'p' in b
        ? b.p
        : 'list' in b
          ? b.list.map((item) => `- ${item}`).join('\n')
          : `${b.link.label}: ${b.link.url}`,
    )
    .join('\n\n');
  const body = blocks
    .map((b) =>
      'p' in b
        ? `<p>${escapeHtml(b.p)}</p>`
        : 'list' in b
          ? `<ul>${b.list.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
          : `<p><a href="${escapeHtml(b.link.url)}">${escapeHtml(b.link.label)}</a></p>`,
    )
    .join('\n');
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36em">
${body}
</body></html>`;
  return { kind, to, subject, text: `${text}\n`, html };
}

interface LinkMail {
  to: string;
  /** The recipient's name when known. */
  name?: string | undefined;
  org: string;
  url: string;
  expiresAt: number;
  /** The zone the expiry date is shown in. */
  tz: string;
  locale: Locale;
}

function say(locale: Locale) {
  return (key: MailKey, params?: Params) => mailPhrase.say(key, params, locale);
}

function greeting(s: ReturnType<typeof say>, name: string | undefined) {
  return name ? s('mail.hello', { name }) : s('mail.helloAnyone');
}

/** An invite: who invites to which organisation, the join link and until when it works. */
export function inviteMail(mail: LinkMail & { inviter: string }): OutgoingMail {
  const s = say(mail.locale);
  return render(
    'invite',
    mail.to,
    s('mail.invite.subject', { inviter: mail.inviter }),
    [
      { p: greeting(s, mail.name) },
      { p: s('mail.invite.body', { inviter: mail.inviter, org: mail.org }) },
      { link: { label: s('mail.invite.action', { org: mail.org }), url: mail.url } },
      { p: s('mail.linkOnce', { expiryDate: localDate(mail.expiresAt, mail.tz) }) },
      { p: s('mail.notExpected') },
      { p: s('mail.footer', { org: mail.org }) },
    ],
    mail.locale,
  );
}

/** A password reset link an admin made for someone. */
export function resetMail(mail: LinkMail): OutgoingMail {
  const s = say(mail.locale);
  return render(
    'reset',
    mail.to,
    s('mail.reset.subject'),
    [
      { p: greeting(s, mail.name) },
      { p: s('mail.reset.body', { org: mail.org }) },
      { link: { label: s('mail.reset.action'), url: mail.url } },
      { p: s('mail.linkOnce', { expiryDate: localDate(mail.expiresAt, mail.tz) }) },
      { p: s('mail.notExpected') },
      { p: s('mail.footer', { org: mail.org }) },
    ],
    mail.locale,
  );
}

export interface DigestReport {
  name: string;
  lessons: number;
  minutes: number;
  /** Why they may need a nudge (coach catalog phrases); empty when they are on track. */
  riskReasons: Phrase[];
}

/** The weekly "your team this week" to a manager: who learned, minutes, who may need a nudge. */
export function digestMail(mail: {
  to: string;
  name: string;
  org: string;
  locale: Locale;
  /** Monday of the week, YYYY-MM-DD. */
  weekStart: string;
  reports: DigestReport[];
  /** The team screen, when the server knows its public address. */
  teamUrl?: string | undefined;
}): OutgoingMail {
  const s = say(mail.locale);
  const learned = mail.reports.filter((r) => r.lessons > 0);
  const nudges = mail.reports.flatMap((r) =>
    r.riskReasons.slice(0, 1).map((reason) =>
      s('mail.digest.nudge', {
        name: r.name,
        reason: coachPhrase.say(reason.key as CoachKey, reason.params, mail.locale),
      }),
    ),
  );
  const blocks: Block[] = [
    { p: greeting(s, mail.name) },
    { p: s('mail.digest.intro', { startDate: mail.weekStart }) },
    learned.length
      ? {
          list: learned.map((r) =>
            s('mail.digest.learned', { name: r.name, count: r.lessons, minutes: r.minutes }),
          ),
        }
      : { p: s('mail.digest.nobodyLearned') },
    ...(nudges.length ? [{ p: s('mail.digest.nudgeHeading') }, { list: nudges }] : []),
    ...(mail.teamUrl ? [{ link: { label: s('mail.digest.action'), url: mail.teamUrl } }] : []),
    { p: s('mail.footer', { org: mail.org }) },
  ];
  return render('digest', mail.to, s('mail.digest.subject'), blocks, mail.locale);
}
