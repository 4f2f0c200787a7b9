import type { Db } from '../database.js';
import { makeCall, makeConferenceSession, makeEdition, makeEmptyChair, makePerson, makeRoom, makeTrack } from '../factories.js';
import { addDays, localDate, zonedTimeToUtc } from './dates.js';
import { conferencePeople, editions2013to2016 } from './conference-2013-2016-data.js';
import { edition2018, nextEdition } from './conference-2018-next-data.js';
import { NEXT_EDITION_DAYS, NEXT_EDITION_IN_DAYS } from './conference-events-data.js';
import type { DemoEdition } from './conference-types.js';

export { conferenceOpenSessions } from './conference-events-data.js';

/** Every demo edition: 2013 to 2016 yearly, 2018 (none in 2017), and the next one. */
export const demoEditions: readonly DemoEdition[] = [...editions2013to2016, edition2018, nextEdition];

const TIME_ZONE = 'Europe/Stockholm';

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo conference data refers to unknown ${what}`);
  return value;
}

async function idBySlug(db: Db, table: 'events' | 'venues', slug: string): Promise<number> {
  const row = await db.selectFrom(table).select('id').where('slug', '=', slug).executeTakeFirst();
  return need(row?.id, `${table} ${slug}`);
}

/**
 * Loads the demo editions with their tracks, rooms, sessions, people and empty chairs,
 * through the factories, into the transaction of loadDemoIfEmpty (after the demo events,
 * which hold the open sessions). `now` dates the next edition.
 */
export async function loadDemoConference(db: Db, now: Date): Promise<{ editions: number; sessions: number }> {
  const personIds = new Map<string, number>();
  for (const [slug, p] of Object.entries(conferencePeople)) {
    const affiliation = p.affiliation ? { en: p.affiliation.en, sv: p.affiliation.sv } : {};
    personIds.set(slug, (await makePerson(db, { slug: `dd-${slug}`, name: p.name, publicProfile: p.publicProfile, affiliation })).id);
  }
  let sessions = 0;
  for (const e of demoEditions) {
    const startsOn = e.dates === 'next' ? addDays(localDate(now, TIME_ZONE), NEXT_EDITION_IN_DAYS) : (e.dates?.start ?? null);
    const endsOn = e.dates === 'next' && startsOn ? addDays(startsOn, NEXT_EDITION_DAYS - 1) : e.dates === 'next' ? null : (e.dates?.end ?? null);
    const year = e.year === 'next' ? Number(need(startsOn ?? undefined, 'next edition date').slice(0, 4)) : e.year;
    const edition = await makeEdition(db, {
      year,
      status: e.status ?? 'published',
      programmeStatus: e.programmeStatus ?? 'published',
      startsOn,
      endsOn,
      timeZone: TIME_ZONE,
      venueId: e.venue ? await idBySlug(db, 'venues', e.venue) : null,
      texts: e.texts,
      figures: e.figures ?? {},
      openEventId: e.openSession ? await idBySlug(db, 'events', e.openSession) : null,
    });
    const trackIds = new Map<string, number>();
    for (const [position, tr] of (e.tracks ?? []).entries()) {
      trackIds.set(tr.key, (await makeTrack(db, edition.id, { names: { en: tr.en, sv: tr.sv }, position })).id);
    }
    const roomIds = new Map<string, number>();
    for (const r of e.rooms ?? [])
      roomIds.set(r.key, (await makeRoom(db, edition.id, { name: r.name, capacity: r.capacity ?? null, visibility: r.visibility })).id);
    const sessionIds = new Map<string, number>();
    for (const s of e.sessions ?? []) {
      const day = addDays(need(startsOn ?? undefined, `dates of ${year}`), s.day);
      const { id } = await makeConferenceSession(db, edition.id, {
        part: s.part ?? 'closed',
        startsAt: zonedTimeToUtc(`${day}T${s.start}`, TIME_ZONE).toISOString(),
        endsAt: zonedTimeToUtc(`${day}T${s.end}`, TIME_ZONE).toISOString(),
        trackId: s.track ? need(trackIds.get(s.track), `track ${s.track}`) : null,
        roomId: s.room ? need(roomIds.get(s.room), `room ${s.room}`) : null,
        type: s.type,
        language: s.language ?? 'en',
        capacity: s.capacity ?? null,
        visibility: s.visibility,
        partNumber: s.parts?.[0] ?? null,
        partCount: s.parts?.[1] ?? null,
        requiresSessionId: s.requires ? need(sessionIds.get(s.requires), `session ${s.requires}`) : null,
        texts: s.texts,
        people: (s.people ?? []).map(([person, role, namedPublicly]) => ({ personId: need(personIds.get(person), `person ${person}`), role, namedPublicly })),
      });
      if (s.key) sessionIds.set(s.key, id);
      sessions++;
    }
    for (const [position, c] of (e.emptyChairs ?? []).entries()) {
      await makeEmptyChair(db, edition.id, { ...c, note: c.note, position });
    }
    if (e.call) {
      const deadline = new Date(`${addDays(localDate(now, TIME_ZONE), e.call.deadlineInDays)}T23:59:59Z`).toISOString();
      await makeCall(db, edition.id, { role: e.call.role, status: 'open', deadline, texts: e.call.texts });
    }
  }
  return { editions: demoEditions.length, sessions };
}
