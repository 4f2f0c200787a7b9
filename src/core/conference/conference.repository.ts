import type { Db } from '../../db/database.js';
import { publicStatuses } from '../events/events.repository.js';
import type { CountedParticipation } from './conference.schema.js';

/**
 * The only SQL of the conference domain. `scope` 'public' narrows every query to what a
 * visitor may see (published editions and programmes, public sessions and rooms, people
 * named with their consent, empty chairs recorded as safe and agreed); 'all' reads
 * everything for a viewer the service then filters with src/security/access.ts. Either
 * way the service passes each row through the access-control function: the SQL filter is
 * the first line of defence, not the only one.
 */
export type Scope = 'public' | 'all';

export interface EditionRow {
  id: number;
  year: number;
  status: string;
  programme_status: string;
  starts_on: string | null;
  ends_on: string | null;
  time_zone: string;
  texts: string;
  participants: number | null;
  defenders: number | null;
  countries: number | null;
  continents: number | null;
  open_event_id: number | null;
  updated_at: string;
  venue_name: string | null;
  venue_address: string | null;
  venue_city: string | null;
  venue_country: string | null;
}

export interface SessionRow {
  id: number;
  /** the id public pages and calendar files show */
  public_id: string;
  edition_id: number;
  part: string;
  starts_at: string;
  ends_at: string;
  track_id: number | null;
  type: string;
  language: string;
  visibility: string;
  part_number: number | null;
  part_count: number | null;
  requires_session_id: number | null;
  texts: string;
  updated_at: string;
  room_id: number | null;
  room_name: string | null;
  room_visibility: string | null;
}

export interface SessionPersonRow {
  session_id: number;
  name: string;
  role: string;
  named_publicly: number;
  public_profile: number;
}

export class ConferenceRepository {
  constructor(readonly db: Db) {}

  private editionsQuery(scope: Scope) {
    let q = this.db
      .selectFrom('conference_editions as e')
      .leftJoin('venues as v', 'v.id', 'e.venue_id')
      .select([
        'e.id',
        'e.year',
        'e.status',
        'e.programme_status',
        'e.starts_on',
        'e.ends_on',
        'e.time_zone',
        'e.texts',
        'e.participants',
        'e.defenders',
        'e.countries',
        'e.continents',
        'e.open_event_id',
        'e.updated_at',
        'v.name as venue_name',
        'v.address as venue_address',
        'v.city as venue_city',
        'v.country_code as venue_country',
      ]);
    if (scope === 'public') q = q.where('e.status', '=', 'published');
    return q;
  }

  editions(scope: Scope): Promise<EditionRow[]> {
    return this.editionsQuery(scope).orderBy('e.year', 'desc').execute();
  }

  edition(year: number, scope: Scope): Promise<EditionRow | undefined> {
    return this.editionsQuery(scope).where('e.year', '=', year).executeTakeFirst();
  }

  emptyChairs(editionId: number, scope: Scope) {
    let q = this.db
      .selectFrom('conference_empty_chairs')
      .select(['id', 'name', 'country_code', 'reason', 'texts', 'safe_to_show', 'agreed'])
      .where('edition_id', '=', editionId);
    if (scope === 'public') q = q.where('safe_to_show', '=', 1).where('agreed', '=', 1);
    return q.orderBy('position').orderBy('id').execute();
  }

  /**
   * How many took part by the platform's records: the edition's participants, plus the
   * totals per role kept when their rows were deleted. Counts only, nothing that names anyone.
   */
  async participationCounts(editionId: number): Promise<CountedParticipation> {
    const [live, kept] = await Promise.all([
      this.db
        .selectFrom('participants')
        .select(['role', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('edition_id', '=', editionId)
        .groupBy('role')
        .execute(),
      this.db.selectFrom('participation_totals').select(['role', 'participants as n']).where('edition_id', '=', editionId).execute(),
    ]);
    const rows = [...live, ...kept].map((r) => ({ role: r.role, n: Number(r.n) }));
    return { participants: rows.reduce((sum, r) => sum + r.n, 0), defenders: rows.filter((r) => r.role === 'defender').reduce((sum, r) => sum + r.n, 0) };
  }

  /** The slug of the open session's event, when that event is on the public site. */
  async publicEventSlug(eventId: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('events')
      .select('slug')
      .where('id', '=', eventId)
      .where('status', 'in', publicStatuses)
      .where('hidden', '=', 0)
      .executeTakeFirst();
    return row?.slug;
  }

  tracks(editionId: number) {
    return this.db.selectFrom('conference_tracks').select(['id', 'texts']).where('edition_id', '=', editionId).orderBy('position').orderBy('id').execute();
  }

  sessions(editionId: number, scope: Scope): Promise<SessionRow[]> {
    let q = this.db
      .selectFrom('conference_sessions as s')
      // Public scope: a room is joined only when it is public itself, so its name cannot come along otherwise.
      .leftJoin('conference_rooms as r', (j) => {
        const on = j.onRef('r.id', '=', 's.room_id').onRef('r.edition_id', '=', 's.edition_id');
        return scope === 'public' ? on.on('r.visibility', '=', 'public') : on;
      })
      .select([
        's.id',
        's.public_id',
        's.edition_id',
        's.part',
        's.starts_at',
        's.ends_at',
        's.track_id',
        's.type',
        's.language',
        's.visibility',
        's.part_number',
        's.part_count',
        's.requires_session_id',
        's.texts',
        's.updated_at',
        'r.id as room_id',
        'r.name as room_name',
        'r.visibility as room_visibility',
      ])
      .where('s.edition_id', '=', editionId);
    if (scope === 'public') q = q.where('s.visibility', '=', 'public');
    return q.orderBy('s.starts_at').orderBy('s.id').execute();
  }

  sessionPeople(editionId: number, scope: Scope): Promise<SessionPersonRow[]> {
    let q = this.db
      .selectFrom('conference_session_people as sp')
      .innerJoin('conference_sessions as s', 's.id', 'sp.session_id')
      .innerJoin('people as p', 'p.id', 'sp.person_id')
      .select(['sp.session_id', 'p.name', 'sp.role', 'sp.named_publicly', 'p.public_profile'])
      .where('s.edition_id', '=', editionId);
    if (scope === 'public') q = q.where('s.visibility', '=', 'public').where('sp.named_publicly', '=', 1).where('p.public_profile', '=', 1);
    return q.orderBy('sp.session_id').orderBy('sp.position').execute();
  }
}
