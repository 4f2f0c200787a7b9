import type { Locale } from '../../i18n/index.js';

/**
 * The addresses of the site's pages that the domain puts in mails and calendar files. The
 * domain says which page it means; the web layer (src/web/links.ts) knows the paths and the
 * public origin, so no URL is written inside src/core.
 */
export interface SiteLinks {
  /** PUBLIC_URL as configured, without a trailing slash (calendar UIDs name its host) */
  readonly base: string;
  /** a public event's page in a language */
  eventPage(locale: Locale, slug: string): string;
  /** a visitor's private registration page, behind the token in their mails */
  registrationPage(locale: Locale, token: string): string;
  /** a new staff member's enrolment link */
  staffEnrol(token: string): string;
  /** a staff password reset link */
  staffReset(token: string): string;
  /** the first administrator's setup link */
  staffSetup(token: string): string;
}
