import type { SiteLinks } from '../core/shared/site-links.js';
import { localePath } from '../i18n/index.js';

/** The site's addresses, built once from PUBLIC_URL, for the domain's mails and calendar files. */
export function siteLinks(publicUrl: string): SiteLinks {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    base,
    eventPage: (locale, slug) => base + localePath(locale, `/events/${encodeURIComponent(slug)}`),
    registrationPage: (locale, token) => base + localePath(locale, `/registration/${encodeURIComponent(token)}`),
    staffEnrol: (token) => `${base}/admin/enrol/${encodeURIComponent(token)}`,
    staffReset: (token) => `${base}/admin/reset/${encodeURIComponent(token)}`,
    staffSetup: (token) => `${base}/admin/setup/${encodeURIComponent(token)}`,
  };
}
