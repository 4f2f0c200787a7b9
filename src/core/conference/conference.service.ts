import type { Locale } from '../../i18n/index.js';
import { anonymous, canRead, readableOnly, type Guarded, type Viewer } from '../../security/access.js';
import type { Clock } from '../shared/clock.js';
import { notFound } from '../shared/errors.js';
import { localDate } from '../shared/zoned-time.js';
import { localDay } from './programme-grid.js';
import type { ConferenceRepository, EditionRow, Scope, SessionPersonRow, SessionRow } from './conference.repository.js';
import {
  isEmptyChairReason,
  isSessionLanguage,
  isSessionRole,
  isSessionType,
  localText,
  parseTexts,
  pickText,
  publicFigures,
  sessionLanguages,
  sessionTypes,
  type EditionDetail,
  type EditionSummary,
  type EmptyChair,
  type Programme,
  type ProgrammeFilter,
  type ProgrammeSession,
  type ProgrammeTrack,
} from './conference.schema.js';

// ---- what each object is, for the access-control function

export const editionGuard = (e: Pick<EditionRow, 'id' | 'status'>): Guarded => ({ level: e.status === 'published' ? 'public' : 'staff', editionId: e.id });
/** The programme of an edition: while it is a draft, only staff see any of it, even its public sessions. */
export const programmeGuard = (e: Pick<EditionRow, 'id' | 'status' | 'programme_status'>): Guarded => ({
  level: e.programme_status === 'published' ? 'inherit' : 'staff',
  editionId: e.id,
  parent: editionGuard(e),
});
export const sessionGuard = (s: Pick<SessionRow, 'visibility' | 'edition_id'>, programme: Guarded): Guarded => ({
  level: s.visibility === 'public' ? 'public' : 'participants',
  editionId: s.edition_id,
  parent: programme,
});
const roomGuard = (s: Pick<SessionRow, 'room_visibility' | 'edition_id'>, edition: Guarded): Guarded => ({
  level: s.room_visibility === 'public' ? 'public' : 'participants',
  editionId: s.edition_id,
  parent: edition,
});
/** A trainer or panellist is named like the session only when staff chose to and the person consented to a public profile. */
const personGuard = (p: Pick<SessionPersonRow, 'named_publicly' | 'public_profile'>, session: Guarded): Guarded => ({
  level: p.named_publicly === 1 && p.public_profile === 1 ? 'inherit' : 'participants',
  editionId: session.editionId,
  parent: session,
});
/** An empty chair is shown like its edition only when staff recorded that it is safe and that the person (or family) agreed. */
const emptyChairGuard = (c: { safe_to_show: number; agreed: number }, edition: Guarded): Guarded => ({
  level: c.safe_to_show === 1 && c.agreed === 1 ? 'inherit' : 'staff',
  editionId: edition.editionId,
  parent: edition,
});

/** Anonymous visitors get queries narrowed to public rows; anyone else gets all rows, filtered below. */
const scopeOf = (viewer: Viewer): Scope => (viewer.kind === 'anonymous' ? 'public' : 'all');

function summaryOf(e: EditionRow, locale: Locale): EditionSummary {
  const texts = parseTexts(e.texts);
  const theme = pickText(texts, locale, 'theme');
  const summary = pickText(texts, locale, 'summary');
  return {
    id: e.id,
    year: e.year,
    startsOn: e.starts_on,
    endsOn: e.ends_on,
    timeZone: e.time_zone,
    theme: theme.text,
    lang: theme.lang,
    summary: summary.text,
    summaryLang: summary.lang,
    venueName: e.venue_name,
    city: e.venue_city,
    updatedAt: e.updated_at,
  };
}

/** Reading Defenders' Days for a viewer. Every protected object read here passes through canRead. */
export class ConferenceService {
  constructor(
    private readonly repo: ConferenceRepository,
    private readonly clock: Clock,
  ) {}

