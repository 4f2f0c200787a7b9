// Seeds a fresh database with a realistic public programme for `npm run bench`:
//   node --import tsx bench/seed.ts <dataDir> [events=1000] [--registration-events=1] [--capacity=100]
// Deterministic (seeded PRNG), English + Swedish texts, about a third upcoming, the rest
// spread over the past ten years. Prints one line of JSON: what the bench should request.
// Besides, `--registration-events` upcoming events `bench-registration-<n>` (n = 1, 2, ...)
// with registration open, `--capacity` seats each and the waiting list on: the bench's
// registration burst uses the first, the crash drill one per round (it seeds with events=0).
// DATABASE_URL, when set, seeds that PostgreSQL database instead of <dataDir>/SQLite.
import path from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { seedBenchConference } from './seed-conference.js';
import { migrateToLatest } from '../src/db/migrate.js';
import {
  makeDocument,
  makeEvent,
  makeNotice,
  makePartner,
  makePerson,
  makeRegistrationSettings,
  makeSeries,
  makeTopic,
  makeVenue,
} from '../src/db/factories.js';
import { eventTypes, speakerRoles, type SpeakerRole } from '../src/core/events/events.schema.js';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const option = (name: string, fallback: number) => {
  const v = process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  return v === undefined ? fallback : Number(v);
};
const dataDir = positional[0];
if (!dataDir) {
  console.error('usage: node --import tsx bench/seed.ts <dataDir> [events] [--registration-events=N] [--capacity=N]');
  process.exit(2);
}
const total = Number(positional[1] ?? 1000);
const registrationEvents = option('registration-events', 1);
const capacity = option('capacity', 100);

