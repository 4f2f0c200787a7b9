import type { Db } from '../../../src/db/database.js';
import { makeDocument, makeEvent, makeImage, makeNotice, makePartner, makePerson, makeSeries, makeTopic, makeVenue } from '../../../src/db/factories.js';

/**
 * A realistic public programme for the browser tests, built only with the factories (it
 * does not depend on the demo content): an upcoming event with everything on it, an
 * English-only one, a cancelled one, one streaming right now, and an archive over two
 * years with more seminars in one year than fit on a page.
 */

const DAY = 86_400_000;
const thisYear = new Date().getUTCFullYear();

export const fixture = {
  rich: 'defenders-under-pressure',
  englishOnly: 'digital-security-clinic',
  cancelled: 'film-night-cancelled',
  liveNow: 'open-hearing-live',
  liveStreamUrl: 'https://live.example.org/stream/defenders-under-pressure',
  recordingUrl: 'https://video.example.org/watch/defenders-under-pressure',
  /** the archive's fuller year: more seminars than one page holds (20) */
  busyYear: thisYear - 1,
  busyYearSeminars: 23,
  quietYear: thisYear - 2,
  titles: {
    rich: { en: 'Defenders under pressure: exile, courts and solidarity', sv: 'Människorättsförsvarare under tryck: exil, domstolar och solidaritet' },
    englishOnly: 'Digital security clinic for journalists',
    cancelled: { en: 'Film night: The Long Road', sv: 'Filmkväll: Den långa vägen' },
  },
} as const;

const at = (ms: number) => new Date(ms).toISOString();

