import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSessionForm } from '../../../src/core/conference/admin-sessions.schema.js';
import { daysBetween, insertionOrder, shiftInstant } from '../../../src/core/conference/admin-conference.service.js';
import {
  conflictFingerprint,
  conflictKey,
  conflictRules,
  findConflicts,
  isOverridable,
  maySave,
  overlaps,
  overridableRules,
  type ConflictContext,
  type ConflictRule,
  type PlannedSession,
  type SavedSession,
} from '../../../src/core/conference/conflicts.js';
import { DomainError } from '../../../src/core/shared/errors.js';

/** Every rule of the programme editor's conflict check, one by one; part 2 requiring part 1 above all. */

// Stockholm in April is UTC+2: 10:00 local is 08:00Z.
const at = (day: number, hhmm: string) => new Date(`2018-04-${String(day).padStart(2, '0')}T${hhmm}:00+02:00`).toISOString();

const session = (over: Partial<PlannedSession> = {}): PlannedSession => ({
  id: null,
  startsAt: at(9, '10:00'),
  endsAt: at(9, '11:00'),
  trackId: null,
  roomId: null,
  capacity: null,
  partNumber: null,
  partCount: null,
  requiresSessionId: null,
  people: [],
  ...over,
});
const saved = (id: number, over: Partial<PlannedSession> = {}): SavedSession => ({ ...session(over), id });

const context = (others: SavedSession[] = [], over: Partial<ConflictContext> = {}): ConflictContext => ({
  edition: { startsOn: '2018-04-09', endsOn: '2018-04-12', timeZone: 'Europe/Stockholm' },
  rooms: [
    { id: 1, capacity: 20 },
    { id: 2, capacity: null },
  ],
  trackIds: [10, 11],
  others,
  ...over,
});

const rules = (s: PlannedSession, ctx: ConflictContext = context()): ConflictRule[] => findConflicts(s, ctx).map((c) => c.rule);

