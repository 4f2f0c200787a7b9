import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type {
  Database,
  ParticipantPasskeyTable,
  ParticipantTable,
  SessionStage,
  ParticipationApplicationTable,
  ParticipationCallTable,
  ParticipationInvitationTable,
} from '../../db/schema.js';

export type InvitationRow = Selectable<ParticipationInvitationTable>;
export type ParticipantRecord = Selectable<ParticipantTable>;
export type ParticipantPasskeyRecord = Selectable<ParticipantPasskeyTable>;
export type CallRow = Selectable<ParticipationCallTable> & { edition_year: number; edition_status: string };
export type ApplicationRow = Selectable<ParticipationApplicationTable>;
export interface EditionRef {
  id: number;
  year: number;
  ends_on: string | null;
  time_zone: string;
  status: string;
}

/** Queries for invitations, calls, applications, participants, their sessions and picks. No HTTP, no crypto. */
/**
 * The tables an edition's erasure deletes from or updates, directly or by cascade: the
 * participants with their picks, portal sessions and passkeys, invitations, applications with their
 * reviews, the queued mail, and the data key set to null.
 */
export const ERASED_WITH_EDITION: readonly (keyof Database)[] = [
  'participants',
  'participant_picks',
  'participant_sessions',
  'participant_passkeys',
  'participation_invitations',
  'participation_applications',
  'participation_reviews',
  'outbox',
  'data_keys',
  'login_devices',
  'login_throttle',
];

/** The table a participant's legal identity is removed from when they no longer ask for travel support or a visa letter. */
export const HOLDS_IDENTITY: readonly (keyof Database)[] = ['participants'];

