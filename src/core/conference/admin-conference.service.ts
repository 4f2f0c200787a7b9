import type { Db, Tx } from '../../db/database.js';
import { canRead, canWrite, type Viewer } from '../../security/access.js';
import type { Principal } from '../accounts/accounts.schema.js';
import type { AuditEntry, AuditRepository } from '../audit/audit.repository.js';
import { duplicateAsFieldError } from '../shared/db-errors.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, invalid, notFound } from '../shared/errors.js';
import { FormErrors, type RawForm } from '../shared/form-input.js';
import { requirePermission } from '../shared/permission.js';
import { addDays, timeZones, zonedTimeToUtc } from '../shared/zoned-time.js';
import type { AdminConferenceRepository } from './admin-conference.repository.js';
import type { AdminSessionsRepository, SessionCopy } from './admin-sessions.repository.js';
import {
  chairIsPublic,
  parseCopyForm,
  parseEditionForm,
  parseEmptyChairForm,
  parseRoomForm,
  parseTrackForm,
  type AdminEdition,
  type AdminEditionRow,
  type AdminEmptyChair,
  type AdminRoom,
  type AdminTrack,
  type EditionFormOptions,
  type EditionInput,
} from './admin-conference.schema.js';
import type { AdminSession } from './admin-sessions.schema.js';
import { editionGuard, programmeGuard } from './conference.service.js';
import { localDateTime } from './programme-grid.js';

export interface AdminConferenceDeps {
  repo: AdminConferenceRepository;
  /** the sessions' SQL, for copying a structure */
  sessions: AdminSessionsRepository;
  audit: AuditRepository;
  clock: Clock;
}

export type Part = 'tracks' | 'rooms' | 'empty-chairs';
const tableOf = { tracks: 'conference_tracks', rooms: 'conference_rooms', 'empty-chairs': 'conference_empty_chairs' } as const;
const objectTypeOf = { tracks: 'conference-track', rooms: 'conference-room', 'empty-chairs': 'conference-empty-chair' } as const;
const actionOf = { tracks: 'track', rooms: 'room', 'empty-chairs': 'empty-chair' } as const;

export const viewerOf = (p: Principal): Viewer => ({ kind: 'staff', role: p.role });

/**
 * An edition for the workspace, through the one access-control function: one the viewer may
 * not read does not exist (404); one they may read but not change is refused (403).
 */
export async function editionFor(repo: AdminConferenceRepository, q: Db | Tx, p: Principal, year: number, action: 'read' | 'write'): Promise<AdminEdition> {
  requirePermission(p, action === 'read' ? 'conference.read-closed' : 'conference.edit');
  const edition = await repo.edition(q, year);
  if (!edition || !canRead(viewerOf(p), editionGuard(edition))) throw notFound('edition');
  if (action === 'write' && !canWrite(viewerOf(p), editionGuard(edition))) throw new DomainError('forbidden', 'conference.edit needed');
  return edition;
}

/** The programme of an edition as the access-control function sees it. */
export const programmeOf = (e: AdminEdition) => programmeGuard({ id: e.id, status: e.status, programme_status: e.programmeStatus });

/** The calendar days from one date to another ('YYYY-MM-DD'); negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** An instant moved by whole days in a time zone, keeping its wall-clock time (10:00 stays 10:00 across a DST change). */
export function shiftInstant(iso: string, days: number, timeZone: string): string {
  const local = localDateTime(iso, timeZone);
  return zonedTimeToUtc(`${addDays(local.slice(0, 10), days)}T${local.slice(11)}`, timeZone).toISOString();
}

/**
 * Sessions in an order in which each is inserted after the session it requires, so the new
 * ids keep part 1 before part 2 (the backup restore inserts rows in id order, and
 * requires_session_id points at part 1). A link that cannot be kept (a cycle) is dropped.
 */
export function insertionOrder<T extends Pick<AdminSession, 'id' | 'requiresSessionId'>>(sessions: readonly T[]): { session: T; keepLink: boolean }[] {
  const ids = new Set(sessions.map((s) => s.id));
  const pending = [...sessions].sort((a, b) => a.id - b.id);
  const placed = new Set<number>();
  const out: { session: T; keepLink: boolean }[] = [];
  while (pending.length) {
    let i = pending.findIndex((s) => s.requiresSessionId === null || !ids.has(s.requiresSessionId) || placed.has(s.requiresSessionId));
    const keepLink = i >= 0;
    if (i < 0) i = 0;
    const [s] = pending.splice(i, 1) as [T];
    placed.add(s.id);
    out.push({ session: s, keepLink: keepLink && s.requiresSessionId !== null && ids.has(s.requiresSessionId) });
  }
  return out;
}

