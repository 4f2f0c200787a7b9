/**
 * Wall-clock times in a time zone to UTC instants and back, with Intl only (no date
 * library). Used by the admin event form (a local date-time plus an IANA zone, stored as
 * UTC) and by the demo content, whose events are written as "24 October 2014 at 09:00 in
 * Stockholm" or "ten days from today at 09:00 in Stockholm".
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in `timeZone` at the instant `ms` (milliseconds since the epoch). */
function wallClockAt(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const get = (k: string) => parts[k] ?? 0;
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** Minutes to add to UTC to get the wall clock of `timeZone` at `instant` (Stockholm in winter: 60). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const ms = Math.floor(instant.getTime() / 1000) * 1000;
  const w = wallClockAt(ms, timeZone);
  return (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - ms) / 60_000;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant at which the wall clock in `timeZone` reads `local` ('YYYY-MM-DDTHH:mm').
 * Like Temporal's "compatible" disambiguation: a time that occurs twice (clocks going
 * back) gives the earlier instant; a time skipped when clocks go forward is read with the
 * offset from before the change, i.e. it lands as far after the gap as it was into it.
 */
export function zonedTimeToUtc(local: string, timeZone: string): Date {
  const m = LOCAL.exec(local);
  if (!m) throw new Error(`not a local date-time (YYYY-MM-DDTHH:mm): ${local}`);
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) throw new Error(`no such date-time: ${local}`);
  // Offsets a day either side of the reading; no zone changes offset twice within two days.
  const before = offsetMinutes(new Date(asUtc - 86_400_000), timeZone);
  const after = offsetMinutes(new Date(asUtc + 86_400_000), timeZone);
  const matches = [...new Set([before, after])]
    .map((offset) => asUtc - offset * 60_000)
    .filter((ms) => {
      const w = wallClockAt(ms, timeZone);
      return w.year === y && w.month === mo && w.day === d && w.hour === h && w.minute === mi;
    })
    .sort((a, b) => a - b);
  return new Date(matches[0] ?? asUtc - before * 60_000);
}

/** The calendar date ('YYYY-MM-DD') in `timeZone` at `instant`. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallClockAt(instant.getTime(), timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** A calendar date `days` days after `date` ('YYYY-MM-DD'); negative goes back. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The instant `days` calendar days after the local date of `now` in `timeZone`, at `time` ('HH:mm') there. */
export function daysFromNowAt(now: Date, days: number, time: string, timeZone: string): Date {
  return zonedTimeToUtc(`${addDays(localDate(now, timeZone), days)}T${time}`, timeZone);
}

/** Whether `timeZone` is an IANA zone name (e.g. Europe/Stockholm, UTC) this runtime's Intl knows. */
export function isTimeZone(timeZone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+/-]{0,63}$/.test(timeZone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

let zoneList: string[] | undefined;
/** The IANA zones of this runtime, sorted, UTC included. */
export function timeZones(): string[] {
  zoneList ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])].sort();
  return zoneList;
}

/** The wall-clock reading ('YYYY-MM-DDTHH:mm', as an <input type="datetime-local"> wants) in `timeZone` at `instant`. */
export function utcToZonedInput(instant: Date, timeZone: string): string {
  const w = wallClockAt(instant.getTime(), timeZone);
  const p = (n: number, l = 2) => String(n).padStart(l, '0');
  return `${p(w.year, 4)}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`;
}
