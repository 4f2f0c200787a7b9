import type { Db, Tx } from '../../db/database.js';
import { anonymous, canRead, canWrite } from '../../security/access.js';
import type { Principal } from '../accounts/accounts.schema.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import type { RawForm } from '../shared/form-input.js';
import type { AdminConferenceRepository } from './admin-conference.repository.js';
import { asSaved, type AdminSessionsRepository } from './admin-sessions.repository.js';
import type { AdminEdition } from './admin-conference.schema.js';
import { editionFor, programmeOf, viewerOf } from './admin-conference.service.js';
import {
  confirmationOf,
  parseSessionForm,
  type AdminSession,
  type ConflictReport,
  type ConflictView,
  type ProgrammeRow,
  type SessionFormOptions,
  type SessionInput,
} from './admin-sessions.schema.js';
import { sessionGuard } from './conference.service.js';
import { partLabel } from './conference.schema.js';
import { conflictFingerprint, findConflicts, maySave, type Conflict, type ConflictContext } from './conflicts.js';
import { localDateTime } from './programme-grid.js';

export interface AdminSessionsDeps {
  repo: AdminConferenceRepository;
  sessions: AdminSessionsRepository;
  audit: AuditRepository;
  clock: Clock;
}

/** A session as the access-control function sees it: under its edition's programme. */
const guardOf = (edition: AdminEdition, s: Pick<AdminSession, 'visibility'>) =>
  sessionGuard({ visibility: s.visibility, edition_id: edition.id }, programmeOf(edition));

/**
 * The programme editor: sessions placed by day, time, track and room, with their people and
 * parts. A proposed session is checked against the others of its edition (conflicts.ts)
 * before anything is saved: a hard conflict refuses the form, a soft one sends it back
 * listing each conflict until it is saved anyway with an explicit confirmation of exactly
 * the conflicts shown. Every change runs in one transaction with an audit entry of ids and
 * rule names only.
 */
export class AdminSessionsService {
  constructor(private readonly d: AdminSessionsDeps) {}

  private now(): string {
    return this.d.clock.now().toISOString();
  }

  private edition(p: Principal, year: number, action: 'read' | 'write', q: Db | Tx = this.d.repo.db): Promise<AdminEdition> {
    return editionFor(this.d.repo, q, p, year, action);
  }

  /** Every session of the edition for the programme table, each with the number of conflicts it has now. */
  async programme(p: Principal, year: number): Promise<{ edition: AdminEdition; rows: (ProgrammeRow & { conflicts: number })[] }> {
    const edition = await this.edition(p, year, 'read');
    const db = this.d.repo.db;
    const [sessions, tracks, rooms] = await Promise.all([
      this.d.sessions.sessions(db, edition.id),
      this.d.repo.tracks(db, edition.id),
      this.d.repo.rooms(db, edition.id),
    ]);
    const context = contextOf(edition, sessions, rooms, tracks);
    const trackName = new Map(tracks.map((t) => [t.id, t.name]));
    const roomName = new Map(rooms.map((r) => [r.id, r.name]));
    const rows = sessions.map(({ people, texts: _texts, ...s }) => ({
      ...s,
      trackName: s.trackId === null ? null : (trackName.get(s.trackId) ?? null),
      roomName: s.roomId === null ? null : (roomName.get(s.roomId) ?? null),
      people: people.length,
      conflicts: findConflicts(asSaved({ ...s, texts: '', people }), context).length,
    }));
    return { edition, rows };
  }

  async get(p: Principal, year: number, id: number): Promise<{ edition: AdminEdition; session: AdminSession }> {
    const edition = await this.edition(p, year, 'read');
    const session = await this.d.sessions.session(this.d.repo.db, edition.id, id);
    if (!session) throw notFound('session');
    return { edition, session };
  }

  /**
   * An audit entry for a page that names people of a session who are not public: everyone on
   * a session the public cannot see (closed, or a programme not yet published), and anyone not
   * named publicly. Ids and a count only, never the names.
   */
  private async peopleRead(p: Principal, edition: AdminEdition, session: AdminSession): Promise<void> {
    const sessionIsPublic = canRead(anonymous, guardOf(edition, session));
    const hidden = session.people.filter((person) => !sessionIsPublic || !person.namedPublicly).length;
    if (hidden === 0) return;
    await this.d.audit.record(this.d.repo.db, this.now(), {
      actorId: p.userId,
      action: 'conference.session-people-read',
      objectType: 'conference-session',
      objectId: session.id,
      details: { editionId: edition.id, hidden },
    });
  }

