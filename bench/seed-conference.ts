// The conference programme for `npm run bench`: one published edition with 120 public
// sessions in 6 tracks over 4 days (English and Swedish titles and descriptions, workshops in
// two parts, several languages, named trainers with consent, public and closed rooms), plus 24
// closed-part sessions the page must leave out. Deterministic.
//
//   import { seedBenchConference } from './seed-conference.js';  const { path } = await seedBenchConference(db);
//   node --import tsx bench/seed-conference.ts <dataDir>      migrates <dataDir>'s SQLite (or DATABASE_URL) and seeds only this
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sessionLanguages, type SessionLanguage, type SessionType } from '../src/core/conference/conference.schema.js';
import { zonedTimeToUtc } from '../src/core/shared/zoned-time.js';
import type { Db } from '../src/db/database.js';
import { makeConferenceSession, makeEdition, makePerson, makeRoom, makeTrack, makeVenue } from '../src/db/factories.js';

export const BENCH_CONFERENCE_YEAR = 2024;
const ZONE = 'Europe/Stockholm';
const DAYS = ['2024-04-08', '2024-04-09', '2024-04-10', '2024-04-11'];
const SLOTS: [string, string][] = [
  ['09:00', '10:30'],
  ['11:00', '12:30'],
  ['13:30', '15:00'],
  ['15:30', '17:00'],
  ['17:15', '18:15'],
];
const TRACKS = [
  ['Digital security', 'Digital säkerhet'],
  ['Law and litigation', 'Juridik och processföring'],
  ['Communication and video', 'Kommunikation och video'],
  ['Well-being and protection', 'Välmående och skydd'],
  ['Advocacy', 'Påverkansarbete'],
  ['Innovation', 'Innovation'],
] as const;
const TOPICS = [
  ['Threat modelling for small teams', 'Hotmodellering för små grupper'],
  ['Documenting violations safely', 'Att dokumentera övergrepp säkert'],
  ['Strategic cases before regional courts', 'Strategiska mål i regionala domstolar'],
  ['Filming protests without exposing people', 'Att filma protester utan att utsätta någon'],
  ['Stress, sleep and burnout', 'Stress, sömn och utbrändhet'],
  ['Briefing diplomats and rapporteurs', 'Att informera diplomater och rapportörer'],
  ['Open-source investigation', 'Utredning med öppna källor'],
  ['Gender perspectives in security planning', 'Genusperspektiv i säkerhetsplaneringen'],
] as const;
const TYPES: SessionType[] = ['workshop', 'training', 'panel', 'presentation'];

/** Seeds the bench edition; returns the programme's path. */
export async function seedBenchConference(db: Db): Promise<{ year: number; path: string; publicSessions: number }> {
  const venue = await makeVenue(db, { slug: 'bench-conference-venue', name: 'Bench conference centre', address: 'Konferensvägen 1', city: 'Stockholm' });
  const edition = await makeEdition(db, {
    year: BENCH_CONFERENCE_YEAR,
    startsOn: DAYS[0],
    endsOn: DAYS[DAYS.length - 1],
    venueId: venue.id,
    figures: { participants: 240, defenders: 180, countries: 48, continents: 5 },
    texts: {
      en: { theme: 'Bench edition', summary: 'A full programme for the bench.', body: 'Six tracks over four days.' },
      sv: { theme: 'Benchkonferens', summary: 'Ett fullt program för mätningen.', body: 'Sex spår under fyra dagar.' },
    },
  });
  const tracks: number[] = [];
  for (const [i, [en, sv]] of TRACKS.entries()) tracks.push((await makeTrack(db, edition.id, { names: { en, sv }, position: i })).id);
  const publicRoom = await makeRoom(db, edition.id, { name: 'Plenary', capacity: 300, visibility: 'public' });
  const rooms: number[] = [];
  for (let i = 0; i < 6; i++)
    rooms.push((await makeRoom(db, edition.id, { name: `Workshop room ${i + 1}`, capacity: 25, visibility: i % 2 ? 'participants' : 'public' })).id);
  const people: number[] = [];
  for (let i = 0; i < 12; i++)
    people.push((await makePerson(db, { slug: `bench-trainer-${i}`, name: `Bench Trainer ${i + 1}`, publicProfile: i % 3 !== 0 })).id);

  let n = 0;
  const previousInTrack = new Map<number, number>();
  for (const [d, day] of DAYS.entries()) {
    for (const [s, [start, end]] of SLOTS.entries()) {
      for (const [t, trackId] of tracks.entries()) {
        const [en, sv] = TOPICS[(d * 7 + s * 3 + t) % TOPICS.length] as (typeof TOPICS)[number];
        // Workshops in two parts: the second slot of each pair requires the first.
        const secondPart = s % 2 === 1 && s < 4;
        const language: SessionLanguage = sessionLanguages[(d + s + t) % 4] ?? 'en';
        const { id } = await makeConferenceSession(db, edition.id, {
          startsAt: zonedTimeToUtc(`${day}T${start}`, ZONE).toISOString(),
          endsAt: zonedTimeToUtc(`${day}T${end}`, ZONE).toISOString(),
          trackId,
          roomId: rooms[t] ?? publicRoom.id,
          type: s < 4 ? 'workshop' : (TYPES[(d + t) % TYPES.length] ?? 'panel'),
          language,
          capacity: 25,
          visibility: 'public',
          partNumber: s < 4 ? (secondPart ? 2 : 1) : null,
          partCount: s < 4 ? 2 : null,
          requiresSessionId: secondPart ? (previousInTrack.get(trackId) ?? null) : null,
          texts: {
            en: {
              title: `${en} (${d + 1}.${s + 1}.${t + 1})`,
              description: 'Practical exercises in small groups, with time for questions and for sharing experience.',
            },
            sv: { title: `${sv} (${d + 1}.${s + 1}.${t + 1})`, description: 'Praktiska övningar i små grupper, med tid för frågor och erfarenhetsutbyte.' },
          },
          people: [
            { personId: people[n % people.length] as number, role: 'trainer', namedPublicly: n % 2 === 0 },
            { personId: people[(n + 5) % people.length] as number, role: 'trainer', namedPublicly: true },
          ],
        });
        previousInTrack.set(trackId, id);
        n++;
      }
    }
    // Closed-part sessions of the day: never on the page.
    for (let c = 0; c < 6; c++) {
      await makeConferenceSession(db, edition.id, {
        startsAt: zonedTimeToUtc(`${day}T19:00`, ZONE).toISOString(),
        trackId: tracks[c] ?? null,
        roomId: rooms[1] ?? null,
        texts: { en: { title: `Closed session ${d + 1}.${c + 1}` } },
      });
    }
  }
  return { year: BENCH_CONFERENCE_YEAR, path: `/defenders-days/${BENCH_CONFERENCE_YEAR}/programme`, publicSessions: n };
}

// Run on its own: seed a fresh database directory with this edition only.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dataDir = process.argv[2];
  if (!dataDir) {
    console.error('usage: node --import tsx bench/seed-conference.ts <dataDir>');
    process.exit(2);
  }
  const { openDatabase } = await import('../src/db/database.js');
  const { migrateToLatest } = await import('../src/db/migrate.js');
  const handle = openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
  await migrateToLatest(handle);
  const result = await handle.db.transaction().execute((tx) => seedBenchConference(tx));
  await handle.close();
  console.log(JSON.stringify(result));
}
