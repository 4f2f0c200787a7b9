import type { SiteLinks } from '../core/shared/site-links.js';
import { localePath } from '../i18n/index.js';

/**
 * The site's addresses from its public URL (PUBLIC_URL), keeping any path prefix it has
 * (https://example.org/events → https://example.org/events/sv/events/x). The one place a
 * URL for a mail or a calendar file is put together.
 */
export function siteLinks(publicUrl: string): SiteLinks {
  const base = publicUrl.replace(/\/+$/, '');
  const at = (path: string) => `${base}${path}`;
  return {
    host: new URL(base).hostname,
    event: (locale, slug) => at(localePath(locale, `/events/${encodeURIComponent(slug)}`)),
    registration: (locale, token) => at(localePath(locale, `/registration/${token}`)),
    invitation: (locale, token) => at(localePath(locale, `/invitation/${token}`)),
    portalLogin: (locale) => at(localePath(locale, '/portal/login')),
    portalCalendar: (token) => at(`/portal/calendar/${token}.ics`),
    staffEnrolment: (token) => at(`/admin/enrol/${token}`),
    staffReset: (token) => at(token === undefined ? '/admin/reset' : `/admin/reset/${token}`),
    staffSetup: (token) => at(`/admin/setup/${token}`),
    staffAccount: () => at('/admin/account'),
  };
}