  /**
   * Everything the session form shows, read once: the edition, the session (when editing),
   * and what the form offers (tracks, rooms, the earlier sessions this one may require, people).
   * A refused save carries the conflicts of the session it proposed, in words, as its detail.
   */
  async form(
    p: Principal,
    year: number,
    id: number | null,
  ): Promise<{ edition: AdminEdition; session?: AdminSession | undefined; options: SessionFormOptions }> {
    const edition = await this.edition(p, year, 'write');
    const db = this.d.repo.db;
    const [sessions, tracks, rooms, people] = await Promise.all([
      this.d.sessions.sessions(db, edition.id),
      this.d.repo.tracks(db, edition.id),
      this.d.repo.rooms(db, edition.id),
      this.d.repo.people(),
    ]);
    const session = id === null ? undefined : sessions.find((s) => s.id === id);
    if (id !== null && !session) throw notFound('session');
    if (session) await this.peopleRead(p, edition, session);
    const label = (s: AdminSession) => {
      const when = localDateTime(s.startsAt, edition.timeZone).replace('T', ' ');
      const part = partLabel(s);
      return `${when} ${s.title}${part ? ` ${part}` : ''}`;
    };
    const options: SessionFormOptions = {
      tracks: tracks.map((t) => ({ id: t.id, name: t.name })),
      rooms: rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })),
      sessions: sessions.filter((s) => id === null || s.id < id).map((s) => ({ id: s.id, label: label(s) })),
      people,
    };
    return { edition, session, options };
  }

  private async evaluate(tx: Tx, edition: AdminEdition, id: number | null, input: SessionInput): Promise<{ conflicts: Conflict[]; loaded: Loaded }> {
    const [sessions, tracks, rooms] = await Promise.all([
      this.d.sessions.sessions(tx, edition.id),
      this.d.repo.tracks(tx, edition.id),
      this.d.repo.rooms(tx, edition.id),
    ]);
    const loaded = { sessions, tracks, rooms };
    return { conflicts: conflictsOfInput(edition, id, input, loaded), loaded };
  }

  /** People named by the form must exist. */
  private async checkPeople(tx: Tx, input: SessionInput): Promise<void> {
    const ids = [...new Set(input.people.map((x) => x.personId))];
    if ((await this.d.repo.countPeople(tx, ids)) !== ids.length) throw invalid('unknown person', { people: 'form.choice-invalid' });
  }

  /** Saves after the conflict check; returns the session's id. */
  private async save(p: Principal, year: number, id: number | null, raw: RawForm): Promise<number> {
    const edition = await this.edition(p, year, 'write');
    // A session that is not there is a 404 before anything about the form.
    if (id !== null) {
      const session = await this.d.sessions.session(this.d.repo.db, edition.id, id);
      if (!session || !canWrite(viewerOf(p), guardOf(edition, session))) throw notFound('session');
    }
    const input = parseSessionForm(raw, edition.timeZone);
    if (!canWrite(viewerOf(p), guardOf(edition, input))) throw new DomainError('forbidden', 'conference.edit needed');
    const nowIso = this.now();
    return this.d.repo.transaction(async (tx) => {
      await this.checkPeople(tx, input);
      const { conflicts, loaded } = await this.evaluate(tx, edition, id, input);
      const hard = conflicts.filter((c) => c.hard);
      // A refusal carries the report the form shows, worked out here once.
      const report = async () => reportOf(conflicts, input, { ...loaded, people: await this.d.repo.people(tx) });
      if (hard.length) {
        const fields: Record<string, string> = {};
        for (const c of hard) fields[c.field] ??= `cadmin.conflict.${c.rule}`;
        throw invalid(`session conflicts: ${hard.map((c) => c.rule).join(', ')}`, { conflicts: 'cadmin.conflicts.hard', ...fields }, await report());
      }
      if (!maySave(conflicts, confirmationOf(raw))) throw invalid('session conflicts to confirm', { conflicts: 'cadmin.conflicts.confirm' }, await report());
      const saved = id === null ? await this.d.sessions.insertSession(tx, edition.id, input, nowIso) : id;
      if (id !== null) await this.d.sessions.updateSession(tx, edition.id, id, input, nowIso);
      const overridden = [...new Set(conflicts.map((c) => c.rule))].join(',');
      await this.d.audit.record(tx, nowIso, {
        actorId: p.userId,
        action: id === null ? 'conference.session-created' : 'conference.session-updated',
        objectType: 'conference-session',
        objectId: saved,
        details: overridden ? { editionId: edition.id, overridden } : { editionId: edition.id },
      });
      return saved;
    });
  }

  create(p: Principal, year: number, raw: RawForm): Promise<number> {
    return this.save(p, year, null, raw);
  }

  async update(p: Principal, year: number, id: number, raw: RawForm): Promise<void> {
    await this.save(p, year, id, raw);
  }

  /** The later parts that require a session: it cannot be removed while they do. */
  async dependents(p: Principal, year: number, id: number): Promise<AdminSession[]> {
    const { edition } = await this.get(p, year, id);
    const ids = await this.d.sessions.dependents(this.d.repo.db, id);
    const sessions = await this.d.sessions.sessions(this.d.repo.db, edition.id);
    return sessions.filter((s) => ids.includes(s.id));
  }

  async remove(p: Principal, year: number, id: number): Promise<void> {
    const edition = await this.edition(p, year, 'write');
    const { session } = await this.get(p, year, id);
    if (!canWrite(viewerOf(p), guardOf(edition, session))) throw notFound('session');
    const nowIso = this.now();
    await this.d.repo.transaction(async (tx) => {
      // Part 2 requires part 1: part 1 cannot go while a later part points at it.
      if ((await this.d.sessions.dependents(tx, id)).length) throw invalid('required by a later part', { remove: 'cadmin.session.remove-required' });
      if (!(await this.d.repo.remove(tx, 'conference_sessions', edition.id, id))) throw notFound('session');
      await this.d.audit.record(tx, nowIso, {
        actorId: p.userId,
        action: 'conference.session-removed',
        objectType: 'conference-session',
        objectId: id,
        details: { editionId: edition.id },
      });
    });
  }
}