/**
 * The organiser's side of Defenders' Days: editions (with their figures, publishing of the
 * edition and separately of its programme), tracks, rooms, the empty chair, and a copy of an
 * edition's structure into a new one. Sessions are in admin-sessions.service.ts. Every method
 * checks the permission again and asks the access-control function about the edition; every
 * change runs in one transaction with an audit entry holding ids only.
 */
export class AdminConferenceService {
  constructor(private readonly d: AdminConferenceDeps) {}

  private now(): string {
    return this.d.clock.now().toISOString();
  }

  private audit(tx: Tx, p: Principal, nowIso: string, action: string, objectType: string, objectId: number, details: AuditEntry['details'] = {}) {
    return this.d.audit.record(tx, nowIso, { actorId: p.userId, action, objectType, objectId, details });
  }

  list(p: Principal): Promise<AdminEditionRow[]> {
    requirePermission(p, 'conference.read-closed');
    return this.d.repo.editions();
  }

  get(p: Principal, year: number): Promise<AdminEdition> {
    return editionFor(this.d.repo, this.d.repo.db, p, year, 'read');
  }

  /**
   * An audit entry for a page that shows empty-chair entries not cleared for publication (their
   * names are not public yet): what was read, by ids and a count, never the names.
   */
  private async chairsRead(p: Principal, editionId: number, chairs: AdminEmptyChair[], one?: AdminEmptyChair): Promise<void> {
    const unpublished = chairs.filter((c) => !chairIsPublic(c)).length;
    if (unpublished === 0) return;
    await this.d.audit.record(this.d.repo.db, this.now(), {
      actorId: p.userId,
      ...(one
        ? { action: 'conference.empty-chair-read', objectType: 'conference-empty-chair', objectId: one.id }
        : { action: 'conference.empty-chairs-read', objectType: 'conference-edition', objectId: editionId }),
      details: { editionId, unpublished },
    });
  }

  /**
   * The edition an open call belongs to, for reviewers (participant.review), who need not
   * read the closed part: the edition itself, none of its programme or empty chairs.
   */
  async forReview(p: Principal, year: number): Promise<AdminEdition> {
    requirePermission(p, 'participant.review');
    const edition = await this.d.repo.edition(this.d.repo.db, year);
    if (!edition) throw notFound('edition');
    return edition;
  }

  /** The editions whose open calls a reviewer may open, newest first: year and theme only. */
  async reviewEditions(p: Principal): Promise<{ year: number; theme: string }[]> {
    requirePermission(p, 'participant.review');
    return (await this.d.repo.editions()).map((e) => ({ year: e.year, theme: e.theme }));
  }

  /** The edition (with its number of sessions), its tracks, rooms and empty chairs, for its workspace page; audited when it shows unpublished empty chairs. */
  async page(p: Principal, year: number): Promise<{ edition: AdminEdition; tracks: AdminTrack[]; rooms: AdminRoom[]; chairs: AdminEmptyChair[] }> {
    requirePermission(p, 'conference.read-closed');
    const db = this.d.repo.db;
    const edition = await this.d.repo.edition(db, year, { counts: true });
    if (!edition || !canRead(viewerOf(p), editionGuard(edition))) throw notFound('edition');
    const [tracks, rooms, chairs] = await Promise.all([
      this.d.repo.tracks(db, edition.id, { usage: true }),
      this.d.repo.rooms(db, edition.id, { usage: true }),
      this.d.repo.emptyChairs(edition.id),
    ]);
    await this.chairsRead(p, edition.id, chairs);
    return { edition, tracks, rooms, chairs };
  }

  async formOptions(p: Principal): Promise<EditionFormOptions> {
    requirePermission(p, 'conference.edit');
    const [venues, events] = await Promise.all([this.d.repo.venues(), this.d.repo.events()]);
    return { venues, events, timeZones: timeZones() };
  }

  /** The venue and the open session's event named by the form must exist; the year must be free. */
  private async checkEdition(tx: Tx, input: EditionInput, exceptId: number | null): Promise<void> {
    const errors = new FormErrors();
    if (input.venueId !== null && !(await this.d.repo.exists(tx, 'venues', input.venueId))) errors.add('venue_id', 'form.choice-invalid');
    if (input.openEventId !== null && !(await this.d.repo.exists(tx, 'events', input.openEventId))) errors.add('open_event_id', 'form.choice-invalid');
    if (await this.d.repo.yearTaken(tx, input.year, exceptId)) errors.add('year', 'cadmin.edition.year-taken');
    errors.throwIfAny('edition references');
  }