void describe('conflict rules: one at a time', () => {
  void it('a session alone in a known room and track of its edition has no conflict', () => {
    assert.deepEqual(rules(session({ roomId: 1, trackId: 10, capacity: 20 })), []);
  });

  void it('end before start (or at the start) is hard', () => {
    for (const endsAt of [at(9, '09:00'), at(9, '10:00')]) {
      const c = findConflicts(session({ endsAt }), context());
      assert.deepEqual(
        c.map((x) => [x.rule, x.hard, x.field]),
        [['end-before-start', true, 'ends_time']],
      );
    }
    assert.deepEqual(rules(session({ startsAt: 'not a time' })), ['end-before-start']);
  });

  void it('a session outside the edition’s dates is soft; an edition without dates has no such rule', () => {
    assert.deepEqual(rules(session({ startsAt: at(8, '18:00'), endsAt: at(8, '20:00') })), ['outside-edition']);
    assert.deepEqual(rules(session({ startsAt: at(13, '09:00'), endsAt: at(13, '10:00') })), ['outside-edition']);
    assert.deepEqual(rules(session({ startsAt: at(12, '23:00'), endsAt: at(13, '01:00') })), ['outside-edition'], 'ends after the last day');
    // Local days, not UTC days: 00:30 on the first day in Stockholm is still the 8th in UTC.
    assert.deepEqual(rules(session({ startsAt: at(9, '00:30'), endsAt: at(9, '01:30') })), []);
    // A session ending at midnight ends on the day it started.
    assert.deepEqual(rules(session({ startsAt: at(12, '22:00'), endsAt: at(13, '00:00') })), []);
    assert.equal(isOverridable('outside-edition'), true);
    const noDates = context([], { edition: { startsOn: null, endsOn: null, timeZone: 'Europe/Stockholm' } });
    assert.deepEqual(rules(session({ startsAt: at(1, '10:00'), endsAt: at(1, '11:00') }), noDates), []);
  });

  void it('a room or track of another edition (or none) is hard', () => {
    const c = findConflicts(session({ roomId: 99, trackId: 98 }), context());
    assert.deepEqual(
      c.map((x) => [x.rule, x.hard, x.field]),
      [
        ['unknown-room', true, 'room_id'],
        ['unknown-track', true, 'track_id'],
      ].sort((a, b) => conflictRules.indexOf(a[0] as ConflictRule) - conflictRules.indexOf(b[0] as ConflictRule)),
    );
  });

  void it('a room double-booked: overlapping times in the same room, one conflict per other session; touching is fine', () => {
    const others = [
      saved(1, { roomId: 1, startsAt: at(9, '09:00'), endsAt: at(9, '10:30') }),
      saved(2, { roomId: 1, startsAt: at(9, '10:59'), endsAt: at(9, '12:00') }),
      saved(3, { roomId: 1, startsAt: at(9, '11:00'), endsAt: at(9, '12:00') }),
      saved(4, { roomId: 1, startsAt: at(9, '08:00'), endsAt: at(9, '10:00') }),
      saved(5, { roomId: 2, startsAt: at(9, '10:00'), endsAt: at(9, '11:00') }),
      saved(6, { roomId: null, startsAt: at(9, '10:00'), endsAt: at(9, '11:00') }),
    ];
    const c = findConflicts(session({ roomId: 1 }), context(others));
    assert.deepEqual(
      c.map((x) => [x.rule, x.otherId, x.hard]),
      [
        ['room-double-booked', 1, false],
        ['room-double-booked', 2, false],
      ],
    );
    // A session containing another, and the same session saved again (its own id), too.
    assert.deepEqual(rules(session({ roomId: 1, startsAt: at(9, '08:00'), endsAt: at(9, '13:00') }), context(others)).length, 4);
    assert.deepEqual(rules(saved(1, { roomId: 1, startsAt: at(9, '09:00'), endsAt: at(9, '10:30') }), context(others)), ['room-double-booked']);
    assert.deepEqual(rules(session({ roomId: null }), context(others)), [], 'no room, no double booking');
  });

  void it('a person in two places at once, whatever the role, once per person and other session', () => {
    const others = [
      saved(1, { people: [{ personId: 7, role: 'panellist' }], startsAt: at(9, '10:30'), endsAt: at(9, '12:00') }),
      saved(2, { people: [{ personId: 8, role: 'trainer' }], startsAt: at(9, '10:30'), endsAt: at(9, '12:00') }),
      saved(3, { people: [{ personId: 7, role: 'moderator' }], startsAt: at(9, '11:00'), endsAt: at(9, '12:00') }),
      saved(4, { people: [{ personId: 9, role: 'speaker' }], startsAt: at(10, '10:00'), endsAt: at(10, '11:00') }),
    ];
    const s = session({
      people: [
        { personId: 7, role: 'trainer' },
        { personId: 7, role: 'moderator' },
        { personId: 9, role: 'speaker' },
      ],
    });
    const c = findConflicts(s, context(others));
    assert.deepEqual(
      c.map((x) => [x.rule, x.personId, x.otherId, x.role, x.hard, x.field]),
      [['person-busy', 7, 1, 'panellist', false, 'people']],
    );
    for (const role of ['trainer', 'panellist', 'moderator', 'speaker'] as const) {
      const other = saved(5, { people: [{ personId: 1, role }] });
      assert.deepEqual(rules(session({ people: [{ personId: 1, role: 'speaker' }] }), context([other])), ['person-busy'], role);
    }
  });

  void it('a capacity over the room’s size is soft; a room without a size or a session without a capacity is never over', () => {
    const c = findConflicts(session({ roomId: 1, capacity: 21 }), context());
    assert.deepEqual(
      c.map((x) => [x.rule, x.hard, x.field]),
      [['over-capacity', false, 'capacity']],
    );
    assert.deepEqual(rules(session({ roomId: 1, capacity: 20 })), []);
    assert.deepEqual(rules(session({ roomId: 2, capacity: 5000 })), []);
    assert.deepEqual(rules(session({ roomId: 1, capacity: null })), []);
  });
});

