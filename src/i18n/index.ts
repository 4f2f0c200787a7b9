import { en, type MessageKey } from './en.js';
import { sv } from './sv.js';

export const locales = ['en', 'sv'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';
export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { en, sv };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Looks up a message and fills `{name}` placeholders. Values are plain text; views escape them. */
export function t(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The path prefix of a locale: '' for English, '/sv' for Swedish. */
export function localePrefix(locale: Locale): string {
  return locale === defaultLocale ? '' : `/${locale}`;
}

/** Builds a localised path from an English one: localePath('sv', '/events') === '/sv/events'. */
export function localePath(locale: Locale, path: string): string {
  const prefix = localePrefix(locale);
  if (!prefix) return path;
  return path === '/' ? prefix : prefix + path;
}

/** Splits '/sv/events' into ['sv', '/events']; paths without a known prefix are English. */
export function splitLocale(path: string): [Locale, string] {
  for (const l of locales) {
    if (l === defaultLocale) continue;
    if (path === `/${l}`) return [l, '/'];
    if (path.startsWith(`/${l}/`)) return [l, path.slice(l.length + 1)];
  }
  return [defaultLocale, path];
}

export const catalogueFor = (l: Locale): Readonly<Record<MessageKey, string>> => catalogues[l];
