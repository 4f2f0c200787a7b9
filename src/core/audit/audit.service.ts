import type { Principal } from '../accounts/accounts.schema.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import { requirePermission } from '../shared/permission.js';
import type { AuditRepository, AuditRow } from './audit.repository.js';

export interface AuditFilter {
  /** an action, or a prefix of actions ending in '.' (`event.`) */
  action?: string | undefined;
  actorId?: number | undefined;
  /** entries older than this id (the next page) */
  before?: number | undefined;
}

export interface AuditPage {
  /** newest first, at most the page size */
  rows: AuditRow[];
  /** whether there are older entries than the last row */
  hasOlder: boolean;
  /** every action recorded, for the filter */
  actions: string[];
  /** the staff members, for the filter: names only */
  actors: { id: number; name: string }[];
}

/** Reading the audit trail (`audit.read`). Writing it is AuditRepository.record, inside each write's transaction. */
export class AuditService {
  constructor(private readonly d: { audit: AuditRepository; accounts: AccountsRepository }) {}

  async page(principal: Principal, filter: AuditFilter, size: number): Promise<AuditPage> {
    requirePermission(principal, 'audit.read');
    const [rows, actions, users] = await Promise.all([this.d.audit.list(filter, size + 1), this.d.audit.actions(), this.d.accounts.listUsers()]);
    return {
      rows: rows.slice(0, size),
      hasOlder: rows.length > size,
      actions,
      actors: users.map((u) => ({ id: u.id, name: u.display_name })),
    };
  }
}
