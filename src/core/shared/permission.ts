import { roleAllows, type Permission } from '../../security/permissions.js';
import { DomainError } from './errors.js';

/**
 * The check every service makes before it acts for a staff member, whatever the route
 * already checked: a role without the named permission is refused ('forbidden', a 403).
 * Checks on the object itself (is this edition closed, is this reviewer conflicted) come
 * after it, in the service that loaded the object.
 */
export function requirePermission(principal: { readonly role: string }, permission: Permission): void {
  if (!roleAllows(principal.role, permission)) throw new DomainError('forbidden', `${permission} needed`);
}
