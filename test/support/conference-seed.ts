import type { Db } from '../../src/db/database.js';
import {
  makeAwardRecipient,
  makeConferenceSession,
  makeEdition,
  makeEmptyChair,
  makeEvent,
  makePerson,
  makeRegistrationSettings,
  makeRoom,
  makeTrack,
  makeVenue,
} from '../../src/db/factories.js';

/**
 * Conference content for the integration, leak and browser tests, built with the factories:
 * a published 2018 edition whose programme mixes public and closed sessions, rooms and
 * people; a draft 2019 edition; a published 2020 edition whose programme is still a draft;
 * 2014 with no dates and no programme. Every text that must never be public comes from
 * `closed(field)`, so a test can look for it (a marker) on every surface.
 */

/** "Now" for these tests: after 2018, before the 2020 edition. */
export const CONFERENCE_NOW = '2019-06-01T10:00:00.000Z';

export const conferenceFixture = {
  year: 2018,
  draftYear: 2019,
  draftProgrammeYear: 2020,
  noDatesYear: 2014,
  openSlug: 'dd-2018-open-session',
  nextOpenSlug: 'dd-2020-open-session',
  draftOpenSlug: 'dd-2019-open-session-draft',
  publicRoom: 'Plenary hall',
  namedPerson: 'Public Trainer',
  emptyChair: 'Remembered Colleague',
  recipient: 'Recipient Of The Year',
  titles: {
    keynote: { en: 'Opening keynote', sv: 'Inledande huvudtal' },
    digital: { en: 'Digital security', sv: 'Digital säkerhet' },
    litigation: { en: 'Strategic litigation' },
    ceremony: { en: 'The award ceremony', sv: 'Prisceremonin' },
  },
  tracks: { a: { en: 'Security', sv: 'Säkerhet' }, b: { en: 'Law', sv: 'Juridik' } },
} as const;

export interface ConferenceIds {
  editionId: number;
  tracks: { a: number; b: number; closed: number };
  rooms: { public: number; closed: number };
  sessions: { keynote: number; part1: number; part2: number; litigation: number; closed: number; closedB: number; ceremony: number; openClosed: number };
  /** every public session of the 2018 programme */
  publicSessions: number;
}

const at = (date: string, time: string) => new Date(`${date}T${time}:00+02:00`).toISOString();

