import type { SiteLinks } from '../shared/site-links.js';
import { formatDate } from '../../i18n/format.js';
import { t, type Locale } from '../../i18n/index.js';
import type { MailMessage } from '../outbox/outbox.repository.js';

export type ParticipationMailKind = 'invitation' | 'application-received' | 'application-declined' | 'application-waitlisted' | 'sign-in-failures';

/**
 * Mails to invitees and applicants (security requirement R16, docs/requirements.md). One recipient each; the subject names
 * neither the conference nor the organisation, and neither does the text: a mailbox read at
 * a border shows a link and a date, nothing more. What the link is for is on the page it opens.
 */
export function participationMail(m: {
  kind: ParticipationMailKind;
  to: string;
  locale: Locale;
  links: SiteLinks;
  token?: string;
  expiresAt?: string;
}): MailMessage {
  const { locale } = m;
  const lines: string[] = [];
  if (m.kind === 'invitation') {
    const url = m.links.invitation(locale, m.token ?? '');
    lines.push(t(locale, 'mail.participation.invitation'), '', url, '');
    lines.push(t(locale, 'mail.participation.invitation-once', { date: formatDate(m.expiresAt ?? '', locale, 'UTC') }));
    lines.push(t(locale, 'mail.participation.not-you'));
  } else if (m.kind === 'sign-in-failures') {
    lines.push(t(locale, 'mail.participation.sign-in-failures'), '', m.links.portalLogin(locale));
  } else {
    lines.push(t(locale, `mail.participation.${m.kind}`));
  }
  return {
    to: m.to,
    subject: t(
      locale,
      m.kind === 'invitation'
        ? 'mail.participation.subject-link'
        : m.kind === 'sign-in-failures'
          ? 'mail.participation.subject-sign-in'
          : 'mail.participation.subject-application',
    ),
    text: lines.join('\n') + '\n',
  };
}
