import { roleAllows, type Permission } from './permissions.js';

/**
 * The one access-control function (security requirement R3, docs/requirements.md). Every read of a
 * protected object asks `canRead`; an answer of false means the object does not exist for
 * this viewer (the caller answers 404, never 403). Every change asks `canWrite` (the
 * programme editor under /admin/conference). The default is deny: an unknown viewer,
 * an unknown level, a missing parent, a chain too deep, or any error denies.
 *
 * An object has a level:
 * - `public`: anyone;
 * - `inherit`: whatever its parent's level is (a track follows its edition, a named
 *   trainer follows the session);
 * - `participants`: the participants of the object's edition and staff who may
 *   read the closed part;
 * - `staff`: staff who may read the closed part only (drafts, unconfirmed empty chairs).
 * And an object is readable only when its parent is: a public session of a draft edition
 * is not public.
 */

export type Level = 'public' | 'inherit' | 'participants' | 'staff';

export interface Guarded {
  level: Level;
  /** the conference edition the object belongs to: its participants may read its `participants` objects */
  editionId: number;
  /** the object this one belongs to; required for `inherit` */
  parent?: Guarded | undefined;
}

export type Viewer =
  | { kind: 'anonymous' }
  | { kind: 'staff'; role: string }
  /** an invited participant: of these editions only */
  | { kind: 'participant'; editionIds: readonly number[] };

export const anonymous: Viewer = Object.freeze({ kind: 'anonymous' });

/** The permission that lets staff read the closed part, drafts and unconfirmed entries. */
export const READ_CLOSED: Permission = 'conference.read-closed';
/** The permission that lets staff change the conference: editions, tracks, rooms, sessions, the empty chair. */
export const EDIT: Permission = 'conference.edit';

export type Action = 'read' | 'write';

/** Objects nest edition → programme → session → person; anything deeper is a mistake. */
const MAX_DEPTH = 8;

function levelAllows(viewer: Viewer, level: Level, editionId: number): boolean {
  switch (level) {
    case 'public':
      return true;
    case 'participants':
      if (viewer.kind === 'staff') return roleAllows(viewer.role, READ_CLOSED);
      if (viewer.kind === 'participant') return Number.isInteger(editionId) && Array.isArray(viewer.editionIds) && viewer.editionIds.includes(editionId);
      return false;
    case 'staff':
      return viewer.kind === 'staff' && roleAllows(viewer.role, READ_CLOSED);
    default:
      return false;
  }
}

/** The level an object really has: `inherit` resolved through its parents; undefined when it cannot be resolved. */
function effectiveLevel(o: Guarded, depth: number): Level | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (o.level !== 'inherit') return o.level;
  return o.parent ? effectiveLevel(o.parent, depth + 1) : undefined;
}

function readable(viewer: Viewer, o: Guarded, depth: number): boolean {
  if (depth > MAX_DEPTH || typeof o !== 'object' || o === null) return false;
  if (o.parent !== undefined && !readable(viewer, o.parent, depth + 1)) return false;
  const level = effectiveLevel(o, depth);
  return level !== undefined && levelAllows(viewer, level, o.editionId);
}

/**
 * May `viewer` do `action` to `object`? Reads follow the levels above. A write is for staff
 * whose role holds `conference.edit` and who may read the object (and so every parent of
 * it) as well: nobody changes what they cannot see. Participants and visitors never write.
 */
export function decide(viewer: Viewer, action: Action, object: Guarded): boolean {
  try {
    if (!viewer || !['anonymous', 'staff', 'participant'].includes(viewer.kind)) return false;
    if (action === 'read') return readable(viewer, object, 0);
    if (action === 'write') return viewer.kind === 'staff' && roleAllows(viewer.role, EDIT) && readable(viewer, object, 0);
    return false;
  } catch {
    return false;
  }
}

export const canRead = (viewer: Viewer, object: Guarded): boolean => decide(viewer, 'read', object);
export const canWrite = (viewer: Viewer, object: Guarded): boolean => decide(viewer, 'write', object);

/** The objects of a list the viewer may read, in order. */
export function readableOnly<T>(viewer: Viewer, items: readonly T[], guard: (item: T) => Guarded): T[] {
  return items.filter((item) => {
    try {
      return canRead(viewer, guard(item));
    } catch {
      return false;
    }
  });
}
