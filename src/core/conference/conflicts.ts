import { localDateTime } from './programme-grid.js';
import type { SessionRole } from './conference.schema.js';

/**
 * The programme editor's conflict rules, pure: a proposed session against the other sessions,
 * rooms and tracks of its edition. The session form shows every conflict before anything is
 * saved. A hard conflict can never be saved (the programme would be wrong for everyone: a
 * session that ends before it starts, part 2 before part 1, a room of another edition). A soft
 * one is a planning warning that the organisers may know to be fine (a room shared on purpose,
 * a moderator who only opens a session, extra chairs, a side event the evening before) and can
 * be saved anyway with an explicit confirmation of exactly the conflicts shown.
 */

export const conflictRules = [
  // hard
  'end-before-start',
  'unknown-room',
  'unknown-track',
  'part-without-previous',
  'requires-unknown',
  'requires-later',
  'part-number-mismatch',
  'part-before-previous',
  'part-after-next',
  // soft
  'room-double-booked',
  'person-busy',
  'over-capacity',
  'outside-edition',
] as const;
export type ConflictRule = (typeof conflictRules)[number];

/** The rules the organisers may override with "save anyway"; every other rule is hard. */
export const overridableRules: ReadonlySet<ConflictRule> = new Set<ConflictRule>(['room-double-booked', 'person-busy', 'over-capacity', 'outside-edition']);
export const isOverridable = (rule: ConflictRule): boolean => overridableRules.has(rule);

export interface PlacedPerson {
  personId: number;
  role: SessionRole;
}

/** A session as the rules see it; times are UTC instants (ISO 8601). */
export interface PlannedSession {
  /** null for a session not saved yet */
  id: number | null;
  startsAt: string;
  endsAt: string;
  trackId: number | null;
  roomId: number | null;
  capacity: number | null;
  partNumber: number | null;
  partCount: number | null;
  requiresSessionId: number | null;
  people: readonly PlacedPerson[];
}

export interface SavedSession extends PlannedSession {
  id: number;
}

export interface ConflictContext {
  edition: { startsOn: string | null; endsOn: string | null; timeZone: string };
  rooms: readonly { id: number; capacity: number | null }[];
  trackIds: readonly number[];
  /** every other session of the edition (the proposed one itself is left out by id) */
  others: readonly SavedSession[];
}

export interface Conflict {
  rule: ConflictRule;
  /** true: can never be saved */
  hard: boolean;
  /** the form field the conflict is about */
  field: string;
  /** the other session involved, when there is one */
  otherId?: number;
  /** the person who would be in two places at once */
  personId?: number;
  role?: SessionRole;
}

const ms = (iso: string): number => Date.parse(iso);
const validSpan = (s: Pick<PlannedSession, 'startsAt' | 'endsAt'>): boolean => Number.isFinite(ms(s.startsAt)) && ms(s.endsAt) > ms(s.startsAt);

/** Whether two sessions share some time; one ending when the other starts does not. */
export function overlaps(a: Pick<PlannedSession, 'startsAt' | 'endsAt'>, b: Pick<PlannedSession, 'startsAt' | 'endsAt'>): boolean {
  return validSpan(a) && validSpan(b) && ms(a.startsAt) < ms(b.endsAt) && ms(b.startsAt) < ms(a.endsAt);
}

const conflict = (rule: ConflictRule, field: string, extra: Omit<Conflict, 'rule' | 'hard' | 'field'> = {}): Conflict => ({
  rule,
  hard: !isOverridable(rule),
  field,
  ...extra,
});

function timeRules(s: PlannedSession, ctx: ConflictContext): Conflict[] {
  if (!validSpan(s)) return [conflict('end-before-start', 'ends_time')];
  const { startsOn, endsOn, timeZone } = ctx.edition;
  if (startsOn && endsOn) {
    const firstDay = localDateTime(s.startsAt, timeZone).slice(0, 10);
    // A session ending at midnight ends on the day it started.
    const lastDay = localDateTime(new Date(ms(s.endsAt) - 1).toISOString(), timeZone).slice(0, 10);
    if (firstDay < startsOn || lastDay > endsOn) return [conflict('outside-edition', 'day')];
  }
  return [];
}