export async function seedConference(db: Db, closed: (field: string) => string): Promise<ConferenceIds> {
  const f = conferenceFixture;
  const venue = await makeVenue(db, { slug: 'dd-venue', name: 'Conference centre', address: 'Main street 1', city: 'Stockholm' });
  const open = await makeEvent(db, {
    slug: f.openSlug,
    type: 'conference',
    startsAt: at('2018-04-12', '18:00'),
    endsAt: at('2018-04-12', '20:00'),
    texts: { en: { title: 'Open session 2018' }, sv: { title: 'Öppen del 2018' } },
  });
  const edition = await makeEdition(db, {
    year: f.year,
    startsOn: '2018-04-09',
    endsOn: '2018-04-12',
    venueId: venue.id,
    openEventId: open.id,
    figures: { defenders: 200, countries: 45, continents: 5 },
    texts: {
      en: { theme: 'Tools for defenders', summary: 'About two hundred defenders met.', body: 'First paragraph.\n\nSecond paragraph.' },
      sv: { theme: 'Verktyg för försvarare', summary: 'Omkring tvåhundra försvarare möttes.', body: 'Första stycket.\n\nAndra stycket.' },
    },
  });
  const id = edition.id;
  const tracks = {
    a: (await makeTrack(db, id, { names: f.tracks.a, position: 1 })).id,
    b: (await makeTrack(db, id, { names: f.tracks.b, position: 2 })).id,
    closed: (await makeTrack(db, id, { names: { en: closed('track-name-en'), sv: closed('track-name-sv') }, position: 3 })).id,
  };
  const rooms = {
    public: (await makeRoom(db, id, { name: f.publicRoom, capacity: 200, visibility: 'public' })).id,
    closed: (await makeRoom(db, id, { name: closed('room-name'), capacity: 20 })).id,
  };
  const named = await makePerson(db, { slug: 'dd-named', name: f.namedPerson, publicProfile: true });
  const notNamed = await makePerson(db, { slug: 'dd-not-named', name: closed('trainer-not-named'), publicProfile: true });
  const noConsent = await makePerson(db, { slug: 'dd-no-consent', name: closed('trainer-no-consent'), publicProfile: false });
  const closedTrainer = await makePerson(db, { slug: 'dd-closed-trainer', name: closed('closed-trainer'), publicProfile: true });

  const keynote = await makeConferenceSession(db, id, {
    startsAt: at('2018-04-09', '10:00'),
    endsAt: at('2018-04-09', '11:00'),
    type: 'keynote',
    roomId: rooms.public,
    visibility: 'public',
    texts: { en: { title: f.titles.keynote.en, description: 'Welcome.' }, sv: { title: f.titles.keynote.sv, description: 'Välkommen.' } },
    people: [{ personId: named.id, role: 'speaker', namedPublicly: true }],
  });
  const part1 = await makeConferenceSession(db, id, {
    startsAt: at('2018-04-09', '13:30'),
    endsAt: at('2018-04-09', '16:30'),
    trackId: tracks.a,
    roomId: rooms.closed,
    language: 'en-ru',
    visibility: 'public',
    partNumber: 1,
    partCount: 2,
    texts: { en: { title: f.titles.digital.en }, sv: { title: f.titles.digital.sv } },
    people: [
      { personId: named.id, role: 'trainer', namedPublicly: true },
      { personId: notNamed.id, role: 'trainer', namedPublicly: false },
      { personId: noConsent.id, role: 'trainer', namedPublicly: true },
    ],
  });
  const part2 = await makeConferenceSession(db, id, {
    startsAt: at('2018-04-10', '09:00'),
    endsAt: at('2018-04-10', '12:00'),
    trackId: tracks.a,
    roomId: rooms.closed,
    language: 'en-ru',
    visibility: 'public',
    partNumber: 2,
    partCount: 2,
    requiresSessionId: part1.id,
    texts: { en: { title: f.titles.digital.en }, sv: { title: f.titles.digital.sv } },
  });
  const closedSession = await makeConferenceSession(db, id, {
    startsAt: at('2018-04-09', '13:30'),
    endsAt: at('2018-04-09', '16:30'),
    trackId: tracks.closed,
    roomId: rooms.closed,
    type: 'training',
    language: 'ru',
    partNumber: 1,
    partCount: 2,
    texts: {
      en: { title: closed('session-title-en'), description: closed('session-desc-en') },
      sv: { title: closed('session-title-sv'), description: closed('session-desc-sv') },
    },
    people: [{ personId: closedTrainer.id, role: 'trainer', namedPublicly: true }],
  });
  const litigation = await makeConferenceSession(db, id, {
    startsAt: at('2018-04-10', '09:00'),
    endsAt: at('2018-04-10', '12:00'),
    trackId: tracks.b,
    language: 'ru',
    visibility: 'public',
    partNumber: 2,
    partCount: 2,
    requiresSessionId: closedSession.id,
    texts: { en: { title: f.titles.litigation.en } },
  });
  const closedB = await makeConferenceSession(db, id, {
    startsAt: at('2018-04-10', '13:00'),
    trackId: tracks.b,
    type: 'panel',
    texts: { en: { title: closed('session-b-title') } },
  });
  const ceremony = await makeConferenceSession(db, id, {
    part: 'open',
    startsAt: at('2018-04-12', '18:00'),
    endsAt: at('2018-04-12', '20:00'),
    type: 'ceremony',
    roomId: rooms.public,
    texts: { en: { title: f.titles.ceremony.en }, sv: { title: f.titles.ceremony.sv } },
  });
  const openClosed = await makeConferenceSession(db, id, {
    part: 'open',
    startsAt: at('2018-04-12', '16:00'),
    type: 'social',
    visibility: 'participants',
    texts: { en: { title: closed('open-part-participants-only') } },
  });
  await makeEmptyChair(db, id, {
    name: f.emptyChair,
    countryCode: 'AZ',
    reason: 'imprisoned',
    note: { en: 'Held in pre-trial detention.', sv: 'Sitter häktad.' },
    safeToShow: true,
    agreed: true,
  });
  await makeEmptyChair(db, id, { name: closed('chair-not-agreed'), note: { en: closed('chair-note') }, safeToShow: true, position: 1 });
  await makeEmptyChair(db, id, { name: closed('chair-not-safe'), reason: 'travel-ban', agreed: true, position: 2 });
  await makeEmptyChair(db, id, { name: closed('chair-neither'), reason: 'other', position: 3 });
  await makeAwardRecipient(db, { year: f.year, name: f.recipient, countryCode: 'TR' });

  // A draft edition: nothing of it is public, not even its public session or its open session's draft event.
  const draftEvent = await makeEvent(db, { slug: f.draftOpenSlug, status: 'draft', texts: { en: { title: closed('draft-open-event') } } });
  const draft = await makeEdition(db, {
    year: f.draftYear,
    status: 'draft',
    openEventId: draftEvent.id,
    texts: { en: { theme: closed('draft-edition-theme'), summary: closed('draft-edition-summary') } },
  });
  await makeEmptyChair(db, draft.id, { name: closed('draft-edition-chair'), safeToShow: true, agreed: true });
  await makeConferenceSession(db, draft.id, {
    startsAt: at('2019-04-09', '10:00'),
    visibility: 'public',
    texts: { en: { title: closed('draft-edition-session') } },
  });

  // Announced, with registration for its open session; its programme is a draft.
  const nextOpen = await makeEvent(db, {
    slug: f.nextOpenSlug,
    type: 'conference',
    startsAt: at('2020-04-10', '18:00'),
    endsAt: at('2020-04-10', '20:00'),
    texts: { en: { title: 'Open session 2020' } },
  });
  await makeRegistrationSettings(db, nextOpen.id, { capacity: 100 });
  const next = await makeEdition(db, {
    year: f.draftProgrammeYear,
    startsOn: '2020-04-07',
    endsOn: '2020-04-10',
    programmeStatus: 'draft',
    openEventId: nextOpen.id,
    texts: { en: { theme: 'The next edition' } },
  });
  const nextTrack = await makeTrack(db, next.id, { names: { en: closed('draft-programme-track') } });
  await makeConferenceSession(db, next.id, {
    startsAt: at('2020-04-07', '10:00'),
    trackId: nextTrack.id,
    visibility: 'public',
    texts: { en: { title: closed('draft-programme-session') } },
  });

  await makeEdition(db, { year: f.noDatesYear, startsOn: null, endsOn: null, texts: { en: { theme: 'The second edition' } } });

  return {
    editionId: id,
    tracks,
    rooms,
    sessions: {
      keynote: keynote.id,
      part1: part1.id,
      part2: part2.id,
      litigation: litigation.id,
      closed: closedSession.id,
      closedB: closedB.id,
      ceremony: ceremony.id,
      openClosed: openClosed.id,
    },
    publicSessions: 5,
  };
}