  /** Whether an edition is still to come (or on now): its last day, in its own time zone, is today or later. */
  isUpcoming(e: Pick<EditionSummary, 'year' | 'endsOn' | 'timeZone'>): boolean {
    const today = localDate(this.clock.now(), e.timeZone);
    return (e.endsOn ?? `${e.year}-12-31`) >= today;
  }

  /** The editions the viewer may see: those to come (soonest first) and the past ones (newest first). */
  async overview(viewer: Viewer, locale: Locale): Promise<{ upcoming: EditionSummary[]; past: EditionSummary[] }> {
    const rows = readableOnly(viewer, await this.repo.editions(scopeOf(viewer)), editionGuard);
    const all = rows.map((r) => summaryOf(r, locale));
    return {
      upcoming: all.filter((e) => this.isUpcoming(e)).sort((a, b) => a.year - b.year),
      past: all.filter((e) => !this.isUpcoming(e)),
    };
  }

  private async readableEdition(viewer: Viewer, year: number): Promise<EditionRow> {
    const row = await this.repo.edition(year, scopeOf(viewer));
    // Not there, or not for this viewer: the same answer (404), never a 403.
    if (!row || !canRead(viewer, editionGuard(row))) throw notFound('edition');
    return row;
  }

  async edition(viewer: Viewer, year: number, locale: Locale): Promise<EditionDetail> {
    const row = await this.readableEdition(viewer, year);
    const edition = editionGuard(row);
    const scope = scopeOf(viewer);
    const summary = summaryOf(row, locale);
    // Figures only once the edition is over; the platform's own counts when it has any.
    const ended = !this.isUpcoming(summary);
    const [chairs, openSlug, programme, counted] = await Promise.all([
      this.repo.emptyChairs(row.id, scope),
      row.open_event_id === null ? Promise.resolve(undefined) : this.repo.publicEventSlug(row.open_event_id),
      this.programmeRows(viewer, row),
      ended ? this.repo.participationCounts(row.id) : Promise.resolve(null),
    ]);
    const emptyChairs: EmptyChair[] = readableOnly(viewer, chairs, (c) => emptyChairGuard(c, edition)).map((c) => {
      const note = localText(c.texts, locale, 'note');
      return { name: c.name, countryCode: c.country_code, reason: isEmptyChairReason(c.reason) ? c.reason : 'other', note: note.text, lang: note.lang };
    });
    const body = localText(row.texts, locale, 'body');
    return {
      ...summary,
      body: body.text,
      bodyLang: body.lang,
      venueAddress: row.venue_address,
      venueCountry: row.venue_country,
      figures: publicFigures(row, { ended, counted }),
      emptyChairs,
      openSession: openSlug ? { slug: openSlug } : null,
      programmePublished: canRead(viewer, programmeGuard(row)),
      publicSessions: programme.sessions.length,
    };
  }

  /** The sessions, their rooms and people the viewer may see; nothing when the programme itself is not for them. */
  private async programmeRows(viewer: Viewer, row: EditionRow): Promise<{ sessions: SessionRow[]; people: SessionPersonRow[] }> {
    const programme = programmeGuard(row);
    if (!canRead(viewer, programme)) return { sessions: [], people: [] };
    const scope = scopeOf(viewer);
    const [sessions, people] = await Promise.all([this.repo.sessions(row.id, scope), this.repo.sessionPeople(row.id, scope)]);
    const visible = readableOnly(viewer, sessions, (s) => sessionGuard(s, programme));
    const guards = new Map(visible.map((s) => [s.id, sessionGuard(s, programme)]));
    const named = people.filter((p) => {
      const session = guards.get(p.session_id);
      return session !== undefined && canRead(viewer, personGuard(p, session));
    });
    return { sessions: visible, people: named };
  }