void describe('part 2 requires part 1', () => {
  const part1 = saved(1, { partNumber: 1, partCount: 2, startsAt: at(9, '13:30'), endsAt: at(9, '16:30') });
  const part2 = (over: Partial<PlannedSession> = {}) =>
    session({ id: 5, partNumber: 2, partCount: 2, requiresSessionId: 1, startsAt: at(10, '09:00'), endsAt: at(10, '12:00'), ...over });

  void it('part 2 linked to part 1, after it in time and created after it, has no conflict', () => {
    assert.deepEqual(rules(part2(), context([part1])), []);
    assert.deepEqual(rules(part2({ startsAt: at(9, '16:30'), endsAt: at(9, '18:00') }), context([part1])), [], 'starting as part 1 ends');
    assert.deepEqual(rules(part2({ id: null }), context([part1])), [], 'a new part 2');
  });

  void it('part 2 without part 1 is hard', () => {
    const c = findConflicts(part2({ requiresSessionId: null }), context([part1]));
    assert.deepEqual(
      c.map((x) => [x.rule, x.hard, x.field]),
      [['part-without-previous', true, 'requires_session_id']],
    );
    assert.deepEqual(rules(part2({ partNumber: 3, partCount: 3, requiresSessionId: null })), ['part-without-previous']);
    assert.deepEqual(rules(session({ partNumber: 1, partCount: 2 })), [], 'part 1 needs nothing');
  });

  void it('part 2 before part 1, or overlapping it, is hard', () => {
    for (const [startsAt, endsAt] of [
      [at(9, '09:00'), at(9, '12:00')],
      [at(9, '16:00'), at(9, '18:00')],
      [at(9, '14:00'), at(9, '15:00')],
    ] as const) {
      const c = findConflicts(part2({ startsAt, endsAt }), context([part1]));
      assert.deepEqual(
        c.map((x) => [x.rule, x.hard, x.otherId]),
        [['part-before-previous', true, 1]],
        startsAt,
      );
    }
  });

  void it('moving part 1 after its part 2 is hard too', () => {
    const saved2 = saved(5, { partNumber: 2, partCount: 2, requiresSessionId: 1, startsAt: at(10, '09:00'), endsAt: at(10, '12:00') });
    const moved = { ...part1, startsAt: at(10, '10:00'), endsAt: at(10, '13:00') };
    const c = findConflicts(moved, context([saved2]));
    assert.deepEqual(
      c.map((x) => [x.rule, x.hard, x.otherId, x.field]),
      [['part-after-next', true, 5, 'day']],
    );
    assert.deepEqual(rules(part1, context([saved2])), [], 'where it was, it is fine');
  });

  void it('part 2 requiring a session that is not in the edition, or itself, is hard', () => {
    assert.deepEqual(rules(part2({ requiresSessionId: 42 }), context([part1])), ['requires-unknown']);
    assert.deepEqual(rules(part2({ requiresSessionId: 5 }), context([part1, saved(5)])), ['requires-unknown'], 'itself');
  });

  void it('part 2 requiring a session created after it is hard (the backup restore inserts rows in id order)', () => {
    const later = saved(9, { partNumber: 1, partCount: 2, startsAt: at(9, '13:30'), endsAt: at(9, '16:30') });
    const c = findConflicts(part2({ requiresSessionId: 9 }), context([later]));
    assert.deepEqual(
      c.map((x) => [x.rule, x.hard, x.otherId]),
      [['requires-later', true, 9]],
    );
  });

  void it('part numbers must follow: part 2 requires part 1 of the same count, not part 2 or an unnumbered session', () => {
    assert.deepEqual(rules(part2({ partNumber: 3, partCount: 3 }), context([{ ...part1, partCount: 3 }])), ['part-number-mismatch']);
    assert.deepEqual(rules(part2({ partCount: 3 }), context([part1])), ['part-number-mismatch'], 'count differs');
    assert.deepEqual(rules(part2(), context([{ ...part1, partNumber: null, partCount: null }])), ['part-number-mismatch']);
    assert.deepEqual(rules(part2({ partNumber: null, partCount: null }), context([part1])), ['part-number-mismatch'], 'requires without being a part');
    assert.deepEqual(rules(part2({ partNumber: 1 }), context([part1])), ['part-number-mismatch'], 'part 1 requiring part 1');
    const threeParts = [part1, saved(2, { partNumber: 2, partCount: 3, requiresSessionId: 1, startsAt: at(9, '17:00'), endsAt: at(9, '18:00') })];
    assert.deepEqual(
      rules(part2({ partNumber: 3, partCount: 3, requiresSessionId: 2 }), context([{ ...part1, partCount: 3 }, threeParts[1] as SavedSession])),
      [],
    );
  });
});

void describe('which conflicts can be saved anyway', () => {
  void it('room, person, capacity and dates are overridable; the rest never', () => {
    assert.deepEqual([...overridableRules].sort(), ['outside-edition', 'over-capacity', 'person-busy', 'room-double-booked']);
    for (const r of conflictRules) assert.equal(isOverridable(r), overridableRules.has(r), r);
    for (const r of ['end-before-start', 'part-before-previous', 'part-without-previous', 'unknown-room', 'unknown-track', 'requires-later'] as const)
      assert.equal(isOverridable(r), false, r);
  });

  const other = saved(1, { roomId: 1 });
  const soft = findConflicts(session({ roomId: 1 }), context([other]));

  void it('saves without conflicts; refuses soft ones without "save anyway"; saves with it when the form showed them all', () => {
    assert.equal(maySave([], { saveAnyway: false, seen: '' }), true);
    assert.equal(maySave(soft, { saveAnyway: false, seen: conflictFingerprint(soft) }), false);
    assert.equal(maySave(soft, { saveAnyway: true, seen: '' }), false, 'a confirmation without the conflicts it confirms');
    assert.equal(maySave(soft, { saveAnyway: true, seen: conflictFingerprint(soft) }), true);
    assert.equal(conflictFingerprint(soft), conflictKey(soft[0] as (typeof soft)[number]));
  });

  void it('a conflict that appeared since the form was shown needs its own confirmation', () => {
    const seen = conflictFingerprint(soft);
    const more = findConflicts(
      session({ roomId: 1, people: [{ personId: 3, role: 'trainer' }] }),
      context([other, saved(2, { people: [{ personId: 3, role: 'speaker' }] })]),
    );
    assert.equal(more.length, 2);
    assert.equal(maySave(more, { saveAnyway: true, seen }), false);
    assert.equal(maySave(more, { saveAnyway: true, seen: conflictFingerprint(more) }), true);
  });

  void it('a hard conflict is never saved, "save anyway" or not', () => {
    const hard = findConflicts(session({ roomId: 1, endsAt: at(9, '09:00') }), context([other]));
    assert.ok(hard.some((c) => c.hard));
    assert.equal(maySave(hard, { saveAnyway: true, seen: hard.map(conflictKey).join(' ') }), false);
    const both = findConflicts(session({ roomId: 1, partNumber: 2, partCount: 2 }), context([other]));
    assert.deepEqual(
      both.map((c) => c.rule),
      ['part-without-previous', 'room-double-booked'],
      'hard ones first',
    );
    assert.equal(maySave(both, { saveAnyway: true, seen: conflictFingerprint(both) }), false);
  });

  void it('overlap is half-open and ignores sessions that end before they start', () => {
    assert.equal(overlaps(session(), session()), true);
    assert.equal(overlaps(session(), session({ startsAt: at(9, '11:00'), endsAt: at(9, '12:00') })), false);
    assert.equal(overlaps(session(), session({ startsAt: at(9, '10:30'), endsAt: at(9, '10:00') })), false);
  });
});

