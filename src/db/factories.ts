import crypto from 'node:crypto';
import sharp from 'sharp';
import type { EventType, SpeakerRole } from '../core/events/events.schema.js';
import type { EmptyChairReason, SessionLanguage, SessionRole, SessionType } from '../core/conference/conference.schema.js';
import { storeDocument, storeImage } from '../core/media/media.store.js';
import type { Locale } from '../i18n/index.js';
import { newPublicId } from '../security/tokens.js';
import type { Db } from './database.js';
import type { EventStatus } from './schema.js';

/**
 * Named factories: the one way tests and the demo content put rows in the database.
 * Each fills sensible defaults so a test names only what it is about.
 */

const nowIso = () => new Date().toISOString();
const uid = () => crypto.randomBytes(4).toString('hex');

type Texts<T> = Partial<Record<Locale, T>> & { en: T };

export async function makeSeries(db: Db, spec: { slug?: string; names: Texts<{ name: string; description?: string }> }) {
  const slug = spec.slug ?? `series-${uid()}`;
  const { id } = await db.insertInto('series').values({ slug, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
  for (const [locale, t] of Object.entries(spec.names)) {
    await db
      .insertInto('series_translations')
      .values({ series_id: id, locale, name: t.name, description: t.description ?? '' })
      .execute();
  }
  return { id, slug };
}

export async function makeVenue(db: Db, spec: { slug?: string; name?: string; address?: string; city?: string; countryCode?: string } = {}) {
  const slug = spec.slug ?? `venue-${uid()}`;
  const row = await db
    .insertInto('venues')
    .values({
      slug,
      name: spec.name ?? 'Test venue',
      address: spec.address ?? '',
      city: spec.city ?? 'Stockholm',
      country_code: spec.countryCode ?? 'SE',
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, slug };
}

export async function makePerson(db: Db, spec: { slug?: string; name?: string; publicProfile?: boolean; affiliation?: Partial<Record<Locale, string>> } = {}) {
  const slug = spec.slug ?? `person-${uid()}`;
  const row = await db
    .insertInto('people')
    .values({ slug, name: spec.name ?? `Person ${slug}`, public_profile: spec.publicProfile ? 1 : 0, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [locale, affiliation] of Object.entries(spec.affiliation ?? {})) {
    await db.insertInto('person_translations').values({ person_id: row.id, locale, affiliation, bio: '' }).execute();
  }
  return { id: row.id, slug };
}

export async function makePartner(db: Db, spec: { slug?: string; name?: string; url?: string | null } = {}) {
  const slug = spec.slug ?? `partner-${uid()}`;
  const row = await db
    .insertInto('partners')
    .values({ slug, name: spec.name ?? `Partner ${slug}`, url: spec.url ?? null, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, slug };
}

export async function makeTopic(db: Db, spec: { slug?: string; names?: Texts<string> } = {}) {
  const slug = spec.slug ?? `topic-${uid()}`;
  const row = await db.insertInto('topics').values({ slug }).returning('id').executeTakeFirstOrThrow();
  for (const [locale, name] of Object.entries(spec.names ?? { en: slug })) {
    await db.insertInto('topic_translations').values({ topic_id: row.id, locale, name }).execute();
  }
  return { id: row.id, slug };
}

/** An image made from SVG (or given bytes), stored exactly as an upload would be. */
export async function makeImage(db: Db, mediaRoot: string, spec: { svg?: string; bytes?: Buffer } = {}) {
  const svg =
    spec.svg ??
    '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675"><rect width="1200" height="675" fill="#1d4e6b"/><circle cx="900" cy="300" r="220" fill="#e0a526"/></svg>';
  // Uploads never accept SVG, so an SVG is rendered to PNG first, as an editor's tool would.
  const input = spec.bytes ?? (await sharp(Buffer.from(svg)).png().toBuffer());
  const stored = await storeImage(mediaRoot, input);
  const row = await db
    .insertInto('media')
    .values({
      key: stored.key,
      kind: 'image',
      mime: stored.mime,
      bytes: stored.bytes,
      width: stored.width,
      height: stored.height,
      variants: stored.variants,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, key: stored.key };
}

export interface EventSpec {
  slug?: string;
  type?: EventType;
  status?: EventStatus;
  hidden?: boolean;
  startsAt?: string;
  endsAt?: string;
  timeZone?: string;
  seriesId?: number | null;
  venueId?: number | null;
  online?: boolean;
  imageId?: number | null;
  imageCredit?: string | null;
  liveStreamUrl?: string | null;
  recordingUrl?: string | null;
  texts?: Texts<{ title: string; summary?: string; body?: string; imageAlt?: string }>;
  countries?: string[];
  topicIds?: number[];
  people?: { personId: number; role: SpeakerRole }[];
  partnerIds?: number[];
}

/** An event; published, one hour long, a week from now, in Stockholm, unless told otherwise. */
export async function makeEvent(db: Db, spec: EventSpec = {}) {
  const slug = spec.slug ?? `event-${uid()}`;
  const startsAt = spec.startsAt ?? new Date(Date.now() + 7 * 86_400_000).toISOString();
  const endsAt = spec.endsAt ?? new Date(new Date(startsAt).getTime() + 3_600_000).toISOString();
  const status = spec.status ?? 'published';
  const now = nowIso();
  const { id } = await db
    .insertInto('events')
    .values({
      slug,
      type: spec.type ?? 'seminar',
      series_id: spec.seriesId ?? null,
      status,
      hidden: spec.hidden ? 1 : 0,
      starts_at: startsAt,
      ends_at: endsAt,
      time_zone: spec.timeZone ?? 'Europe/Stockholm',
      venue_id: spec.venueId ?? null,
      online: spec.online ? 1 : 0,
      image_id: spec.imageId ?? null,
      image_credit: spec.imageCredit ?? null,
      live_stream_url: spec.liveStreamUrl ?? null,
      recording_url: spec.recordingUrl ?? null,
      created_at: now,
      updated_at: now,
      published_at: status === 'draft' ? null : now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const texts = spec.texts ?? { en: { title: `Event ${slug}` } };
  for (const [locale, t] of Object.entries(texts)) {
    await db
      .insertInto('event_translations')
      .values({ event_id: id, locale, title: t.title, summary: t.summary ?? '', body: t.body ?? '', image_alt: t.imageAlt ?? '' })
      .execute();
  }
  for (const code of spec.countries ?? []) await db.insertInto('event_countries').values({ event_id: id, country_code: code }).execute();
  for (const topicId of spec.topicIds ?? []) await db.insertInto('event_topics').values({ event_id: id, topic_id: topicId }).execute();
  for (const [position, p] of (spec.people ?? []).entries()) {
    await db.insertInto('event_people').values({ event_id: id, person_id: p.personId, role: p.role, position }).execute();
  }
  for (const partnerId of spec.partnerIds ?? []) await db.insertInto('event_partners').values({ event_id: id, partner_id: partnerId }).execute();
  return { id, slug };
}

export async function makeNotice(db: Db, eventId: number, texts: Texts<string>, createdAt = nowIso()) {
  const { id } = await db.insertInto('change_notices').values({ event_id: eventId, created_at: createdAt }).returning('id').executeTakeFirstOrThrow();
  for (const [locale, text] of Object.entries(texts)) {
    await db.insertInto('change_notice_translations').values({ notice_id: id, locale, text }).execute();
  }
  return { id };
}

/** A PDF document attached to an event, stored as an upload would be. */
export async function makeDocument(db: Db, mediaRoot: string, eventId: number, titles: Texts<string>, pdf?: Buffer) {
  const stored = await storeDocument(mediaRoot, pdf ?? minimalPdf(titles.en));
  const media = await db
    .insertInto('media')
    .values({ key: stored.key, kind: 'document', mime: stored.mime, bytes: stored.bytes, width: null, height: null, variants: '', created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const doc = await db.insertInto('event_documents').values({ event_id: eventId, media_id: media.id, position: 0 }).returning('id').executeTakeFirstOrThrow();
  for (const [locale, title] of Object.entries(titles)) {
    await db.insertInto('event_document_translations').values({ document_id: doc.id, locale, title }).execute();
  }
  return { id: doc.id, key: stored.key };
}

/** A one-page PDF with a line of ASCII text, valid enough for any reader. */
export function minimalPdf(text: string): Buffer {
  const safe = text.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '');
  const content = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  return rawPdf(objects);
}

/** A PDF file of the given objects (numbered from 1, the first the catalog) with its cross-reference table; `trailer` adds entries to the trailer. */
export function rawPdf(objects: string[], trailer = ''): Buffer {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${trailer ? ` ${trailer}` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export interface RegistrationSpec {
  enabled?: boolean;
  /** null: no limit */
  capacity?: number | null;
  waitlist?: boolean;
  deadline?: string | null;
  aliasAllowed?: boolean;
  questions?: { label: string; purpose: string; required?: boolean; retentionDays?: number; sv?: { label: string; purpose: string } }[];
}

/** Registration settings for an event: open, 50 seats, waiting list on, unless told otherwise. Returns the question ids. */
export async function makeRegistrationSettings(db: Db, eventId: number, spec: RegistrationSpec = {}) {
  await db
    .insertInto('registration_settings')
    .values({
      event_id: eventId,
      enabled: spec.enabled === false ? 0 : 1,
      capacity: spec.capacity === undefined ? 50 : spec.capacity,
      taken: 0,
      waitlist: spec.waitlist === false ? 0 : 1,
      deadline: spec.deadline ?? null,
      alias_allowed: spec.aliasAllowed === false ? 0 : 1,
      updated_at: nowIso(),
    })
    .execute();
  const questionIds: number[] = [];
  for (const [position, q] of (spec.questions ?? []).entries()) {
    const texts = { en: { label: q.label, purpose: q.purpose }, ...(q.sv ? { sv: q.sv } : {}) };
    const { id } = await db
      .insertInto('registration_questions')
      .values({ event_id: eventId, position, required: q.required ? 1 : 0, retention_days: q.retentionDays ?? 0, texts: JSON.stringify(texts) })
      .returning('id')
      .executeTakeFirstOrThrow();
    questionIds.push(id);
  }
  return { questionIds };
}

export interface AwardRecipientSpec {
  year: number;
  status?: 'draft' | 'published';
  name?: string;
  countryCode?: string;
  organisation?: string;
  editionYear?: number | null;
  texts?: Texts<{ motivation: string; ceremony?: string; photoAlt?: string; reportTitle?: string }>;
  photoId?: number | null;
  photoCredit?: string | null;
  reportId?: number | null;
}

/** A recipient of the Defender of the Year award; published, with an English motivation, unless told otherwise. */
export async function makeAwardRecipient(db: Db, spec: AwardRecipientSpec) {
  const status = spec.status ?? 'published';
  const now = nowIso();
  const { id } = await db
    .insertInto('award_recipients')
    .values({
      year: spec.year,
      status,
      name: spec.name ?? `Recipient ${spec.year}`,
      country_code: spec.countryCode ?? 'BY',
      organisation: spec.organisation ?? '',
      edition_year: spec.editionYear ?? null,
      photo_id: spec.photoId ?? null,
      photo_credit: spec.photoCredit ?? null,
      report_id: spec.reportId ?? null,
      created_at: now,
      updated_at: now,
      published_at: status === 'published' ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const texts = spec.texts ?? { en: { motivation: `Defender of the Year ${spec.year}.` } };
  for (const [locale, t] of Object.entries(texts)) {
    await db
      .insertInto('award_recipient_translations')
      .values({
        recipient_id: id,
        locale,
        motivation: t.motivation,
        ceremony: t.ceremony ?? '',
        photo_alt: t.photoAlt ?? '',
        report_title: t.reportTitle ?? '',
      })
      .execute();
  }
  return { id, year: spec.year };
}

/** A PDF stored as an upload would be, not yet attached to anything (an award recipient's country report). */
export async function makeAwardReport(db: Db, mediaRoot: string, text: string, pdf?: Buffer) {
  const stored = await storeDocument(mediaRoot, pdf ?? minimalPdf(text));
  const row = await db
    .insertInto('media')
    .values({ key: stored.key, kind: 'document', mime: stored.mime, bytes: stored.bytes, width: null, height: null, variants: '', created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, key: stored.key };
}

// ---- Defenders' Days (conference)

export interface EditionSpec {
  year: number;
  status?: 'draft' | 'published';
  programmeStatus?: 'draft' | 'published';
  /** local dates 'YYYY-MM-DD'; null when not known */
  startsOn?: string | null;
  endsOn?: string | null;
  timeZone?: string;
  venueId?: number | null;
  texts?: Texts<{ theme: string; summary?: string; body?: string }>;
  figures?: { participants?: number | null; defenders?: number | null; countries?: number | null; continents?: number | null };
  openEventId?: number | null;
}

/** A conference edition; published with a published programme, in Stockholm, 9–12 April of its year, unless told otherwise. */
export async function makeEdition(db: Db, spec: EditionSpec) {
  const now = nowIso();
  const texts = spec.texts ?? { en: { theme: `Defenders' Days ${spec.year}` } };
  const json = Object.fromEntries(Object.entries(texts).map(([l, t]) => [l, { theme: t.theme, summary: t.summary ?? '', body: t.body ?? '' }]));
  const { id } = await db
    .insertInto('conference_editions')
    .values({
      year: spec.year,
      status: spec.status ?? 'published',
      programme_status: spec.programmeStatus ?? 'published',
      starts_on: spec.startsOn === undefined ? `${spec.year}-04-09` : spec.startsOn,
      ends_on: spec.endsOn === undefined ? `${spec.year}-04-12` : spec.endsOn,
      time_zone: spec.timeZone ?? 'Europe/Stockholm',
      venue_id: spec.venueId ?? null,
      texts: JSON.stringify(json),
      participants: spec.figures?.participants ?? null,
      defenders: spec.figures?.defenders ?? null,
      countries: spec.figures?.countries ?? null,
      continents: spec.figures?.continents ?? null,
      open_event_id: spec.openEventId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, year: spec.year };
}

/** A parallel track of an edition's programme. */
export async function makeTrack(db: Db, editionId: number, spec: { names: Texts<string>; position?: number }) {
  const texts = Object.fromEntries(Object.entries(spec.names).map(([l, name]) => [l, { name }]));
  const { id } = await db
    .insertInto('conference_tracks')
    .values({ edition_id: editionId, position: spec.position ?? 0, texts: JSON.stringify(texts) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id };
}

/** A room of an edition; participants only (never named publicly) unless told otherwise. */
export async function makeRoom(db: Db, editionId: number, spec: { name?: string; capacity?: number | null; visibility?: 'public' | 'participants' } = {}) {
  const { id } = await db
    .insertInto('conference_rooms')
    .values({ edition_id: editionId, name: spec.name ?? `Room ${uid()}`, capacity: spec.capacity ?? null, visibility: spec.visibility ?? 'participants' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id };
}

export interface ConferenceSessionSpec {
  part?: 'closed' | 'open';
  startsAt: string;
  endsAt?: string;
  trackId?: number | null;
  roomId?: number | null;
  type?: SessionType;
  language?: SessionLanguage;
  capacity?: number | null;
  /** by default participants in the closed part, public in the open part */
  visibility?: 'public' | 'participants';
  partNumber?: number | null;
  partCount?: number | null;
  requiresSessionId?: number | null;
  texts?: Texts<{ title: string; description?: string }>;
  people?: { personId: number; role: SessionRole; namedPublicly?: boolean }[];
}

/** A programme session; a closed-part English workshop of 90 minutes, for participants only, unless told otherwise. */
export async function makeConferenceSession(db: Db, editionId: number, spec: ConferenceSessionSpec) {
  const now = nowIso();
  const part = spec.part ?? 'closed';
  const texts = spec.texts ?? { en: { title: `Session ${uid()}` } };
  const json = Object.fromEntries(Object.entries(texts).map(([l, t]) => [l, { title: t.title, description: t.description ?? '' }]));
  const { id } = await db
    .insertInto('conference_sessions')
    .values({
      edition_id: editionId,
      part,
      starts_at: spec.startsAt,
      ends_at: spec.endsAt ?? new Date(new Date(spec.startsAt).getTime() + 90 * 60_000).toISOString(),
      track_id: spec.trackId ?? null,
      room_id: spec.roomId ?? null,
      type: spec.type ?? 'workshop',
      language: spec.language ?? 'en',
      capacity: spec.capacity ?? null,
      visibility: spec.visibility ?? (part === 'open' ? 'public' : 'participants'),
      part_number: spec.partNumber ?? null,
      part_count: spec.partCount ?? null,
      requires_session_id: spec.requiresSessionId ?? null,
      texts: JSON.stringify(json),
      public_id: newPublicId(),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [position, p] of (spec.people ?? []).entries()) {
    await db
      .insertInto('conference_session_people')
      .values({ session_id: id, person_id: p.personId, role: p.role, position, named_publicly: p.namedPublicly ? 1 : 0 })
      .execute();
  }
  return { id };
}

/** A colleague remembered by the empty chair; neither safe to show nor agreed (so never public) unless told otherwise. */
export async function makeEmptyChair(
  db: Db,
  editionId: number,
  spec: {
    name: string;
    countryCode?: string | null;
    reason?: EmptyChairReason;
    note?: Texts<string>;
    safeToShow?: boolean;
    agreed?: boolean;
    position?: number;
  },
) {
  const now = nowIso();
  const texts = Object.fromEntries(Object.entries(spec.note ?? { en: '' }).map(([l, note]) => [l, { note }]));
  const { id } = await db
    .insertInto('conference_empty_chairs')
    .values({
      edition_id: editionId,
      name: spec.name,
      country_code: spec.countryCode ?? null,
      reason: spec.reason ?? 'imprisoned',
      texts: JSON.stringify(texts),
      safe_to_show: spec.safeToShow ? 1 : 0,
      agreed: spec.agreed ? 1 : 0,
      position: spec.position ?? 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id };
}

export interface CallSpec {
  role?: 'defender' | 'stakeholder' | 'trainer' | 'panellist';
  status?: 'draft' | 'open' | 'closed';
  /** ISO instant; a month from now unless told otherwise */
  deadline?: string;
  texts?: Texts<{ title: string; body?: string }>;
}

/** An open call of an edition: open for defenders for a month unless told otherwise. */
export async function makeCall(db: Db, editionId: number, spec: CallSpec = {}) {
  const now = nowIso();
  const texts = spec.texts ?? { en: { title: `Call ${uid()}` } };
  const json = Object.fromEntries(Object.entries(texts).map(([l, t]) => [l, { title: t.title, body: t.body ?? '' }]));
  const { id } = await db
    .insertInto('participation_calls')
    .values({
      edition_id: editionId,
      role: spec.role ?? 'defender',
      status: spec.status ?? 'open',
      deadline: spec.deadline ?? new Date(Date.now() + 30 * 86_400_000).toISOString(),
      texts: JSON.stringify(json),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id };
}

/** A training concept of the bootcamp, named in English (and Swedish when given). */
export async function makeBootcampConcept(db: Db, spec: { names?: Texts<string> } = {}) {
  const names = spec.names ?? { en: `Concept ${uid()}` };
  const texts = Object.fromEntries(Object.entries(names).map(([l, name]) => [l, { name }]));
  const { id } = await db
    .insertInto('bootcamp_concepts')
    .values({ texts: JSON.stringify(texts), created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id };
}

export interface BootcampCourseSpec {
  slug?: string;
  status?: 'draft' | 'published' | 'closed';
  texts?: Texts<{ title: string; description?: string }>;
  language?: SessionLanguage;
  audience?: 'invited' | 'applications';
  capacity?: number;
  startsOn?: string;
  endsOn?: string;
  conceptIds?: number[];
  trainerIds?: number[];
  goals?: Texts<string>[];
}

/** A bootcamp course; a published English course by invitation, 20 places, in March 2027, unless told otherwise. */
export async function makeBootcampCourse(db: Db, spec: BootcampCourseSpec = {}) {
  const now = nowIso();
  const slug = spec.slug ?? `course-${uid()}`;
  const texts = spec.texts ?? { en: { title: `Course ${slug}` } };
  const json = Object.fromEntries(Object.entries(texts).map(([l, t]) => [l, { title: t.title, description: t.description ?? '' }]));
  const status = spec.status ?? 'published';
  const { id } = await db
    .insertInto('bootcamp_courses')
    .values({
      slug,
      status,
      texts: JSON.stringify(json),
      language: spec.language ?? 'en',
      audience: spec.audience ?? 'invited',
      capacity: spec.capacity ?? 20,
      starts_on: spec.startsOn ?? '2027-03-01',
      ends_on: spec.endsOn ?? '2027-03-26',
      created_at: now,
      updated_at: now,
      published_at: status === 'draft' ? null : now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const concept_id of spec.conceptIds ?? []) await db.insertInto('bootcamp_course_concepts').values({ course_id: id, concept_id }).execute();
  for (const [position, person_id] of (spec.trainerIds ?? []).entries()) {
    await db.insertInto('bootcamp_course_trainers').values({ course_id: id, person_id, position }).execute();
  }
  for (const [position, goal] of (spec.goals ?? []).entries()) {
    const goalTexts = Object.fromEntries(Object.entries(goal).map(([l, text]) => [l, { text }]));
    await db
      .insertInto('bootcamp_goals')
      .values({ course_id: id, position, texts: JSON.stringify(goalTexts) })
      .execute();
  }
  return { id, slug };
}
