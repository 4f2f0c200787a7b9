import type { DbHandle, ScrubResult } from '../../db/database.js';
import type { AuditRepository } from '../audit/audit.repository.js';

/** The database's "remove the old copies of what was just erased from the files" (`DbHandle.scrubErased`). */
export type ScrubErased = DbHandle['scrubErased'];

/**
 * Run after a transaction that erased personal data has committed: the database files are
 * scrubbed of the erased rows. An erasure is not undone when the scrub cannot finish (another
 * process holding the database); the audit log then says so, with the database's figures, and
 * the hourly job in main.ts tries again. Returns whether the files are clean now.
 */
export async function scrubAfterErasure(
  scrub: ScrubErased,
  audit: AuditRepository,
  db: Parameters<AuditRepository['record']>[0],
  at: string,
  object: { type: string; id: number } | null,
  tables: Parameters<ScrubErased>[0],
): Promise<boolean> {
  let result: ScrubResult;
  try {
    result = await scrub(tables);
  } catch (e) {
    result = { complete: false, detail: e instanceof Error ? e.message : String(e) };
  }
  if (!result.complete) {
    await audit.record(db, at, {
      actorId: null,
      action: 'erasure.scrub-incomplete',
      objectType: object?.type,
      objectId: object?.id,
      details: { detail: result.detail },
    });
  }
  return result.complete;
}