void describe('the session form and the copy of a structure', () => {
  const form = (over: Record<string, string> = {}) => ({
    part: 'closed',
    day: '2018-04-09',
    starts_time: '10:00',
    ends_time: '11:30',
    type: 'workshop',
    language: 'en-ru',
    visibility: 'participants',
    title_en: 'Digital security',
    ...over,
  });
  const fieldsOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (e instanceof DomainError) return e.fields;
      throw e;
    }
    return {};
  };

  void it('reads a local day and times in the edition’s time zone', () => {
    const s = parseSessionForm(form(), 'Europe/Stockholm');
    assert.equal(s.startsAt, '2018-04-09T08:00:00.000Z');
    assert.equal(s.endsAt, '2018-04-09T09:30:00.000Z');
    // An end before the start parses: it is the conflict check's hard rule that refuses it.
    assert.equal(parseSessionForm(form({ ends_time: '09:00' }), 'Europe/Stockholm').endsAt, '2018-04-09T07:00:00.000Z');
  });

  void it('wants part number and count together, the number within the count', () => {
    assert.deepEqual(
      fieldsOf(() => parseSessionForm(form({ part_number: '2' }), 'UTC')),
      { part_count: 'cadmin.session.parts-both' },
    );
    assert.deepEqual(
      fieldsOf(() => parseSessionForm(form({ part_count: '2' }), 'UTC')),
      { part_number: 'cadmin.session.parts-both' },
    );
    assert.deepEqual(
      fieldsOf(() => parseSessionForm(form({ part_number: '3', part_count: '2' }), 'UTC')),
      { part_number: 'cadmin.session.part-over-count' },
    );
    assert.deepEqual(
      fieldsOf(() => parseSessionForm(form({ day: '2018-02-30', starts_time: '25:00' }), 'UTC')),
      {
        day: 'cadmin.session.day-invalid',
        starts_time: 'cadmin.session.time-invalid',
      },
    );
  });

  void it('shifts sessions by whole days keeping their wall-clock time, across a change to summer time', () => {
    assert.equal(daysBetween('2018-04-09', '2020-04-07'), 729);
    assert.equal(daysBetween('2020-04-07', '2018-04-09'), -729);
    // 10:00 in Stockholm in winter (UTC+1) moved four weeks into summer time (UTC+2) stays 10:00.
    assert.equal(shiftInstant('2018-03-12T09:00:00.000Z', 28, 'Europe/Stockholm'), '2018-04-09T08:00:00.000Z');
  });

  void it('inserts part 1 before part 2 whatever their ids were, and drops a link that cannot be kept', () => {
    const order = insertionOrder([
      { id: 3, requiresSessionId: 7 },
      { id: 5, requiresSessionId: null },
      { id: 7, requiresSessionId: 5 },
      { id: 9, requiresSessionId: 100 },
    ]);
    assert.deepEqual(
      order.map((x) => [x.session.id, x.keepLink]),
      [
        [5, false],
        [7, true],
        [3, true],
        [9, false],
      ],
    );
    const cycle = insertionOrder([
      { id: 1, requiresSessionId: 2 },
      { id: 2, requiresSessionId: 1 },
    ]);
    assert.deepEqual(
      cycle.map((x) => [x.session.id, x.keepLink]),
      [
        [1, false],
        [2, true],
      ],
    );
  });
});
