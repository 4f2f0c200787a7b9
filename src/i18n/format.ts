import type { Locale } from './index.js';

const intlLocale: Record<Locale, string> = { en: 'en-GB', sv: 'sv-SE' };
const cache = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are costly to build; keep one per locale, zone and style. */
function formatter(locale: Locale, timeZone: string, style: 'date' | 'datetime' | 'time' | 'zone' | 'year'): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let f = cache.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'date'
        ? { timeZone, dateStyle: 'long' }
        : style === 'time'
          ? { timeZone, timeStyle: 'short' }
          : style === 'year'
            ? { timeZone, year: 'numeric' }
            : style === 'zone'
              ? { timeZone, timeZoneName: 'long' }
              : { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' };
    f = new Intl.DateTimeFormat(intlLocale[locale], options);
    cache.set(key, f);
  }
  return f;
}

export function formatDate(iso: string, locale: Locale, timeZone: string): string {
  return formatter(locale, timeZone, 'date').format(new Date(iso));
}

/** The calendar year of an instant in a time zone, e.g. '2014'. */
export function yearOf(iso: string, timeZone: string): string {
  return formatter('en', timeZone, 'year').format(new Date(iso));
}

export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  return formatter(locale, timeZone, 'datetime').format(new Date(iso));
}

/**
 * Formatted strings are pure functions of their inputs (and the ICU data), so each process
 * keeps the ones it made: a page of 20 events otherwise formats about 80 dates per request.
 * Bounded: cleared when full, so it never grows past MEMO_MAX entries.
 */
const MEMO_MAX = 20_000;
const memo = new Map<string, string>();
function memoised(key: string, make: () => string): string {
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    v = make();
    memo.set(key, v);
  }
  return v;
}

/** "Thursday 24 October 2014, 09:00–10:00" or, across days, "2 April 2013 – 5 April 2013". */
export function formatRange(startIso: string, endIso: string, locale: Locale, timeZone: string): string {
  return memoised(`r|${locale}|${timeZone}|${startIso}|${endIso}`, () => {
    const sameDay = formatDate(startIso, locale, timeZone) === formatDate(endIso, locale, timeZone);
    if (sameDay) return `${formatDateTime(startIso, locale, timeZone)}–${formatter(locale, timeZone, 'time').format(new Date(endIso))}`;
    return `${formatDate(startIso, locale, timeZone)} – ${formatDate(endIso, locale, timeZone)}`;
  });
}

/** The long name of a time zone in a locale, e.g. "Central European Standard Time". */
export function zoneName(iso: string, locale: Locale, timeZone: string): string {
  return memoised(`z|${locale}|${timeZone}|${iso}`, () => {
    const part = formatter(locale, timeZone, 'zone')
      .formatToParts(new Date(iso))
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  });
}

const regionNames = new Map<Locale, Intl.DisplayNames>();
export function countryName(code: string, locale: Locale): string {
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([intlLocale[locale]], { type: 'region' });
    regionNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** The host name of a URL, for "opens on example.org" notes; '' when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();
export function formatBytes(bytes: number, locale: Locale): string {
  let nf = numberFormats.get(locale);
  if (!nf) {
    nf = new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: 1 });
    numberFormats.set(locale, nf);
  }
  if (bytes < 1024) return `${nf.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${nf.format(bytes / 1024)} KB`;
  return `${nf.format(bytes / 1024 / 1024)} MB`;
}