  /** A new edition, a draft with a draft programme; returns its year. */
  async create(p: Principal, raw: RawForm): Promise<number> {
    requirePermission(p, 'conference.edit');
    const input = parseEditionForm(raw);
    const nowIso = this.now();
    await duplicateAsFieldError('year', 'cadmin.edition.year-taken', () =>
      this.d.repo.transaction(async (tx) => {
        await this.checkEdition(tx, input, null);
        const id = await this.d.repo.insertEdition(tx, input, nowIso);
        await this.audit(tx, p, nowIso, 'conference.edition-created', 'conference-edition', id, { year: input.year });
      }),
    );
    return input.year;
  }

  /** Saves the edition form; returns the (possibly new) year. */
  async update(p: Principal, year: number, raw: RawForm): Promise<number> {
    const edition = await editionFor(this.d.repo, this.d.repo.db, p, year, 'write');
    const input = parseEditionForm(raw);
    const nowIso = this.now();
    await duplicateAsFieldError('year', 'cadmin.edition.year-taken', () =>
      this.d.repo.transaction(async (tx) => {
        await this.checkEdition(tx, input, edition.id);
        await this.d.repo.updateEdition(tx, edition.id, input, nowIso);
        const details: AuditEntry['details'] = input.year === year ? { year } : { year: input.year, previousYear: year };
        await this.audit(tx, p, nowIso, 'conference.edition-updated', 'conference-edition', edition.id, details);
      }),
    );
    return input.year;
  }

  /** Publishes or withdraws the edition, or (separately) its programme. */
  async setState(p: Principal, year: number, what: 'edition' | 'programme', publish: boolean): Promise<void> {
    const edition = await editionFor(this.d.repo, this.d.repo.db, p, year, 'write');
    const current = what === 'edition' ? edition.status : edition.programmeStatus;
    const next = publish ? 'published' : 'draft';
    if (current === next) throw new DomainError('conflict', `the ${what} is already ${next}`);
    if (what === 'programme' && !canWrite(viewerOf(p), programmeOf(edition))) throw new DomainError('forbidden', 'conference.edit needed');
    const nowIso = this.now();
    await this.d.repo.transaction(async (tx) => {
      await this.d.repo.setEditionState(tx, edition.id, what === 'edition' ? { status: next } : { programme_status: next }, nowIso);
      const action = `conference.${what}-${publish ? 'published' : 'unpublished'}`;
      await this.audit(tx, p, nowIso, action, 'conference-edition', edition.id, { year });
    });
  }

  // ---- tracks, rooms, empty chairs

  async track(p: Principal, year: number, id: number): Promise<AdminTrack> {
    const edition = await this.get(p, year);
    const t = (await this.d.repo.tracks(this.d.repo.db, edition.id, { usage: true })).find((x) => x.id === id);
    if (!t) throw notFound('track');
    return t;
  }

  async room(p: Principal, year: number, id: number): Promise<AdminRoom> {
    const edition = await this.get(p, year);
    const r = (await this.d.repo.rooms(this.d.repo.db, edition.id, { usage: true })).find((x) => x.id === id);
    if (!r) throw notFound('room');
    return r;
  }

  private async findChair(p: Principal, year: number, id: number): Promise<{ edition: AdminEdition; chair: AdminEmptyChair }> {
    const edition = await this.get(p, year);
    const chair = (await this.d.repo.emptyChairs(edition.id)).find((x) => x.id === id);
    if (!chair) throw notFound('empty chair');
    return { edition, chair };
  }

  /** One empty chair, for its form or the page before removing it; audited when it is not cleared for publication. */
  async emptyChair(p: Principal, year: number, id: number): Promise<AdminEmptyChair> {
    const { edition, chair } = await this.findChair(p, year, id);
    await this.chairsRead(p, edition.id, [chair], chair);
    return chair;
  }

  /** Creates (id null) or saves a track, room or empty chair from its form; returns its id. */
  async savePart(p: Principal, year: number, part: Part, id: number | null, raw: RawForm): Promise<number> {
    const edition = await editionFor(this.d.repo, this.d.repo.db, p, year, 'write');
    if (id !== null) await this.existing(p, year, part, id);
    const nowIso = this.now();
    const repo = this.d.repo;
    const write = async (tx: Tx): Promise<number> => {
      if (part === 'tracks') {
        const input = parseTrackForm(raw);
        if (id === null) return repo.insertTrack(tx, edition.id, input);
        await repo.updateTrack(tx, edition.id, id, input);
      } else if (part === 'rooms') {
        const input = parseRoomForm(raw);
        if (id === null) return repo.insertRoom(tx, edition.id, input);
        await repo.updateRoom(tx, edition.id, id, input);
      } else {
        const input = parseEmptyChairForm(raw);
        if (id === null) return repo.insertEmptyChair(tx, edition.id, input, nowIso);
        await repo.updateEmptyChair(tx, edition.id, id, input, nowIso);
      }
      return id;
    };
    return repo.transaction(async (tx) => {
      const saved = await write(tx);
      const action = `conference.${actionOf[part]}-${id === null ? 'created' : 'updated'}`;
      await this.audit(tx, p, nowIso, action, objectTypeOf[part], saved, { editionId: edition.id });
      return saved;
    });
  }