function contextOf(
  edition: AdminEdition,
  sessions: readonly AdminSession[],
  rooms: readonly { id: number; capacity: number | null }[],
  tracks: readonly { id: number }[],
): ConflictContext {
  return {
    edition: { startsOn: edition.startsOn, endsOn: edition.endsOn, timeZone: edition.timeZone },
    rooms,
    trackIds: tracks.map((t) => t.id),
    others: sessions.map(asSaved),
  };
}

interface Loaded {
  sessions: readonly AdminSession[];
  tracks: readonly { id: number }[];
  rooms: readonly { id: number; name: string; capacity: number | null }[];
}

function conflictsOfInput(edition: AdminEdition, id: number | null, input: SessionInput, loaded: Loaded): Conflict[] {
  const context = contextOf(
    edition,
    loaded.sessions.filter((s) => s.id !== id),
    loaded.rooms,
    loaded.tracks,
  );
  return findConflicts({ id, ...input, people: input.people.map((x) => ({ personId: x.personId, role: x.role })) }, context);
}

/** The conflicts of the session a form proposes, in words for the page. */
function reportOf(conflicts: readonly Conflict[], input: SessionInput, loaded: Loaded & { people: readonly { id: number; name: string }[] }): ConflictReport {
  const byId = new Map(loaded.sessions.map((s) => [s.id, s]));
  const names = new Map(loaded.people.map((x) => [x.id, x.name]));
  const room = loaded.rooms.find((r) => r.id === input.roomId);
  const views: ConflictView[] = conflicts.map((c) => {
    const other = c.otherId === undefined ? undefined : byId.get(c.otherId);
    return {
      ...c,
      ...(other ? { other: { id: other.id, title: other.title, startsAt: other.startsAt, endsAt: other.endsAt } } : {}),
      ...(c.personId !== undefined ? { personName: names.get(c.personId) ?? '' } : {}),
      ...(room ? { roomName: room.name, roomCapacity: room.capacity } : {}),
    };
  });
  return { conflicts: views, fingerprint: conflictFingerprint(conflicts) };
}