export class ParticipationRepository {
  constructor(readonly db: Db) {}

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(fn);
  }

  edition(q: Db | Tx, id: number): Promise<EditionRef | undefined> {
    return q.selectFrom('conference_editions').select(['id', 'year', 'ends_on', 'time_zone', 'status']).where('id', '=', id).executeTakeFirst();
  }

  editionByYear(q: Db | Tx, year: number): Promise<EditionRef | undefined> {
    return q.selectFrom('conference_editions').select(['id', 'year', 'ends_on', 'time_zone', 'status']).where('year', '=', year).executeTakeFirst();
  }

  /** Editions whose last day is before `lastDay` and that still hold participation data. */
  async editionsEndedBefore(lastDay: string): Promise<EditionRef[]> {
    const rows = await this.db
      .selectFrom('conference_editions')
      .select(['id', 'year', 'ends_on', 'time_zone', 'status'])
      .where('ends_on', 'is not', null)
      .where('ends_on', '<', lastDay)
      .orderBy('id')
      .execute();
    const out: EditionRef[] = [];
    for (const r of rows) if (await this.holdsData(r.id)) out.push(r);
    return out;
  }

  async holdsData(editionId: number): Promise<boolean> {
    const [inv, app, key] = await Promise.all([
      this.db.selectFrom('participation_invitations').select('id').where('edition_id', '=', editionId).limit(1).executeTakeFirst(),
      this.db.selectFrom('participation_applications').select('id').where('edition_id', '=', editionId).limit(1).executeTakeFirst(),
      this.db.selectFrom('data_keys').select('id').where('scope', '=', `edition:${editionId}`).where('wrapped', 'is not', null).executeTakeFirst(),
    ]);
    return !!(inv || app || key);
  }

  // ---- invitations

  async insertInvitation(tx: Tx, v: Omit<InvitationRow, 'id' | 'accepted_at' | 'revoked_at' | 'code_failures'>): Promise<number> {
    const r = await tx.insertInto('participation_invitations').values(v).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  invitationByHash(q: Db | Tx, hash: string): Promise<InvitationRow | undefined> {
    return q.selectFrom('participation_invitations').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  }

  invitation(q: Db | Tx, id: number): Promise<InvitationRow | undefined> {
    return q.selectFrom('participation_invitations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  invitations(editionId: number): Promise<InvitationRow[]> {
    return this.db.selectFrom('participation_invitations').selectAll().where('edition_id', '=', editionId).orderBy('id', 'desc').execute();
  }

  /** Moves an open invitation on; false when it was not open any more (used, revoked). */
  async closeInvitation(tx: Tx, id: number, status: 'accepted' | 'revoked', nowIso: string): Promise<boolean> {
    const r = await tx
      .updateTable('participation_invitations')
      .set(status === 'accepted' ? { status, accepted_at: nowIso } : { status, revoked_at: nowIso })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Counts one wrong code against an open invitation; the new count, or undefined when it is not open any more. */
  async countCodeFailure(tx: Tx, id: number): Promise<number | undefined> {
    const r = await tx
      .updateTable('participation_invitations')
      .set({ code_failures: sql<number>`code_failures + 1` })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .returning('code_failures')
      .executeTakeFirst();
    return r?.code_failures;
  }

  /** An open invitation that had too many wrong codes: it cannot be accepted any more. */
  async freezeInvitation(tx: Tx, id: number, nowIso: string): Promise<void> {
    await tx.updateTable('participation_invitations').set({ status: 'frozen', frozen_at: nowIso }).where('id', '=', id).where('status', '=', 'open').execute();
  }

  // ---- participants

  async insertParticipant(tx: Tx, v: Omit<Insertable<ParticipantTable>, 'id'>): Promise<number> {
    const r = await tx.insertInto('participants').values(v).returning('id').executeTakeFirstOrThrow();
    return r.id;
  }

  participant(q: Db | Tx, id: number): Promise<ParticipantRecord | undefined> {
    return q.selectFrom('participants').selectAll().where('id', '=', id).executeTakeFirst();
  }

  participantByLogin(hash: string): Promise<ParticipantRecord | undefined> {
    return this.db.selectFrom('participants').selectAll().where('login_hash', '=', hash).executeTakeFirst();
  }

  participantByCalendar(hash: string): Promise<ParticipantRecord | undefined> {
    return this.db.selectFrom('participants').selectAll().where('calendar_token_hash', '=', hash).executeTakeFirst();
  }

  participants(editionId: number): Promise<ParticipantRecord[]> {
    return this.db.selectFrom('participants').selectAll().where('edition_id', '=', editionId).orderBy('id').execute();
  }

  async updateParticipant(tx: Tx, id: number, v: Partial<Omit<ParticipantRecord, 'id' | 'edition_id'>>): Promise<void> {
    await tx.updateTable('participants').set(v).where('id', '=', id).execute();
  }

  async pickCounts(editionId: number): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('participant_picks as pp')
      .innerJoin('participants as p', 'p.id', 'pp.participant_id')
      .select(['pp.participant_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('p.edition_id', '=', editionId)
      .groupBy('pp.participant_id')
      .execute();
    return new Map(rows.map((r) => [r.participant_id, Number(r.n)]));
  }

  // ---- portal sessions

  async insertSession(tx: Tx | Db, v: { participantId: number; hash: string; nowIso: string; expiresAt: string; stage?: SessionStage }): Promise<void> {
    await tx
      .insertInto('participant_sessions')
      .values({
        participant_id: v.participantId,
        token_hash: v.hash,
        created_at: v.nowIso,
        last_seen_at: v.nowIso,
        expires_at: v.expiresAt,
        stage: v.stage ?? 'full',
      })
      .execute();
  }

  /** Finishes a sign-in waiting for the second factor: a new token, the full stage, a new end. */
  async finishSession(tx: Tx | Db, id: number, v: { hash: string; nowIso: string; expiresAt: string }): Promise<boolean> {
    const r = await tx
      .updateTable('participant_sessions')
      .set({ token_hash: v.hash, stage: 'full', last_seen_at: v.nowIso, expires_at: v.expiresAt, challenge: null })
      .where('id', '=', id)
      .where('stage', '=', 'password')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Ends every other session of a participant (their second factor changed). */
  async deleteOtherSessions(tx: Tx, participantId: number, keepHash: string): Promise<void> {
    await tx.deleteFrom('participant_sessions').where('participant_id', '=', participantId).where('token_hash', '!=', keepHash).execute();
  }

  /** Accepts an app code's time step only if it is newer than the last one used: one code, one sign-in. */
  async advanceTotpStep(id: number, step: number): Promise<boolean> {
    const r = await this.db
      .updateTable('participants')
      .set({ totp_last_step: step })
      .where('id', '=', id)
      .where('totp_last_step', '<', step)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  sessionByHash(hash: string) {
    return this.db.selectFrom('participant_sessions').selectAll().where('token_hash', '=', hash).executeTakeFirst();
  }

  async touchSession(id: number, nowIso: string): Promise<void> {
    await this.db.updateTable('participant_sessions').set({ last_seen_at: nowIso }).where('id', '=', id).execute();
  }

  async deleteSession(hash: string): Promise<void> {
    await this.db.deleteFrom('participant_sessions').where('token_hash', '=', hash).execute();
  }

  async deleteStaleSessions(idleBefore: string, nowIso: string): Promise<void> {
    await this.db
      .deleteFrom('participant_sessions')
      .where((eb) => eb.or([eb('last_seen_at', '<', idleBefore), eb('expires_at', '<=', nowIso)]))
      .execute();
  }

  /** A session's WebAuthn challenge (and, when the passphrase was just given, when). */
  async setChallenge(id: number, challenge: string, reauthAt: string | null): Promise<void> {
    await this.db.updateTable('participant_sessions').set({ challenge, reauth_at: reauthAt }).where('id', '=', id).execute();
  }

  /** Uses a session's challenge up: true only for the one caller that still found it there. */
  async takeChallenge(id: number, challenge: string): Promise<boolean> {
    const r = await this.db
      .updateTable('participant_sessions')
      .set({ challenge: null })
      .where('id', '=', id)
      .where('challenge', '=', challenge)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ---- passkeys (bound to one participant: every query names the participant)

  passkeysOf(q: Db | Tx, participantId: number): Promise<ParticipantPasskeyRecord[]> {
    return q.selectFrom('participant_passkeys').selectAll().where('participant_id', '=', participantId).orderBy('id').execute();
  }

  async hasPasskeys(participantId: number): Promise<boolean> {
    return !!(await this.db.selectFrom('participant_passkeys').select('id').where('participant_id', '=', participantId).executeTakeFirst());
  }

  passkeyByCredentialId(participantId: number, credentialId: string): Promise<ParticipantPasskeyRecord | undefined> {
    return this.db
      .selectFrom('participant_passkeys')
      .selectAll()
      .where('participant_id', '=', participantId)
      .where('credential_id', '=', credentialId)
      .executeTakeFirst();
  }

  /** Whether any participant has this credential (the column is unique across participants). */
  async credentialTaken(tx: Tx, credentialId: string): Promise<boolean> {
    return !!(await tx.selectFrom('participant_passkeys').select('id').where('credential_id', '=', credentialId).executeTakeFirst());
  }

  async insertPasskey(
    tx: Tx,
    v: { participantId: number; credentialId: string; publicKey: string; counter: number; transports: string; label: string; now: string },
  ): Promise<number> {
    const row = await tx
      .insertInto('participant_passkeys')
      .values({
        participant_id: v.participantId,
        credential_id: v.credentialId,
        public_key: v.publicKey,
        counter: v.counter,
        transports: v.transports,
        label: v.label,
        created_at: v.now,
        last_used_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Moves the counter on, only from the value the verifier saw: of two sign-ins racing with one answer, one wins. */
  async usePasskey(id: number, oldCounter: number, newCounter: number, now: string): Promise<boolean> {
    const r = await this.db
      .updateTable('participant_passkeys')
      .set({ counter: newCounter, last_used_at: now })
      .where('id', '=', id)
      .where('counter', '=', oldCounter)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deletePasskey(tx: Tx, id: number, participantId: number): Promise<boolean> {
    const r = await tx.deleteFrom('participant_passkeys').where('id', '=', id).where('participant_id', '=', participantId).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  // ---- picks

  picks(q: Db | Tx, participantId: number): Promise<{ session_id: number; starts_at: string; ends_at: string; requires_session_id: number | null }[]> {
    return q
      .selectFrom('participant_picks as pp')
      .innerJoin('conference_sessions as s', 's.id', 'pp.session_id')
      .select(['pp.session_id', 's.starts_at', 's.ends_at', 's.requires_session_id'])
      .where('pp.participant_id', '=', participantId)
      .orderBy('s.starts_at')
      .execute();
  }

  /**
   * Locks the participant's row for the rest of the transaction (PostgreSQL), so their own picks
   * run one at a time. False when there is no such participant in this edition (erased, or not theirs).
   */
  async lockParticipant(tx: Tx, id: number, editionId: number, nowIso: string): Promise<boolean> {
    const r = await tx.updateTable('participants').set({ updated_at: nowIso }).where('id', '=', id).where('edition_id', '=', editionId).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /**
   * Takes a seat in a session: one conditional statement, so concurrent picks can never
   * take more seats than the session's capacity (null: no limit).
   */
  async takeSeat(tx: Tx, sessionId: number, capacity: number | null): Promise<boolean> {
    await tx
      .insertInto('session_seats')
      .values({ session_id: sessionId, taken: 0 })
      .onConflict((oc) => oc.column('session_id').doNothing())
      .execute();
    let q = tx
      .updateTable('session_seats')
      .set({ taken: sql<number>`taken + 1` })
      .where('session_id', '=', sessionId);
    if (capacity !== null) q = q.where('taken', '<', capacity);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async releaseSeat(tx: Tx, sessionId: number): Promise<void> {
    await tx
      .updateTable('session_seats')
      .set({ taken: sql<number>`taken - 1` })
      .where('session_id', '=', sessionId)
      .where('taken', '>', 0)
      .execute();
  }

  /** Seats left per session of the edition that has a capacity (sessions without one are absent: no limit). */
  async seatsLeft(editionId: number): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('conference_sessions as s')
      .leftJoin('session_seats as ss', 'ss.session_id', 's.id')
      .select(['s.id', 's.capacity', 'ss.taken'])
      .where('s.edition_id', '=', editionId)
      .where('s.capacity', 'is not', null)
      .execute();
    return new Map(rows.map((r) => [r.id, Math.max(0, (r.capacity ?? 0) - (r.taken ?? 0))]));
  }

  /** A session of the edition, with what picking it needs. */
  session(editionId: number, sessionId: number) {
    return this.db
      .selectFrom('conference_sessions')
      .select(['id', 'capacity', 'starts_at', 'ends_at', 'requires_session_id', 'type'])
      .where('id', '=', sessionId)
      .where('edition_id', '=', editionId)
      .executeTakeFirst();
  }

  async insertPick(tx: Tx, participantId: number, sessionId: number, nowIso: string): Promise<void> {
    await tx.insertInto('participant_picks').values({ participant_id: participantId, session_id: sessionId, created_at: nowIso }).execute();
  }

  async deletePick(tx: Tx, participantId: number, sessionId: number): Promise<void> {
    await tx.deleteFrom('participant_picks').where('participant_id', '=', participantId).where('session_id', '=', sessionId).execute();
  }

  /** The edition's dates and venue, for a visa letter. */
  editionPlace(editionId: number) {
    return this.db
      .selectFrom('conference_editions as e')
      .leftJoin('venues as v', 'v.id', 'e.venue_id')
      .select(['e.starts_on', 'e.ends_on', 'v.name as venue', 'v.city as city'])
      .where('e.id', '=', editionId)
      .executeTakeFirstOrThrow();
  }

  /** Mail with this key still waiting to be sent is not sent any more. */
  async withdrawMail(tx: Tx, dedupeKey: string): Promise<void> {
    await tx.deleteFrom('outbox').where('dedupe_key', '=', dedupeKey).where('status', '=', 'pending').execute();
  }

  // ---- calls and applications

  private callQuery(q: Db | Tx) {
    return q
      .selectFrom('participation_calls as c')
      .innerJoin('conference_editions as e', 'e.id', 'c.edition_id')
      .selectAll('c')
      .select(['e.year as edition_year', 'e.status as edition_status']);
  }

  call(q: Db | Tx, id: number): Promise<CallRow | undefined> {
    return this.callQuery(q).where('c.id', '=', id).executeTakeFirst();
  }

  calls(editionId: number): Promise<CallRow[]> {
    return this.callQuery(this.db).where('c.edition_id', '=', editionId).orderBy('c.id', 'desc').execute();
  }

  openCalls(nowIso: string): Promise<CallRow[]> {
    return this.callQuery(this.db)
      .where('c.status', '=', 'open')
      .where('e.status', '=', 'published')
      .where('c.deadline', '>=', nowIso)
      .orderBy('c.deadline')
      .execute();
  }

  /** Inserts a call (callId null) or updates one of this edition; undefined when there is no such call. */
  async saveCall(
    tx: Tx,
    editionId: number,
    callId: number | null,
    values: Pick<CallRow, 'role' | 'status' | 'deadline' | 'texts' | 'updated_at'>,
    nowIso: string,
  ): Promise<number | undefined> {
    if (callId === null) {
      const r = await tx
        .insertInto('participation_calls')
        .values({ ...values, edition_id: editionId, created_at: nowIso })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    }
    const r = await tx.updateTable('participation_calls').set(values).where('id', '=', callId).where('edition_id', '=', editionId).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1 ? callId : undefined;
  }

  /**
   * Receipts for a call since a moment: how many went to this address's hash, and how many in
   * all, so the caller can keep to the limits per address and per call.
   */
  async receiptsSince(tx: Tx, callId: number, emailHash: string, sinceIso: string): Promise<{ address: number; call: number }> {
    const r = await tx
      .selectFrom('participation_applications')
      .select([
        (eb) => eb.fn.countAll<string | number>().as('call'),
        (eb) => eb.fn.sum<string | number | null>(eb.case().when('email_hash', '=', emailHash).then(1).else(0).end()).as('address'),
      ])
      .where('call_id', '=', callId)
      .where('receipt_sent_at', '>', sinceIso)
      .executeTakeFirstOrThrow();
    return { address: Number(r.address ?? 0), call: Number(r.call) };
  }

  async insertApplication(
    tx: Tx,
    v: Pick<ApplicationRow, 'call_id' | 'edition_id' | 'answers_sealed' | 'idempotency_key' | 'locale' | 'email_hash' | 'receipt_sent_at'> & { nowIso: string },
  ): Promise<number> {
    const { nowIso, ...values } = v;
    const r = await tx
      .insertInto('participation_applications')
      .values({ ...values, status: 'submitted', invitation_id: null, created_at: nowIso, updated_at: nowIso, decided_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  /** Decides an application still open (submitted or waiting); false when it was decided already. */
  async decideApplication(tx: Tx, id: number, status: 'accepted' | 'declined' | 'waitlisted', nowIso: string): Promise<boolean> {
    const r = await tx
      .updateTable('participation_applications')
      .set({ status, decided_at: nowIso, updated_at: nowIso })
      .where('id', '=', id)
      .where('status', 'in', ['submitted', 'waitlisted'])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async linkInvitation(tx: Tx, applicationId: number, invitationId: number): Promise<void> {
    await tx.updateTable('participation_applications').set({ invitation_id: invitationId }).where('id', '=', applicationId).execute();
  }

  async applicationCounts(editionId: number): Promise<Map<number, number>> {
    const rows = await this.db
      .selectFrom('participation_applications')
      .select(['call_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('edition_id', '=', editionId)
      .groupBy('call_id')
      .execute();
    return new Map(rows.map((r) => [r.call_id, Number(r.n)]));
  }

  applications(callId: number): Promise<ApplicationRow[]> {
    return this.db.selectFrom('participation_applications').selectAll().where('call_id', '=', callId).orderBy('id').execute();
  }

  application(q: Db | Tx, id: number): Promise<ApplicationRow | undefined> {
    return q.selectFrom('participation_applications').selectAll().where('id', '=', id).executeTakeFirst();
  }

  applicationByKey(q: Db | Tx, callId: number, key: string): Promise<ApplicationRow | undefined> {
    return q.selectFrom('participation_applications').selectAll().where('call_id', '=', callId).where('idempotency_key', '=', key).executeTakeFirst();
  }

  reviews(applicationIds: number[]) {
    if (applicationIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('participation_reviews as r')
      .innerJoin('users as u', 'u.id', 'r.reviewer_id')
      .select(['r.application_id', 'r.reviewer_id', 'r.score', 'r.comment_sealed', 'u.display_name'])
      .where('r.application_id', 'in', applicationIds)
      .orderBy('r.created_at')
      .execute();
  }

  async saveReview(tx: Tx, v: { applicationId: number; reviewerId: number; score: number; commentSealed: string | null; nowIso: string }): Promise<void> {
    await tx
      .insertInto('participation_reviews')
      .values({
        application_id: v.applicationId,
        reviewer_id: v.reviewerId,
        score: v.score,
        comment_sealed: v.commentSealed,
        created_at: v.nowIso,
        updated_at: v.nowIso,
      })
      .onConflict((oc) => oc.columns(['application_id', 'reviewer_id']).doUpdateSet({ score: v.score, comment_sealed: v.commentSealed, updated_at: v.nowIso }))
      .execute();
  }

  // ---- deletion

  async totalsOf(tx: Tx, editionId: number): Promise<{ role: string; participants: number; applications: number; picks: number }[]> {
    const people = await tx
      .selectFrom('participants')
      .select(['role', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('edition_id', '=', editionId)
      .groupBy('role')
      .execute();
    const apps = await tx
      .selectFrom('participation_applications as a')
      .innerJoin('participation_calls as c', 'c.id', 'a.call_id')
      .select(['c.role', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('a.edition_id', '=', editionId)
      .groupBy('c.role')
      .execute();
    const picks = await tx
      .selectFrom('participant_picks as pp')
      .innerJoin('participants as p', 'p.id', 'pp.participant_id')
      .select(['p.role', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('p.edition_id', '=', editionId)
      .groupBy('p.role')
      .execute();
    const roles = new Set([...people, ...apps, ...picks].map((r) => r.role));
    const count = (rows: { role: string; n: string | number }[], role: string) => Number(rows.find((r) => r.role === role)?.n ?? 0);
    return [...roles].sort().map((role) => ({ role, participants: count(people, role), applications: count(apps, role), picks: count(picks, role) }));
  }

  /** Erases an edition's participation rows (ERASED_WITH_EDITION lists the tables touched). */
  async deleteEditionData(tx: Tx, editionId: number, mailPrefix: string): Promise<void> {
    // The sign-in throttle's rows of these participants (their browsers, their counters) go with them.
    const subjects = (await tx.selectFrom('participants').select('login_hash').where('edition_id', '=', editionId).execute()).map(
      (r) => `portal:${r.login_hash}`,
    );
    if (subjects.length) {
      await tx.deleteFrom('login_devices').where('subject', 'in', subjects).execute();
      const keys = subjects.flatMap((s) => [`unknown:${s}`, `notice:${s}`]);
      await tx.deleteFrom('login_throttle').where('key', 'in', keys).execute();
    }
    await tx.deleteFrom('participants').where('edition_id', '=', editionId).execute();
    // Seats were taken by the picks just deleted (with the participants): free them.
    await tx
      .deleteFrom('session_seats')
      .where('session_id', 'in', (eb) => eb.selectFrom('conference_sessions').select('id').where('edition_id', '=', editionId))
      .execute();
    await tx.deleteFrom('participation_invitations').where('edition_id', '=', editionId).execute();
    await tx.deleteFrom('participation_applications').where('edition_id', '=', editionId).execute();
    await tx.deleteFrom('outbox').where('dedupe_key', 'like', `${mailPrefix}%`).execute();
  }

  async saveTotals(
    tx: Tx,
    editionId: number,
    rows: { role: string; participants: number; applications: number; picks: number }[],
    nowIso: string,
  ): Promise<void> {
    for (const r of rows) {
      await tx
        .insertInto('participation_totals')
        .values({ edition_id: editionId, role: r.role, participants: r.participants, applications: r.applications, picks: r.picks, purged_at: nowIso })
        .onConflict((oc) =>
          oc.columns(['edition_id', 'role']).doUpdateSet({
            participants: sql<number>`participation_totals.participants + ${r.participants}`,
            applications: sql<number>`participation_totals.applications + ${r.applications}`,
            picks: sql<number>`participation_totals.picks + ${r.picks}`,
            purged_at: nowIso,
          }),
        )
        .execute();
    }
  }

  totals(editionId: number) {
    return this.db.selectFrom('participation_totals').selectAll().where('edition_id', '=', editionId).orderBy('role').execute();
  }
}
