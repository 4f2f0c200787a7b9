import { localePath, t, type Locale, type MessageKey } from '../../i18n/index.js';

/** What every view needs to know about the request it renders for. */
export interface ViewContext {
  locale: Locale;
  /** the English path of this page, without a locale prefix or query */
  path: string;
  /** the query string of this page, with its leading '?', or '' */
  search: string;
  /** absolute origin for canonical links and JSON-LD */
  publicUrl: string;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** localised href for an English path */
  href(path: string): string;
}

export function viewContext(locale: Locale, path: string, search: string, publicUrl: string): ViewContext {
  return {
    locale,
    path,
    search,
    publicUrl,
    t: (key, params) => t(locale, key, params),
    href: (p) => localePath(locale, p),
  };
}
