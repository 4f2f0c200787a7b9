import type { Db, Tx } from '../../db/database.js';
import type { SecretBox } from '../../security/secret-box.js';

export interface MailMessage {
  /** exactly one recipient (security requirement R16) */
  to: string;
  /** neutral: names neither the conference nor the organisation where that could endanger the reader */
  subject: string;
  text: string;
  attachments?: { filename: string; contentType: string; content: string }[];
}

export interface ClaimedItem {
  id: number;
  kind: string;
  payload: string;
  attempts: number;
}

export const MAX_ATTEMPTS = 10;

/** Sent mail (recipient address and text) is kept this long for support questions, then deleted. */
export const SENT_RETENTION_MS = 7 * 24 * 3_600_000;

/** Delay before the next try: 30 s, 1 min, 2 min, ... at most 1 hour. */
export const backoffMs = (attempts: number): number => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

/** What sealed outbox payloads are bound to (AES-GCM associated data). */
const PAYLOAD_CONTEXT = 'outbox';

/**
 * The queue of side effects. Payloads (a mail's recipient, subject and text, which may hold
 * a private link) are sealed under the master key, so the database alone yields none of them.
 */
export class OutboxRepository {
  constructor(
    private readonly db: Db,
    private readonly box: SecretBox,
  ) {}

  /** A row's payload as it was queued; throws if it was altered or the key is another. */
  decode(payload: string): unknown {
    return JSON.parse(this.box.open(payload, PAYLOAD_CONTEXT)) as unknown;
  }

  /** Queues in the caller's transaction, so the side effect exists exactly when the change does. */
  async enqueue(tx: Tx | Db, nowIso: string, kind: string, payload: unknown, dedupeKey?: string): Promise<void> {
    let q = tx.insertInto('outbox').values({
      kind,
      dedupe_key: dedupeKey ?? null,
      payload: this.box.seal(JSON.stringify(payload), PAYLOAD_CONTEXT),
      status: 'pending',
      attempts: 0,
      next_attempt_at: nowIso,
      locked_until: null,
      last_error: null,
      created_at: nowIso,
      done_at: null,
    });
    if (dedupeKey) q = q.onConflict((oc) => oc.column('dedupe_key').doNothing());
    await q.execute();
  }

  /**
   * Takes one due item for `leaseMs`, with a single conditional UPDATE so two workers
   * (or two processes) never take the same row.
   */
  async claim(nowIso: string, leaseUntilIso: string): Promise<ClaimedItem | undefined> {
    const due = await this.db
      .selectFrom('outbox')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', nowIso)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
      .orderBy('id')
      .limit(5)
      .execute();
    for (const { id } of due) {
      const row = await this.db
        .updateTable('outbox')
        .set({ locked_until: leaseUntilIso })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', nowIso)]))
        .returning(['id', 'kind', 'payload', 'attempts'])
        .executeTakeFirst();
      if (row) return row;
    }
    return undefined;
  }

  async markSent(id: number, nowIso: string): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status: 'sent', done_at: nowIso, locked_until: null, last_error: null, attempts: (eb) => eb('attempts', '+', 1) })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: number, nowIso: string, attempts: number, error: string): Promise<void> {
    const giveUp = attempts >= MAX_ATTEMPTS;
    await this.db
      .updateTable('outbox')
      .set({
        status: giveUp ? 'failed' : 'pending',
        attempts,
        locked_until: null,
        last_error: error.slice(0, 500),
        next_attempt_at: new Date(new Date(nowIso).getTime() + backoffMs(attempts)).toISOString(),
        done_at: giveUp ? nowIso : null,
      })
      .where('id', '=', id)
      .execute();
  }

  /** Deletes sent rows done before `beforeIso`; returns how many. Pending and failed rows stay. */
  async purgeSent(beforeIso: string): Promise<number> {
    const r = await this.db.deleteFrom('outbox').where('status', '=', 'sent').where('done_at', '<', beforeIso).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('outbox')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