function placeRules(s: PlannedSession, ctx: ConflictContext): Conflict[] {
  const out: Conflict[] = [];
  if (s.trackId !== null && !ctx.trackIds.includes(s.trackId)) out.push(conflict('unknown-track', 'track_id'));
  if (s.roomId === null) return out;
  const room = ctx.rooms.find((r) => r.id === s.roomId);
  if (!room) return [...out, conflict('unknown-room', 'room_id')];
  for (const o of ctx.others)
    if (o.id !== s.id && o.roomId === s.roomId && overlaps(s, o)) out.push(conflict('room-double-booked', 'room_id', { otherId: o.id }));
  if (s.capacity !== null && room.capacity !== null && s.capacity > room.capacity) out.push(conflict('over-capacity', 'capacity'));
  return out;
}

function peopleRules(s: PlannedSession, ctx: ConflictContext): Conflict[] {
  const out: Conflict[] = [];
  const seen = new Set<number>();
  for (const p of s.people) {
    if (seen.has(p.personId)) continue;
    seen.add(p.personId);
    for (const o of ctx.others) {
      if (o.id === s.id || !overlaps(s, o)) continue;
      const there = o.people.find((x) => x.personId === p.personId);
      if (there) out.push(conflict('person-busy', 'people', { otherId: o.id, personId: p.personId, role: there.role }));
    }
  }
  return out;
}

/** Part 2 requires part 1: linked, to an earlier session of the same edition, the part before it, and after it in time. */
function partRules(s: PlannedSession, ctx: ConflictContext): Conflict[] {
  const out: Conflict[] = [];
  const byId = new Map(ctx.others.filter((o) => o.id !== s.id).map((o) => [o.id, o]));
  if (s.requiresSessionId === null) {
    if (s.partNumber !== null && s.partNumber > 1) out.push(conflict('part-without-previous', 'requires_session_id'));
  } else {
    const required = byId.get(s.requiresSessionId);
    if (!required) out.push(conflict('requires-unknown', 'requires_session_id'));
    else {
      // The backup restore inserts rows in id order: the part required must have the smaller id.
      if (s.id !== null && required.id > s.id) out.push(conflict('requires-later', 'requires_session_id', { otherId: required.id }));
      const previousPart = s.partNumber !== null && s.partNumber > 1 && required.partNumber === s.partNumber - 1;
      const sameCount = s.partCount === null || required.partCount === null || s.partCount === required.partCount;
      if (!previousPart || !sameCount) out.push(conflict('part-number-mismatch', 'part_number', { otherId: required.id }));
      if (validSpan(s) && ms(s.startsAt) < ms(required.endsAt)) out.push(conflict('part-before-previous', 'day', { otherId: required.id }));
    }
  }
  // The parts that require this one must still come after it.
  if (s.id !== null && validSpan(s)) {
    for (const o of ctx.others)
      if (o.requiresSessionId === s.id && o.id !== s.id && ms(o.startsAt) < ms(s.endsAt)) out.push(conflict('part-after-next', 'day', { otherId: o.id }));
  }
  return out;
}

const order = new Map(conflictRules.map((r, i) => [r, i]));

/** Every conflict of a proposed session, hard ones first, in the order of `conflictRules`. */
export function findConflicts(s: PlannedSession, ctx: ConflictContext): Conflict[] {
  const all = [...timeRules(s, ctx), ...placeRules(s, ctx), ...peopleRules(s, ctx), ...partRules(s, ctx)];
  return all.sort(
    (a, b) => (order.get(a.rule) ?? 0) - (order.get(b.rule) ?? 0) || (a.otherId ?? 0) - (b.otherId ?? 0) || (a.personId ?? 0) - (b.personId ?? 0),
  );
}

/** A conflict's identity for the "save anyway" confirmation: rule, other session, person. */
export const conflictKey = (c: Conflict): string => [c.rule, c.otherId ?? '', c.personId ?? ''].join(':');

/** The soft conflicts a form showed, as one hidden field's value. */
export const conflictFingerprint = (conflicts: readonly Conflict[]): string =>
  [
    ...new Set(
      conflicts
        .filter((c) => !c.hard)
        .map(conflictKey)
        .sort(),
    ),
  ].join(' ');

/**
 * Whether a session may be saved: no hard conflict, and either no soft one or an explicit
 * "save anyway" given on a form that showed every soft conflict there is now (a conflict that
 * appeared since the form was shown needs its own confirmation).
 */
export function maySave(conflicts: readonly Conflict[], confirmation: { saveAnyway: boolean; seen: string }): boolean {
  if (conflicts.some((c) => c.hard)) return false;
  const soft = conflicts.filter((c) => !c.hard);
  if (!soft.length) return true;
  if (!confirmation.saveAnyway) return false;
  const seen = new Set(confirmation.seen.split(' ').filter(Boolean));
  return soft.every((c) => seen.has(conflictKey(c)));
}
