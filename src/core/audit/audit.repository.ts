import type { Db, Tx } from '../../db/database.js';

export interface AuditEntry {
  actorId: number | null;
  /** a named action: auth.login, auth.login-failed, event.published, export.registrants, access.denied, ... */
  action: string;
  objectType?: string | null;
  objectId?: string | number | null;
  /** small facts without personal data, tokens or passwords (ids, counts, field names, route patterns) */
  details?: Record<string, string | number | boolean | null>;
}

export interface AuditRow {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  details: string;
}

/** The audit trail is append-only: this repository has no update and no delete. */
export class AuditRepository {
  constructor(readonly db: Db) {}

  async record(tx: Tx | Db, at: string, e: AuditEntry): Promise<void> {
    await tx
      .insertInto('audit_log')
      .values({
        at,
        actor_id: e.actorId,
        action: e.action,
        object_type: e.objectType ?? null,
        object_id: e.objectId === undefined || e.objectId === null ? null : String(e.objectId),
        details: JSON.stringify(e.details ?? {}),
      })
      .execute();
  }

  async list(filter: { action?: string | undefined; actorId?: number | undefined; before?: number | undefined }, limit: number): Promise<AuditRow[]> {
    let q = this.db
      .selectFrom('audit_log')
      .leftJoin('users', 'users.id', 'audit_log.actor_id')
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.actor_id as actorId',
        'users.display_name as actorName',
        'audit_log.action',
        'audit_log.object_type as objectType',
        'audit_log.object_id as objectId',
        'audit_log.details',
      ])
      .orderBy('audit_log.id', 'desc')
      .limit(limit);
    if (filter.action) q = q.where('audit_log.action', 'like', `${filter.action.replace(/[\\%_]/g, '')}%`);
    if (filter.actorId) q = q.where('audit_log.actor_id', '=', filter.actorId);
    if (filter.before) q = q.where('audit_log.id', '<', filter.before);
    return q.execute();
  }

  async actions(): Promise<string[]> {
    const rows = await this.db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
    return rows.map((r) => r.action);
  }
}
