import type { Db, Tx } from '../../db/database.js';
import { textOf } from './admin-conference.schema.js';
import { sessionTextsJson, type AdminSession, type AdminSessionPerson, type SessionInput } from './admin-sessions.schema.js';
import { isSessionRole } from './conference.schema.js';
import type { SavedSession } from './conflicts.js';
import { newPublicId } from '../../security/tokens.js';

/** A copy of a session for a new edition: the row as it was, with new ids and times. */
export interface SessionCopy {
  part: string;
  startsAt: string;
  endsAt: string;
  trackId: number | null;
  roomId: number | null;
  type: string;
  language: string;
  capacity: number | null;
  visibility: string;
  partNumber: number | null;
  partCount: number | null;
  requiresSessionId: number | null;
  texts: string;
}

const n = (v: unknown): number => Number(v);
const nullableNumber = (v: number | string | null): number | null => (v === null ? null : Number(v));

/** Every SQL statement of the programme editor on sessions and their people. Writes take the caller's transaction. */
export class AdminSessionsRepository {
  constructor(readonly db: Db) {}

  private sessionsQuery(q: Db | Tx, editionId: number) {
    return q
      .selectFrom('conference_sessions as s')
      .select([
        's.id',
        's.edition_id',
        's.part',
        's.starts_at',
        's.ends_at',
        's.track_id',
        's.room_id',
        's.type',
        's.language',
        's.capacity',
        's.visibility',
        's.part_number',
        's.part_count',
        's.requires_session_id',
        's.texts',
      ])
      .where('s.edition_id', '=', editionId)
      .orderBy('s.starts_at')
      .orderBy('s.id');
  }

  private async peopleOf(q: Db | Tx, editionId: number, sessionId?: number): Promise<Map<number, AdminSessionPerson[]>> {
    let query = q
      .selectFrom('conference_session_people as sp')
      .innerJoin('conference_sessions as s', 's.id', 'sp.session_id')
      .innerJoin('people as p', 'p.id', 'sp.person_id')
      .select(['sp.session_id', 'sp.person_id', 'p.name', 'sp.role', 'sp.named_publicly'])
      .where('s.edition_id', '=', editionId);
    if (sessionId !== undefined) query = query.where('sp.session_id', '=', sessionId);
    const rows = await query.orderBy('sp.session_id').orderBy('sp.position').execute();
    const out = new Map<number, AdminSessionPerson[]>();
    for (const r of rows) {
      if (!isSessionRole(r.role)) continue;
      const list = out.get(r.session_id) ?? [];
      list.push({ personId: r.person_id, name: r.name, role: r.role, namedPublicly: n(r.named_publicly) === 1 });
      out.set(r.session_id, list);
    }
    return out;
  }

  /** Every session of an edition with its people, in time order. */
  async sessions(q: Db | Tx, editionId: number, sessionId?: number): Promise<AdminSession[]> {
    let query = this.sessionsQuery(q, editionId);
    if (sessionId !== undefined) query = query.where('s.id', '=', sessionId);
    const [rows, people] = await Promise.all([query.execute(), this.peopleOf(q, editionId, sessionId)]);
    return rows.map((r) => ({
      id: r.id,
      editionId: r.edition_id,
      part: r.part === 'open' ? 'open' : 'closed',
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      trackId: r.track_id,
      roomId: r.room_id,
      type: r.type,
      language: r.language,
      capacity: nullableNumber(r.capacity),
      visibility: r.visibility === 'public' ? 'public' : 'participants',
      partNumber: nullableNumber(r.part_number),
      partCount: nullableNumber(r.part_count),
      requiresSessionId: r.requires_session_id,
      title: textOf(r.texts, 'en', 'title'),
      texts: r.texts,
      people: people.get(r.id) ?? [],
    }));
  }

  async session(q: Db | Tx, editionId: number, id: number): Promise<AdminSession | undefined> {
    return (await this.sessions(q, editionId, id))[0];
  }

  private sessionValues(input: SessionInput, nowIso: string) {
    return {
      part: input.part,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      track_id: input.trackId,
      room_id: input.roomId,
      type: input.type,
      language: input.language,
      capacity: input.capacity,
      visibility: input.visibility,
      part_number: input.partNumber,
      part_count: input.partCount,
      requires_session_id: input.requiresSessionId,
      texts: sessionTextsJson(input.texts),
      updated_at: nowIso,
    };
  }

  async insertSession(tx: Tx, editionId: number, input: SessionInput, nowIso: string): Promise<number> {
    const { id } = await tx
      .insertInto('conference_sessions')
      .values({ ...this.sessionValues(input, nowIso), edition_id: editionId, public_id: newPublicId(), created_at: nowIso })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.writePeople(tx, id, input.people);
    return id;
  }

  async updateSession(tx: Tx, editionId: number, id: number, input: SessionInput, nowIso: string): Promise<void> {
    await tx.updateTable('conference_sessions').set(this.sessionValues(input, nowIso)).where('id', '=', id).where('edition_id', '=', editionId).execute();
    await tx.deleteFrom('conference_session_people').where('session_id', '=', id).execute();
    await this.writePeople(tx, id, input.people);
  }

  private async writePeople(tx: Tx, sessionId: number, people: SessionInput['people']): Promise<void> {
    if (!people.length) return;
    await tx
      .insertInto('conference_session_people')
      .values(people.map((p, position) => ({ session_id: sessionId, person_id: p.personId, role: p.role, position, named_publicly: p.namedPublicly ? 1 : 0 })))
      .execute();
  }

  /** Sessions that require this one (its later parts). */
  async dependents(q: Db | Tx, id: number): Promise<number[]> {
    const rows = await q.selectFrom('conference_sessions').select('id').where('requires_session_id', '=', id).orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  async insertCopiedSession(tx: Tx, editionId: number, s: SessionCopy, nowIso: string): Promise<number> {
    const { id } = await tx
      .insertInto('conference_sessions')
      .values({
        edition_id: editionId,
        // A copy is a new session: a public id of its own.
        public_id: newPublicId(),
        part: s.part === 'open' ? 'open' : 'closed',
        starts_at: s.startsAt,
        ends_at: s.endsAt,
        track_id: s.trackId,
        room_id: s.roomId,
        type: s.type,
        language: s.language,
        capacity: s.capacity,
        visibility: s.visibility === 'public' ? 'public' : 'participants',
        part_number: s.partNumber,
        part_count: s.partCount,
        requires_session_id: s.requiresSessionId,
        texts: s.texts,
        created_at: nowIso,
        updated_at: nowIso,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }
}

/** The sessions of an edition as the conflict rules see them. */
export const asSaved = (s: AdminSession): SavedSession => ({
  id: s.id,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  trackId: s.trackId,
  roomId: s.roomId,
  capacity: s.capacity,
  partNumber: s.partNumber,
  partCount: s.partCount,
  requiresSessionId: s.requiresSessionId,
  people: s.people.map((p) => ({ personId: p.personId, role: p.role })),
});
