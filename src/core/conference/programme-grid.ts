import { utcToZonedInput } from '../shared/zoned-time.js';
import type { ProgrammeSession, ProgrammeTrack } from './conference.schema.js';

/**
 * The programme as days × tracks: one table per day, one row per start time, one column
 * per track that has a session that day. A session without a track (a keynote, the
 * ceremony, lunch) spans the whole row. Pure: the page and its tests build the same grid.
 */

export interface GridRow {
  /** local start time, 'HH:mm' */
  time: string;
  /** sessions across all tracks at this time; undefined for a row of track cells */
  plenary?: ProgrammeSession[];
  /** one list of sessions per column of the day, in the day's column order */
  cells?: ProgrammeSession[][];
}

export interface GridDay {
  /** local date 'YYYY-MM-DD' */
  day: string;
  columns: ProgrammeTrack[];
  rows: GridRow[];
}

const MEMO_MAX = 20_000;
const memo = new Map<string, string>();
/**
 * 'YYYY-MM-DDTHH:mm' of an instant in a time zone. Memoised, bounded: Intl is slow, and a
 * programme of 120 sessions asks for the same few dozen instants on every render.
 */
export function localDateTime(iso: string, timeZone: string): string {
  const key = `${timeZone}|${iso}`;
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size >= MEMO_MAX) memo.clear();
    v = utcToZonedInput(new Date(iso), timeZone);
    memo.set(key, v);
  }
  return v;
}

/** 'HH:mm' of an instant in a time zone. */
export const localTime = (iso: string, timeZone: string): string => localDateTime(iso, timeZone).slice(11);
/** 'YYYY-MM-DD' of an instant in a time zone. */
export const localDay = (iso: string, timeZone: string): string => localDateTime(iso, timeZone).slice(0, 10);

export function programmeGrid(sessions: readonly ProgrammeSession[], tracks: readonly ProgrammeTrack[], timeZone: string): GridDay[] {
  const order = new Map(tracks.map((t, i) => [t.id, i]));
  const inTrack = (s: ProgrammeSession) => s.trackId !== null && order.has(s.trackId);
  const sorted = [...sessions].sort(
    (a, b) => a.startsAt.localeCompare(b.startsAt) || (order.get(a.trackId ?? -1) ?? -1) - (order.get(b.trackId ?? -1) ?? -1) || a.id - b.id,
  );
  const days = new Map<string, ProgrammeSession[]>();
  for (const s of sorted) days.set(s.day, [...(days.get(s.day) ?? []), s]);

  return [...days].map(([day, list]) => {
    const columns = tracks.filter((t) => list.some((s) => s.trackId === t.id));
    const columnOf = new Map(columns.map((t, i) => [t.id, i]));
    const rows: GridRow[] = [];
    const timeOf = new Map(list.map((s) => [s, localTime(s.startsAt, timeZone)]));
    const times = [...new Set(timeOf.values())];
    for (const time of times) {
      const at = list.filter((s) => timeOf.get(s) === time);
      const plenary = at.filter((s) => !inTrack(s));
      const tracked = at.filter(inTrack);
      if (plenary.length) rows.push({ time, plenary });
      if (tracked.length) {
        const cells = columns.map((): ProgrammeSession[] => []);
        for (const s of tracked) cells[columnOf.get(s.trackId as number) ?? 0]?.push(s);
        rows.push({ time, cells });
      }
    }
    return { day, columns, rows };
  });
}
