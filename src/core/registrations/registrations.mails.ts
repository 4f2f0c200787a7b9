import type { SiteLinks } from '../shared/site-links.js';
import { formatRange, zoneName } from '../../i18n/format.js';
import { t, type Locale, type MessageKey } from '../../i18n/index.js';
import type { EventSummary } from '../events/events.schema.js';
import { calendarEvent, icsCalendar, PROD_ID } from '../events/ical.js';
import type { MailMessage } from '../outbox/outbox.repository.js';

export type RegistrationMailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'reminder' | 'again' | 'cancelled' | 'event-cancelled' | 'message';

export interface RegistrationMail {
  kind: RegistrationMailKind;
  to: string;
  locale: Locale;
  event: EventSummary;
  links: SiteLinks;
  retentionDays: number;
  /** the private link's token, for mails that carry it */
  token?: string;
  position?: number;
  /** the organisers' text, for `message` */
  text?: string;
}

const lead: Record<RegistrationMailKind, MessageKey> = {
  confirmed: 'mail.registration.confirmed',
  waitlisted: 'mail.registration.waitlisted',
  promoted: 'mail.registration.promoted',
  reminder: 'mail.registration.reminder',
  again: 'mail.registration.again',
  cancelled: 'mail.registration.cancelled',
  'event-cancelled': 'mail.registration.event-cancelled',
  message: 'mail.registration.message',
};

/** Mails that hold a seat carry the event as a calendar file. */
const withCalendar = new Set<RegistrationMailKind>(['confirmed', 'promoted']);

/**
 * One mail to one registrant. The subject is the same neutral line for every kind; the
 * event is named only inside, to the person who registered for it.
 */
export function registrationMail(m: RegistrationMail): MailMessage {
  const { locale, event } = m;
  const where = [event.venueName, event.city, event.online ? t(locale, 'mail.registration.online') : null].filter(Boolean).join(', ');
  const lines = [t(locale, lead[m.kind], { title: event.title, position: m.position ?? '' }), ''];
  if (m.kind === 'message' && m.text) lines.push(m.text, '');
  lines.push(
    t(locale, 'mail.registration.when', {
      when: formatRange(event.startsAt, event.endsAt, locale, event.timeZone),
      zone: zoneName(event.startsAt, locale, event.timeZone),
    }),
  );
  if (where) lines.push(t(locale, 'mail.registration.where', { where }));
  lines.push(t(locale, 'mail.registration.event-page', { url: m.links.event(locale, event.slug) }), '');
  if (m.token) lines.push(t(locale, 'mail.registration.manage', { url: m.links.registration(locale, m.token) }), '');
  const calendar = withCalendar.has(m.kind);
  if (calendar) lines.push(t(locale, 'mail.registration.calendar'));
  if (m.kind !== 'event-cancelled' && m.kind !== 'cancelled') lines.push(t(locale, 'mail.registration.retention', { days: m.retentionDays }));
  return {
    to: m.to,
    subject: t(locale, 'mail.registration.subject'),
    text: `${lines.join('\n').trim()}\n`,
    ...(calendar
      ? {
          attachments: [
            {
              filename: 'event.ics',
              contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
              content: icsCalendar({ name: event.title, prodId: PROD_ID, events: [calendarEvent(event, m.links, locale)] }),
            },
          ],
        }
      : {}),
  };
}