export async function seedProgramme(db: Db, mediaRoot: string): Promise<void> {
  const now = Date.now();
  const image = await makeImage(db, mediaRoot);
  const venue = await makeVenue(db, { name: 'Kulturhuset, Hörsalen', address: 'Sergels torg 3', city: 'Stockholm', countryCode: 'SE' });
  const abf = await makeVenue(db, { name: 'ABF-huset', address: 'Sveavägen 41', city: 'Stockholm', countryCode: 'SE' });
  const series = await makeSeries(db, { names: { en: { name: 'Breakfast with defenders' }, sv: { name: 'Frukost med försvarare' } } });
  const topics = [
    await makeTopic(db, { slug: 'freedom-of-expression', names: { en: 'Freedom of expression', sv: 'Yttrandefrihet' } }),
    await makeTopic(db, { slug: 'exile', names: { en: 'Exile and transnational repression', sv: 'Exil och gränsöverskridande förtryck' } }),
    await makeTopic(db, { slug: 'digital-security', names: { en: 'Digital security' } }),
  ];
  const speaker = await makePerson(db, { name: 'Aliaksandra Navumenka', publicProfile: true, affiliation: { en: 'Lawyer, Viasna', sv: 'Jurist, Viasna' } });
  const panellist = await makePerson(db, { name: 'Oleksandr Kovalenko', affiliation: { en: 'Centre for Civil Liberties' } });
  const moderator = await makePerson(db, { name: 'Maria Lindqvist', affiliation: { en: 'Journalist', sv: 'Journalist' } });
  const host = await makePerson(db, { name: 'Jonas Ek' });
  const partners = [
    await makePartner(db, { name: 'Civil Rights Defenders', url: 'https://crd.example.org/' }),
    await makePartner(db, { name: 'Swedish PEN', url: null }),
  ];

  // The rich upcoming event: everything a page can show.
  const richStart = now + 10 * DAY;
  const rich = await makeEvent(db, {
    slug: fixture.rich,
    type: 'panel',
    seriesId: series.id,
    startsAt: at(richStart),
    endsAt: at(richStart + 2.5 * 3_600_000),
    venueId: venue.id,
    online: true,
    imageId: image.id,
    imageCredit: 'Anna Berg',
    liveStreamUrl: fixture.liveStreamUrl,
    recordingUrl: fixture.recordingUrl,
    texts: {
      en: {
        title: fixture.titles.rich.en,
        summary: 'Three defenders talk about working from exile, and what courts and solidarity can still do.',
        body: 'Human rights defenders from Belarus, Russia and Ukraine describe how they keep working when home is closed to them.\n\nThe conversation is followed by questions from the audience. Coffee from 17:30.',
        imageAlt: 'An abstract illustration: a yellow sun over a dark blue field',
      },
      sv: {
        title: fixture.titles.rich.sv,
        summary: 'Tre försvarare berättar om att arbeta i exil, och vad domstolar och solidaritet fortfarande kan göra.',
        body: 'Människorättsförsvarare från Belarus, Ryssland och Ukraina berättar hur de fortsätter arbeta när hemlandet är stängt för dem.\n\nSamtalet följs av frågor från publiken. Kaffe från 17.30.',
        imageAlt: 'En abstrakt illustration: en gul sol över ett mörkblått fält',
      },
    },
    countries: ['BY', 'RU', 'UA'],
    topicIds: topics.map((x) => x.id),
    people: [
      { personId: speaker.id, role: 'speaker' },
      { personId: panellist.id, role: 'panellist' },
      { personId: moderator.id, role: 'moderator' },
      { personId: host.id, role: 'host' },
    ],
    partnerIds: partners.map((p) => p.id),
  });
  await makeNotice(db, rich.id, {
    en: 'The panel now starts at 18:00, half an hour later than announced.',
    sv: 'Panelen börjar nu 18.00, en halvtimme senare än utlyst.',
  });
  await makeDocument(db, mediaRoot, rich.id, { en: 'Programme and speaker biographies', sv: 'Program och talarpresentationer' });

  // English only: Swedish visitors see it with lang="en".
  await makeEvent(db, {
    slug: fixture.englishOnly,
    type: 'seminar',
    startsAt: at(now + 20 * DAY),
    online: true,
    texts: { en: { title: fixture.titles.englishOnly, summary: 'Hands-on advice on securing phones and accounts before travelling.' } },
    topicIds: [topics[2]!.id],
  });

  await makeEvent(db, {
    slug: fixture.cancelled,
    type: 'screening',
    status: 'cancelled',
    startsAt: at(now + 5 * DAY),
    venueId: abf.id,
    imageId: image.id,
    texts: {
      en: { title: fixture.titles.cancelled.en, summary: 'A documentary about a family waiting for news from a prison camp.', imageAlt: 'Film still' },
      sv: {
        title: fixture.titles.cancelled.sv,
        summary: 'En dokumentär om en familj som väntar på besked från ett fångläger.',
        imageAlt: 'Stillbild ur filmen',
      },
    },
    countries: ['BY'],
  });

  // Streaming right now: the home page shows it under "live".
  await makeEvent(db, {
    slug: fixture.liveNow,
    type: 'discussion',
    startsAt: at(now - 30 * 60_000),
    endsAt: at(now + 90 * 60_000),
    online: true,
    liveStreamUrl: 'https://live.example.org/stream/open-hearing',
    texts: { en: { title: 'Open hearing on political prisoners' }, sv: { title: 'Öppen utfrågning om politiska fångar' } },
  });

  // The archive: a busy year of seminars (more than a page) and a quieter year of other types.
  for (let i = 0; i < fixture.busyYearSeminars; i++) {
    const start = Date.UTC(fixture.busyYear, 1 + (i % 10), 3 + i, 7, 30);
    await makeEvent(db, {
      slug: `breakfast-${fixture.busyYear}-${i + 1}`,
      type: 'seminar',
      seriesId: series.id,
      startsAt: at(start),
      endsAt: at(start + 90 * 60_000),
      venueId: venue.id,
      imageId: i % 4 === 0 ? image.id : null,
      recordingUrl: i % 5 === 0 ? `https://video.example.org/watch/breakfast-${i + 1}` : null,
      texts: {
        en: {
          title: `Breakfast seminar ${i + 1}: defenders in ${['Belarus', 'Azerbaijan', 'Georgia', 'Russia'][i % 4]}`,
          summary: 'Morning talk with coffee.',
        },
        ...(i % 3 === 0
          ? {}
          : {
              sv: {
                title: `Frukostseminarium ${i + 1}: försvarare i ${['Belarus', 'Azerbajdzjan', 'Georgien', 'Ryssland'][i % 4]}`,
                summary: 'Morgonsamtal med kaffe.',
              },
            }),
      },
      countries: [['BY', 'AZ', 'GE', 'RU'][i % 4]!],
      topicIds: [topics[i % 3]!.id],
      people: [{ personId: speaker.id, role: 'speaker' }],
    });
  }
  const quiet: { type: 'panel' | 'screening' | 'conference' | 'seminar'; month: number }[] = [
    { type: 'conference', month: 4 },
    { type: 'screening', month: 6 },
    { type: 'panel', month: 8 },
    { type: 'seminar', month: 9 },
  ];
  for (const [i, q] of quiet.entries()) {
    const start = Date.UTC(fixture.quietYear, q.month, 12, 16);
    await makeEvent(db, {
      slug: `archive-${fixture.quietYear}-${q.type}`,
      type: q.type,
      startsAt: at(start),
      endsAt: at(start + 2 * 3_600_000),
      venueId: venue.id,
      recordingUrl: i % 2 === 0 ? `https://video.example.org/watch/archive-${i}` : null,
      texts: {
        en: { title: `Archive ${q.type} of ${fixture.quietYear}`, summary: 'From the archive.' },
        sv: { title: `Arkiv: ${q.type} ${fixture.quietYear}`, summary: 'Ur arkivet.' },
      },
      countries: ['UA'],
      topicIds: [topics[1]!.id],
    });
  }
  // A draft and a hidden event exist too; no public page may show them.
  await makeEvent(db, { slug: 'draft-event', status: 'draft', texts: { en: { title: 'DRAFT-MARKER' } } });
  await makeEvent(db, { slug: 'hidden-event', hidden: true, texts: { en: { title: 'HIDDEN-MARKER' } } });
}

/** Only past events: the upcoming list and the home page show their empty states. */
export async function seedArchiveOnly(db: Db): Promise<void> {
  const start = Date.UTC(thisYear - 1, 5, 10, 16);
  await makeEvent(db, { slug: 'only-past', startsAt: at(start), texts: { en: { title: 'A past seminar' }, sv: { title: 'Ett tidigare seminarium' } } });
}
