import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anonymous, canRead, canWrite, decide, EDIT, READ_CLOSED, readableOnly, type Guarded, type Level, type Viewer } from '../../../src/security/access.js';
import { permissions, roleAllows, roles } from '../../../src/security/permissions.js';

/** The one access-control function: every branch, and every error or doubt denies. */

const staff = (role: string): Viewer => ({ kind: 'staff', role });
const participantOf = (...editionIds: number[]): Viewer => ({ kind: 'participant', editionIds });

const edition = (level: Level = 'public', editionId = 1): Guarded => ({ level, editionId });
const under = (parent: Guarded, level: Level): Guarded => ({ level, editionId: parent.editionId, parent });

const closedReaders = roles.filter((r) => roleAllows(r, READ_CLOSED));
const others = roles.filter((r) => !roleAllows(r, READ_CLOSED));

void describe('access: who may read what', () => {
  void it('declares conference.read-closed for admin, editor and logistics only', () => {
    assert.ok((permissions as readonly string[]).includes(READ_CLOSED));
    assert.deepEqual([...closedReaders].sort(), ['admin', 'editor', 'logistics']);
    assert.deepEqual([...others].sort(), ['award-secretariat', 'board', 'reviewer']);
  });

  void it('lets anyone read a public object', () => {
    for (const v of [anonymous, staff('board'), staff('nonsense'), participantOf(), participantOf(7)]) assert.equal(canRead(v, edition('public')), true);
  });

  void it('opens participants objects to staff who read the closed part and to participants of that edition only', () => {
    const closed = edition('participants', 3);
    assert.equal(canRead(anonymous, closed), false);
    for (const r of closedReaders) assert.equal(canRead(staff(r), closed), true, r);
    for (const r of others) assert.equal(canRead(staff(r), closed), false, r);
    assert.equal(canRead(participantOf(3), closed), true);
    assert.equal(canRead(participantOf(1, 2, 3), closed), true);
    assert.equal(canRead(participantOf(4), closed), false, 'a participant of another edition');
    assert.equal(canRead(participantOf(), closed), false);
  });

  void it('opens staff objects to staff who read the closed part, never to participants or visitors', () => {
    const draft = edition('staff', 3);
    assert.equal(canRead(anonymous, draft), false);
    assert.equal(canRead(participantOf(3), draft), false);
    for (const r of closedReaders) assert.equal(canRead(staff(r), draft), true, r);
    for (const r of others) assert.equal(canRead(staff(r), draft), false, r);
  });

  void it('resolves inherit through the parents', () => {
    const closedSession = under(under(edition('public'), 'inherit'), 'participants');
    const person = under(closedSession, 'inherit');
    assert.equal(canRead(anonymous, person), false);
    assert.equal(canRead(participantOf(1), person), true);
    const publicSession = under(under(edition('public'), 'inherit'), 'public');
    assert.equal(canRead(anonymous, under(publicSession, 'inherit')), true);
    assert.equal(canRead(anonymous, under(edition('staff'), 'inherit')), false);
    assert.equal(canRead(staff('editor'), under(edition('staff'), 'inherit')), true);
  });

  void it('never shows a public object of a parent the viewer may not read', () => {
    const draftProgramme = under(edition('public'), 'staff');
    const publicSession = under(draftProgramme, 'public');
    assert.equal(canRead(anonymous, publicSession), false);
    assert.equal(canRead(participantOf(1), publicSession), false);
    assert.equal(canRead(staff('logistics'), publicSession), true);
    const publicInDraftEdition = under(edition('staff'), 'public');
    assert.equal(canRead(anonymous, publicInDraftEdition), false);
    // A participant may not read a trainer's name in a session of another edition, whatever the name's level.
    assert.equal(canRead(participantOf(2), under(under(edition('public', 1), 'participants'), 'inherit')), false);
  });

  void it('denies when in doubt: inherit without a parent, unknown levels, viewers and actions, cycles, odd values', () => {
    assert.equal(canRead(staff('admin'), { level: 'inherit', editionId: 1 }), false, 'inherit at the root');
    assert.equal(canRead(staff('admin'), { level: 'secret' as Level, editionId: 1 }), false, 'unknown level');
    assert.equal(canRead(staff('admin'), { level: 'PUBLIC' as Level, editionId: 1 }), false, 'levels are exact');
    assert.equal(canRead({ kind: 'robot' } as unknown as Viewer, edition('public')), false, 'unknown viewer');
    assert.equal(canRead(undefined as unknown as Viewer, edition('public')), false, 'no viewer');
    assert.equal(canRead(null as unknown as Viewer, edition('public')), false, 'null viewer');
    assert.equal(canRead(anonymous, null as unknown as Guarded), false, 'no object');
    assert.equal(canRead(participantOf(1), edition('participants', Number.NaN)), false, 'no edition');
    assert.equal(canRead({ kind: 'participant', editionIds: '1' } as unknown as Viewer, edition('participants', 1)), false, 'edition ids not a list');
    assert.equal(canRead({ kind: 'participant' } as unknown as Viewer, edition('participants', 1)), false, 'no edition ids');
    assert.equal(canRead({ kind: 'staff' } as unknown as Viewer, edition('staff', 1)), false, 'staff without a role');
    // A cycle (a bug in whatever built the objects) ends in a denial, not a stack overflow.
    const a: Guarded = { level: 'inherit', editionId: 1 };
    a.parent = a;
    assert.equal(canRead(staff('admin'), a), false);
    let deep: Guarded = edition('public');
    for (let i = 0; i < 20; i++) deep = under(deep, 'inherit');
    assert.equal(canRead(anonymous, deep), false, 'a chain deeper than any real object');
    assert.equal(decide(anonymous, 'delete' as 'read', edition('public')), false, 'unknown action');
    assert.equal(decide(staff('admin'), 'delete' as 'read', edition('public')), false, 'unknown action, even for an admin');
    assert.equal(decide(staff('admin'), 'WRITE' as 'write', edition('public')), false, 'actions are exact');
  });

  void it('lets staff holding conference.edit write, and nobody else', () => {
    const writers = roles.filter((r) => roleAllows(r, EDIT));
    assert.deepEqual([...writers].sort(), ['admin', 'editor']);
    const draft = edition('staff', 3);
    const closedSession = under(under(edition('public', 3), 'staff'), 'participants');
    const publicSession = under(under(edition('public', 3), 'inherit'), 'public');
    for (const o of [edition('public', 3), draft, closedSession, publicSession, under(closedSession, 'inherit')]) {
      for (const r of writers) assert.equal(canWrite(staff(r), o), true, r);
      for (const r of roles.filter((x) => !writers.includes(x))) assert.equal(canWrite(staff(r), o), false, r);
      assert.equal(canWrite(anonymous, o), false, 'a visitor never writes');
      assert.equal(canWrite(participantOf(3), o), false, 'a participant never writes, not even in their own edition');
      assert.equal(canWrite(staff('nonsense'), o), false, 'an unknown role');
    }
    // logistics reads the closed part but does not change it.
    assert.equal(canRead(staff('logistics'), draft), true);
    assert.equal(canWrite(staff('logistics'), draft), false);
  });

  void it('denies a write when in doubt, exactly as a read', () => {
    assert.equal(canWrite(staff('admin'), { level: 'inherit', editionId: 1 }), false, 'inherit at the root');
    assert.equal(canWrite(staff('admin'), { level: 'secret' as Level, editionId: 1 }), false, 'unknown level');
    assert.equal(canWrite(staff('admin'), null as unknown as Guarded), false, 'no object');
    assert.equal(canWrite({ kind: 'staff' } as unknown as Viewer, edition('public')), false, 'staff without a role');
    assert.equal(canWrite(undefined as unknown as Viewer, edition('public')), false, 'no viewer');
    assert.equal(canWrite({ kind: 'robot', role: 'admin' } as unknown as Viewer, edition('public')), false, 'unknown viewer kind');
    const a: Guarded = { level: 'inherit', editionId: 1 };
    a.parent = a;
    assert.equal(canWrite(staff('admin'), a), false, 'a cycle');
    const exploding = {
      editionId: 1,
      get level(): Level {
        throw new Error('broken row');
      },
    } as Guarded;
    assert.equal(canWrite(staff('admin'), exploding), false, 'an object that throws');
    const badRole = {
      kind: 'staff',
      get role(): string {
        throw new Error('broken principal');
      },
    } as unknown as Viewer;
    assert.equal(canWrite(badRole, edition('public')), false, 'a viewer that throws');
  });

  void it('denies when reading the object throws', () => {
    const exploding = {
      editionId: 1,
      get level(): Level {
        throw new Error('broken row');
      },
    } as Guarded;
    assert.equal(canRead(staff('admin'), exploding), false);
    const badParent = {
      level: 'public',
      editionId: 1,
      get parent(): Guarded {
        throw new Error('broken parent');
      },
    } as Guarded;
    assert.equal(canRead(anonymous, badParent), false);
  });

  void it('filters a list, keeping order and dropping what the guard cannot describe', () => {
    const items = [1, 2, 3, 4];
    const guard = (n: number): Guarded => {
      if (n === 4) throw new Error('no guard for 4');
      return edition(n === 2 ? 'participants' : 'public');
    };
    assert.deepEqual(readableOnly(anonymous, items, guard), [1, 3]);
    assert.deepEqual(readableOnly(staff('editor'), items, guard), [1, 2, 3]);
  });
});
