/**
 * Named permissions. Every route declares one in its `config.permission`; the server
 * refuses to start with a route that declares none (see src/web/routing.ts).
 * `public` is a declaration too: the route is meant for anyone, including visitors over Tor.
 * Every other permission needs a staff session that has passed its second factor.
 */
export const permissions = [
  'public',
  /** a signed-in participant of the closed part, in their own portal; never a staff role */
  'participant.self',
  'admin.access',
  'account.self',
  'event.read-drafts',
  'event.edit',
  'event.publish',
  'people.edit',
  'media.upload',
  'audit.read',
  'user.manage',
  'registrations.read',
  'registrations.message',
  'conference.read-closed',
  'conference.edit',
  'participant.read-identity',
  'participant.invite',
  'participant.review',
  'award.publish',
  'award.review',
  'award.decide',
  /** bootcamp courses: concepts, goals, trainers, publishing */
  'bootcamp.edit',
] as const;
export type Permission = (typeof permissions)[number];

export const roles = ['admin', 'editor', 'logistics', 'award-secretariat', 'board', 'reviewer'] as const;
export type Role = (typeof roles)[number];

const staff: Permission[] = ['admin.access', 'account.self'];
/** The portal's permission: held by a participant's session, by no staff role. */
export const PARTICIPANT_SELF = 'participant.self' satisfies Permission;

/** What each role may do. Default is deny: a permission not listed here is refused. */
export const rolePermissions: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set(permissions.filter((p) => p !== 'public' && p !== PARTICIPANT_SELF)),
  editor: new Set([
    ...staff,
    'event.read-drafts',
    'event.edit',
    'event.publish',
    'people.edit',
    'media.upload',
    'award.publish',
    'conference.read-closed',
    'conference.edit',
    'bootcamp.edit',
  ]),
  logistics: new Set([
    ...staff,
    'event.read-drafts',
    'registrations.read',
    'registrations.message',
    'conference.read-closed',
    'participant.read-identity',
    'participant.invite',
    'participant.review',
  ]),
  'award-secretariat': new Set([...staff, 'award.review']),
  board: new Set([...staff, 'award.decide']),
  /**
   * Applications to open calls, to read, score and comment on, and nothing else: no
   * participants, no closed programme. Editors do not review: they see no participant data.
   */
  reviewer: new Set([...staff, 'participant.review']),
};

export const isPermission = (v: unknown): v is Permission => typeof v === 'string' && (permissions as readonly string[]).includes(v);
export const isRole = (v: unknown): v is Role => typeof v === 'string' && (roles as readonly string[]).includes(v);

/** The one question every check asks: may a holder of this role do this? Unknown roles may do nothing. */
export function roleAllows(role: string, permission: Permission): boolean {
  if (permission === 'public') return true;
  return isRole(role) && rolePermissions[role].has(permission);
}
