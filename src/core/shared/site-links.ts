import type { Locale } from '../../i18n/index.js';

/**
 * The addresses of the site that the domain writes into mails, calendar files and
 * one-time links. The domain names the page it means; src/web/links.ts knows the URLs
 * (the public address, its path prefix, the language prefix), so no service builds a URL.
 */
export interface SiteLinks {
  /** the host name, for identifiers that must be unique to this site (calendar UIDs) */
  readonly host: string;
  event(locale: Locale, slug: string): string;
  /** a registrant's private page */
  registration(locale: Locale, token: string): string;
  /** a participant's invitation */
  invitation(locale: Locale, token: string): string;
  portalLogin(locale: Locale): string;
  /** a participant's secret calendar feed */
  portalCalendar(token: string): string;
  staffEnrolment(token: string): string;
  /** the reset form (no token) or a reset link */
  staffReset(token?: string): string;
  staffSetup(token: string): string;
  staffAccount(): string;
}