  private existing(p: Principal, year: number, part: Part, id: number): Promise<unknown> {
    return part === 'tracks' ? this.track(p, year, id) : part === 'rooms' ? this.room(p, year, id) : this.findChair(p, year, id);
  }

  /** Removes a track or room (its sessions keep their place in time, without it) or an empty chair. */
  async removePart(p: Principal, year: number, part: Part, id: number): Promise<void> {
    const edition = await editionFor(this.d.repo, this.d.repo.db, p, year, 'write');
    await this.existing(p, year, part, id);
    const nowIso = this.now();
    await this.d.repo.transaction(async (tx) => {
      if (!(await this.d.repo.remove(tx, tableOf[part], edition.id, id))) throw notFound(part);
      await this.audit(tx, p, nowIso, `conference.${actionOf[part]}-removed`, objectTypeOf[part], id, { editionId: edition.id });
    });
  }

  // ---- copy

  /**
   * A new edition (a draft with a draft programme) with the tracks, rooms and sessions of
   * another, moved to the new dates with their wall-clock times kept. People are not copied:
   * who trains or speaks, and whether they may be named publicly, is agreed with each person
   * for each edition; and a copied list would say who is expected to come again. Nor are the
   * empty chair (recorded per edition, with the consent of those it names), the figures or
   * the link to the open session's event. Returns the new year.
   */
  async copy(p: Principal, raw: RawForm): Promise<number> {
    requirePermission(p, 'conference.edit');
    const input = parseCopyForm(raw);
    const from = await this.d.repo.edition(this.d.repo.db, input.fromYear);
    if (!from || !canRead(viewerOf(p), editionGuard(from))) throw invalid('no such edition', { from: 'form.choice-invalid' });
    if (!from.startsOn || !from.endsOn) throw invalid('edition without dates', { from: 'cadmin.copy.no-dates' });
    const shift = daysBetween(from.startsOn, input.startsOn);
    const nowIso = this.now();
    const db = this.d.repo.db;
    const [tracks, rooms, sessions] = await Promise.all([
      this.d.repo.trackTexts(from.id),
      this.d.repo.rooms(db, from.id),
      this.d.sessions.sessions(db, from.id),
    ]);
    return duplicateAsFieldError('year', 'cadmin.edition.year-taken', () =>
      this.d.repo.transaction(async (tx) => {
        if (await this.d.repo.yearTaken(tx, input.year, null)) throw invalid('year taken', { year: 'cadmin.edition.year-taken' });
        const edition: EditionInput = {
          year: input.year,
          startsOn: input.startsOn,
          endsOn: addDays(from.endsOn as string, shift),
          timeZone: from.timeZone,
          venueId: from.venueId,
          openEventId: null,
          participants: null,
          defenders: null,
          countries: null,
          continents: null,
          texts: { en: { theme: input.theme, summary: '', body: '' }, sv: null },
        };
        const id = await this.d.repo.insertEdition(tx, edition, nowIso);
        if (!canWrite(viewerOf(p), editionGuard({ id, status: 'draft' }))) throw new DomainError('forbidden', 'conference.edit needed');
        const trackIds = new Map<number, number>();
        for (const t of tracks) trackIds.set(t.id, await this.d.repo.insertCopiedTrack(tx, id, t.position, t.texts));
        const roomIds = new Map<number, number>();
        for (const r of rooms) roomIds.set(r.id, await this.d.repo.insertRoom(tx, id, r));
        const sessionIds = new Map<number, number>();
        for (const { session: s, keepLink } of insertionOrder(sessions)) {
          const copy: SessionCopy = {
            ...s,
            startsAt: shiftInstant(s.startsAt, shift, from.timeZone),
            endsAt: shiftInstant(s.endsAt, shift, from.timeZone),
            trackId: s.trackId === null ? null : (trackIds.get(s.trackId) ?? null),
            roomId: s.roomId === null ? null : (roomIds.get(s.roomId) ?? null),
            requiresSessionId: keepLink && s.requiresSessionId !== null ? (sessionIds.get(s.requiresSessionId) ?? null) : null,
          };
          sessionIds.set(s.id, await this.d.sessions.insertCopiedSession(tx, id, copy, nowIso));
        }
        await this.audit(tx, p, nowIso, 'conference.structure-copied', 'conference-edition', id, {
          year: input.year,
          fromEditionId: from.id,
          tracks: tracks.length,
          rooms: rooms.length,
          sessions: sessions.length,
        });
        return input.year;
      }),
    );
  }
}