/** mulberry32: small, fast, good enough to make the same programme every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(20_240_409);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)] as T;
}
function some<T>(xs: readonly T[], n: number): T[] {
  const copy = [...xs];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0] as T);
  return out;
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

// ---- vocabulary ---------------------------------------------------------------------------

const themes: { en: string; sv: string; topic: string }[] = [
  { en: 'press freedom', sv: 'pressfrihet', topic: 'press-freedom' },
  { en: 'land rights', sv: 'markrättigheter', topic: 'land-rights' },
  { en: 'digital security', sv: 'digital säkerhet', topic: 'digital-security' },
  { en: 'women human rights defenders', sv: 'kvinnliga människorättsförsvarare', topic: 'women-defenders' },
  { en: 'environmental defenders', sv: 'miljöförsvarare', topic: 'environment' },
  { en: 'LGBTI rights', sv: 'hbtqi-rättigheter', topic: 'lgbti' },
  { en: 'indigenous peoples', sv: 'urfolk', topic: 'indigenous-peoples' },
  { en: 'shrinking civic space', sv: 'krympande demokratiskt utrymme', topic: 'civic-space' },
  { en: 'accountability for torture', sv: 'ansvarsutkrävande för tortyr', topic: 'torture' },
  { en: 'freedom of assembly', sv: 'mötesfrihet', topic: 'assembly' },
  { en: 'business and human rights', sv: 'företag och mänskliga rättigheter', topic: 'business' },
  { en: 'exile and relocation', sv: 'exil och omlokalisering', topic: 'relocation' },
];
const places: { en: string; sv: string; code: string }[] = [
  { en: 'Belarus', sv: 'Belarus', code: 'BY' },
  { en: 'Colombia', sv: 'Colombia', code: 'CO' },
  { en: 'the Philippines', sv: 'Filippinerna', code: 'PH' },
  { en: 'Uganda', sv: 'Uganda', code: 'UG' },
  { en: 'Guatemala', sv: 'Guatemala', code: 'GT' },
  { en: 'Azerbaijan', sv: 'Azerbajdzjan', code: 'AZ' },
  { en: 'Myanmar', sv: 'Myanmar', code: 'MM' },
  { en: 'Zimbabwe', sv: 'Zimbabwe', code: 'ZW' },
  { en: 'Honduras', sv: 'Honduras', code: 'HN' },
  { en: 'Cambodia', sv: 'Kambodja', code: 'KH' },
  { en: 'Egypt', sv: 'Egypten', code: 'EG' },
  { en: 'Russia', sv: 'Ryssland', code: 'RU' },
  { en: 'Kenya', sv: 'Kenya', code: 'KE' },
  { en: 'Nicaragua', sv: 'Nicaragua', code: 'NI' },
  { en: 'Turkey', sv: 'Turkiet', code: 'TR' },
  { en: 'Iran', sv: 'Iran', code: 'IR' },
];
const titleShapes: { en: (t: string, p: string) => string; sv: (t: string, p: string) => string }[] = [
  { en: (t, p) => `Defending ${t} in ${p}`, sv: (t, p) => `Att försvara ${t} i ${p}` },
  { en: (t, p) => `${cap(t)}: voices from ${p}`, sv: (t, p) => `${cap(t)}: röster från ${p}` },
  { en: (t, p) => `What next for ${t} in ${p}?`, sv: (t, p) => `Vad händer nu med ${t} i ${p}?` },
  { en: (t, p) => `Under pressure – ${t} and the case of ${p}`, sv: (t, p) => `Under tryck – ${t} och fallet ${p}` },
  { en: (t, p) => `Breakfast briefing: ${t} in ${p}`, sv: (t, p) => `Frukostsamtal: ${t} i ${p}` },
  { en: (t, p) => `Screening and talk on ${t} (${p})`, sv: (t, p) => `Visning och samtal om ${t} (${p})` },
];
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const enSentences = [
  'Human rights defenders in {p} face surveillance, arbitrary detention and smear campaigns for their work on {t}.',
  'Our guests describe how they document violations and keep their communities safe while the authorities look the other way.',
  'The conversation looks at what international partners, embassies and companies can do to support defenders at risk.',
  'We will hear first-hand testimony from people who have continued their work despite threats to themselves and their families.',
  'The event is held in English with simultaneous interpretation into Swedish, and questions from the audience are welcome.',
  'Recent legislation has made it harder for organisations to register, receive funding or hold public meetings.',
  'Speakers will discuss protection mechanisms, temporary relocation and the role of the media in raising attention.',
  'A report published earlier this year found that attacks on those working on {t} have increased in the region.',
  'Coffee and a light breakfast are served from half an hour before the start; the venue is accessible for wheelchair users.',
  'The discussion will be followed by a short reception where you can meet the speakers and other participants.',
  'Participants are asked not to photograph or film the speakers, some of whom cannot be identified for their own safety.',
  'This event is part of a series on {t} organised together with partner organisations in {p} and in Sweden.',
];
const svSentences = [
  'Människorättsförsvarare i {p} utsätts för övervakning, godtyckliga frihetsberövanden och smutskastning för sitt arbete med {t}.',
  'Våra gäster berättar hur de dokumenterar övergrepp och skyddar sina lokalsamhällen medan myndigheterna ser åt ett annat håll.',
  'Samtalet handlar om vad internationella partner, ambassader och företag kan göra för att stödja hotade försvarare.',
  'Vi får höra vittnesmål från människor som har fortsatt sitt arbete trots hot mot dem själva och deras familjer.',
  'Evenemanget hålls på engelska med simultantolkning till svenska, och frågor från publiken är välkomna.',
  'Ny lagstiftning har gjort det svårare för organisationer att registrera sig, ta emot finansiering eller hålla offentliga möten.',
  'Talarna diskuterar skyddsmekanismer, tillfällig omlokalisering och mediernas roll för att skapa uppmärksamhet.',
  'En rapport som publicerades tidigare i år visar att angreppen mot dem som arbetar med {t} har ökat i regionen.',
  'Kaffe och en lätt frukost serveras från en halvtimme före start; lokalen är tillgänglig för rullstolsanvändare.',
  'Samtalet följs av en kort mottagning där du kan träffa talarna och andra deltagare.',
  'Deltagarna ombeds att inte fotografera eller filma talarna, av vilka några inte kan identifieras av säkerhetsskäl.',
  'Evenemanget ingår i en serie om {t} som anordnas tillsammans med partnerorganisationer i {p} och i Sverige.',
];
function prose(sentences: readonly string[], theme: string, place: string, targetBytes: number, sentencesPerParagraph = 3): string {
  const paragraphs: string[] = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const p = some(sentences, sentencesPerParagraph)
      .map((s) => s.replace(/\{t\}/g, theme).replace(/\{p\}/g, place))
      .join(' ');
    paragraphs.push(p);
    bytes += Buffer.byteLength(p) + 2;
  }
  return paragraphs.join('\n\n');
}

const firstNames = [
  'Amina',
  'Carlos',
  'Ly',
  'Olga',
  'Juan',
  'Fatima',
  'Nasrin',
  'Samuel',
  'María',
  'Aung',
  'Leyla',
  'Tendai',
  'Sofía',
  'Ivan',
  'Grace',
  'Mehmet',
  'Sara',
  'Erik',
  'Anna',
  'Johan',
];
const lastNames = [
  'Okello',
  'Hernández',
  'Nguyen',
  'Petrova',
  'Castillo',
  'Haddad',
  'Rahimi',
  'Mwangi',
  'López',
  'Kyaw',
  'Aliyeva',
  'Moyo',
  'Ramírez',
  'Sokolov',
  'Achieng',
  'Yılmaz',
  'Lindqvist',
  'Andersson',
  'Berg',
  'Nilsson',
];
const orgs: { en: string; sv: string }[] = [
  { en: 'Independent journalist', sv: 'Frilansjournalist' },
  { en: 'Lawyer and human rights defender', sv: 'Advokat och människorättsförsvarare' },
  { en: 'Director, regional defenders network', sv: 'Direktör, regionalt försvararnätverk' },
  { en: 'Researcher, Uppsala University', sv: 'Forskare, Uppsala universitet' },
  { en: 'Community leader', sv: 'Ledare i lokalsamhället' },
  { en: 'Programme officer', sv: 'Handläggare' },
  { en: 'Environmental activist', sv: 'Miljöaktivist' },
  { en: 'Former political prisoner', sv: 'Tidigare politisk fånge' },
];
const zones = [
  'Europe/Stockholm',
  'Europe/Stockholm',
  'Europe/Stockholm',
  'Europe/Stockholm',
  'Africa/Nairobi',
  'America/Bogota',
  'Asia/Bangkok',
  'Europe/Brussels',
];

// ---- seeding -------------------------------------------------------------------------------

const started = Date.now();
const handle = openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir });
await migrateToLatest(handle);
const mediaRoot = path.join(dataDir, 'media');

const out = await handle.db.transaction().execute(async (db) => {
  const topicIds = new Map<string, number>();
  for (const th of themes) {
    const { id } = await makeTopic(db, { slug: th.topic, names: { en: cap(th.en), sv: cap(th.sv) } });
    topicIds.set(th.topic, id);
  }
  const venues = [];
  const venueSpecs = [
    ['Stockholm', 'Kulturhuset, Sergels torg 3'],
    ['Stockholm', 'ABF-huset, Sveavägen 41'],
    ['Göteborg', 'Världskulturmuseet, Södra vägen 54'],
    ['Malmö', 'Moriskan, Amiralsgatan 35'],
    ['Uppsala', 'Universitetshuset, Biskopsgatan 3'],
    ['Brussels', 'Résidence Palace, Rue de la Loi 155'],
    ['Nairobi', 'Alliance Française, Loita Street'],
    ['Bogotá', 'Centro de Memoria, Carrera 19B'],
  ] as const;
  for (const [city, addr] of venueSpecs) {
    const [name, address] = addr.split(', ') as [string, string];
    venues.push(
      await makeVenue(db, { name, address, city, countryCode: city === 'Brussels' ? 'BE' : city === 'Nairobi' ? 'KE' : city === 'Bogotá' ? 'CO' : 'SE' }),
    );
  }
  const people = [];
  for (let i = 0; i < 150; i++) {
    const name = `${firstNames[i % firstNames.length]} ${lastNames[(i * 7) % lastNames.length]}`;
    const org = pick(orgs);
    people.push(
      await makePerson(db, {
        slug: `${slugify(name)}-${i}`,
        name,
        publicProfile: rnd() < 0.5,
        affiliation: rnd() < 0.8 ? { en: org.en, sv: org.sv } : { en: org.en },
      }),
    );
  }
  const partners = [];
  for (let i = 0; i < 20; i++)
    partners.push(await makePartner(db, { name: `Partner organisation ${i + 1}`, url: i % 3 ? `https://partner${i + 1}.example.org` : null }));
  const series = [];
  for (const th of themes.slice(0, 5)) {
    series.push(
      await makeSeries(db, { slug: `series-${th.topic}`, names: { en: { name: `Defenders talk: ${th.en}` }, sv: { name: `Försvararsamtal: ${th.sv}` } } }),
    );
  }

  const now = Date.now();
  const day = 86_400_000;
  const upcomingCount = Math.round(total / 3);
  let richSlug = '';
  for (let i = 0; i < total; i++) {
    const upcoming = i < upcomingCount;
    // Upcoming: spread over the next 12 months; past: over the last 10 years.
    const offsetDays = upcoming ? 1 + rnd() * 365 : -(1 + rnd() * 3650);
    const start = new Date(now + offsetDays * day);
    start.setUTCHours(int(7, 17), pick([0, 0, 30]), 0, 0);
    const multiDay = rnd() < 0.05;
    const end = new Date(start.getTime() + (multiDay ? int(1, 3) * day : int(1, 3) * 3_600_000));
    const theme = pick(themes);
    const place = pick(places);
    const shape = pick(titleShapes);
    const rich = i === 5; // an upcoming event with everything on it
    const titleEn = shape.en(theme.en, place.en);
    const swedish = rich || rnd() < 0.85;
    const online = rnd() < 0.3;
    const type = rich ? 'panel' : pick(eventTypes);
    const nPeople = rich ? 6 : int(1, 4);
    const slug = rich ? 'bench-rich-event' : `${slugify(titleEn)}-${i + 1}`;
    const ev = await makeEvent(db, {
      slug,
      type,
      status: rnd() < 0.03 && !rich ? 'cancelled' : 'published',
      startsAt: start.toISOString(),
      endsAt: end.toISOString(),
      timeZone: rich ? 'Europe/Stockholm' : pick(zones),
      seriesId: rich || rnd() < 0.3 ? pick(series).id : null,
      venueId: online && rnd() < 0.5 ? null : pick(venues).id,
      online: rich || online,
      liveStreamUrl: online || rich ? 'https://live.example.org/stream' : null,
      recordingUrl: !upcoming && rnd() < 0.3 ? `https://video.example.org/watch/${i}` : null,
      texts: {
        en: {
          title: titleEn,
          summary: prose(enSentences, theme.en, place.en, 180, 2).replace(/\n\n/g, ' '),
          body: prose(enSentences, theme.en, place.en, rich ? 2000 : int(1000, 2000)),
        },
        ...(swedish
          ? {
              sv: {
                title: shape.sv(theme.sv, place.sv),
                summary: prose(svSentences, theme.sv, place.sv, 180, 2).replace(/\n\n/g, ' '),
                body: prose(svSentences, theme.sv, place.sv, rich ? 2000 : int(1000, 2000)),
              },
            }
          : {}),
      },
      countries: rich
        ? some(places, 3)
            .map((p) => p.code)
            .concat(place.code)
            .filter((c, k, xs) => xs.indexOf(c) === k)
        : [place.code, ...(rnd() < 0.3 ? [pick(places).code] : [])].filter((c, k, xs) => xs.indexOf(c) === k),
      topicIds: [theme.topic, ...(rich || rnd() < 0.4 ? some(themes, rich ? 3 : 1).map((x) => x.topic) : [])]
        .filter((x, k, xs) => xs.indexOf(x) === k)
        .map((x) => topicIds.get(x) as number),
      people: some(people, nPeople).map((p, k): { personId: number; role: SpeakerRole } => ({
        personId: p.id,
        role: k === 0 ? 'moderator' : (pick(speakerRoles.filter((r) => r !== 'moderator')) as SpeakerRole),
      })),
      partnerIds: some(partners, rich ? 3 : int(0, 2)).map((p) => p.id),
    });
    if (rich) {
      richSlug = ev.slug;
      await makeNotice(db, ev.id, {
        en: 'The venue has changed: we now meet in the larger hall on the ground floor.',
        sv: 'Lokalen är ändrad: vi ses nu i den större salen på bottenvåningen.',
      });
      await makeDocument(db, mediaRoot, ev.id, { en: 'Programme and speaker biographies', sv: 'Program och talarbiografier' });
    } else if (rnd() < 0.03) {
      await makeNotice(db, ev.id, { en: 'The start time has moved by thirty minutes.', sv: 'Starttiden har flyttats med trettio minuter.' });
    }
  }

  // Events to register for: after the whole programme (a year and more ahead), so the
  // listings the bench measures hardly change; registration open, waiting list on.
  const registrationSlugs: string[] = [];
  for (let n = 1; n <= registrationEvents; n++) {
    const start = new Date(now + (400 + n) * day);
    start.setUTCHours(16, 0, 0, 0);
    const ev = await makeEvent(db, {
      slug: `bench-registration-${n}`,
      type: 'seminar',
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
      venueId: venues[0]?.id ?? null,
      texts: {
        en: {
          title: `Registration test seminar ${n}`,
          summary: 'An event with limited seats and a waiting list, for the registration burst.',
          body: prose(enSentences, themes[0]?.en ?? '', places[0]?.en ?? '', 600),
        },
      },
    });
    await makeRegistrationSettings(db, ev.id, { capacity, waitlist: true });
    registrationSlugs.push(ev.slug);
  }
  // The conference: the programme page of an edition with 120 public sessions in 6 tracks.
  const conference = await seedBenchConference(db);
  return { richSlug, registrationSlugs, conference };
});
await handle.close();
console.log(
  JSON.stringify({
    events: total,
    richSlug: out.richSlug,
    registrationSlugs: out.registrationSlugs,
    registrationCapacity: capacity,
    conference: out.conference,
    database: handle.file ?? 'postgres',
    seconds: (Date.now() - started) / 1000,
  }),
);