  async programme(viewer: Viewer, year: number, locale: Locale, filter: ProgrammeFilter = {}): Promise<Programme> {
    const row = await this.readableEdition(viewer, year);
    const edition = editionGuard(row);
    const programme = programmeGuard(row);
    const { sessions: rows, people } = await this.programmeRows(viewer, row);
    const trackRows = canRead(viewer, programme) ? await this.repo.tracks(row.id) : [];
    const peopleBySession = new Map<number, ProgrammeSession['people']>();
    for (const p of people) {
      if (!isSessionRole(p.role)) continue;
      peopleBySession.set(p.session_id, [...(peopleBySession.get(p.session_id) ?? []), { name: p.name, role: p.role }]);
    }
    const visibleIds = new Map(rows.map((s) => [s.id, s]));
    const all: ProgrammeSession[] = rows
      .filter((s) => isSessionType(s.type) && isSessionLanguage(s.language))
      .map((s) => {
        const texts = parseTexts(s.texts);
        const title = pickText(texts, locale, 'title');
        const description = pickText(texts, title.lang, 'description');
        const required = s.requires_session_id === null ? undefined : visibleIds.get(s.requires_session_id);
        return {
          id: s.id,
          publicId: s.public_id,
          part: s.part === 'open' ? 'open' : 'closed',
          startsAt: s.starts_at,
          endsAt: s.ends_at,
          day: localDay(s.starts_at, row.time_zone),
          trackId: s.track_id,
          room: s.room_name !== null && canRead(viewer, roomGuard(s, edition)) ? s.room_name : null,
          type: s.type as ProgrammeSession['type'],
          language: s.language as ProgrammeSession['language'],
          title: title.text,
          description: description.text,
          lang: title.lang,
          partNumber: s.part_number,
          partCount: s.part_count,
          requires: required ? { id: required.id, publicId: required.public_id, partNumber: required.part_number } : null,
          requiresHidden: s.requires_session_id !== null && !required,
          people: peopleBySession.get(s.id) ?? [],
          updatedAt: s.updated_at,
        };
      });
    const usedTracks = new Set(all.map((s) => s.trackId));
    const tracks: ProgrammeTrack[] = readableOnly(viewer, trackRows, () => ({ level: 'inherit', editionId: row.id, parent: programme }))
      .filter((tr) => usedTracks.has(tr.id))
      .map((tr) => ({ id: tr.id, ...nameOf(tr.texts, locale) }));
    const trackIds = new Set(tracks.map((tr) => tr.id));
    const sessions = all.filter(
      (s) =>
        (filter.track === undefined || s.trackId === filter.track) &&
        (filter.language === undefined || s.language === filter.language) &&
        (filter.type === undefined || s.type === filter.type),
    );
    return {
      edition: summaryOf(row, locale),
      published: canRead(viewer, programme),
      // A session whose track is gone shows across the tracks.
      tracks,
      all: all.map((s) => (s.trackId !== null && !trackIds.has(s.trackId) ? { ...s, trackId: null } : s)),
      sessions: sessions.map((s) => (s.trackId !== null && !trackIds.has(s.trackId) ? { ...s, trackId: null } : s)),
      options: {
        languages: sessionLanguages.filter((l) => all.some((s) => s.language === l)),
        types: sessionTypes.filter((x) => all.some((s) => s.type === x)),
      },
    };
  }

  /** Published editions for the sitemap: the edition page, and the programme when it has public sessions. */
  async sitemapEntries(): Promise<{ path: string; updatedAt: string }[]> {
    const out: { path: string; updatedAt: string }[] = [{ path: '/defenders-days', updatedAt: '' }];
    for (const row of readableOnly(anonymous, await this.repo.editions('public'), editionGuard)) {
      out.push({ path: `/defenders-days/${row.year}`, updatedAt: row.updated_at });
      const { sessions } = await this.programmeRows(anonymous, row);
      if (sessions.length) out.push({ path: `/defenders-days/${row.year}/programme`, updatedAt: row.updated_at });
    }
    return out;
  }
}

function nameOf(texts: string, locale: Locale): { name: string; lang: Locale } {
  const n = localText(texts, locale, 'name');
  return { name: n.text, lang: n.lang };
}
