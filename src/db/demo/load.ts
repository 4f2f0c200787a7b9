import type { SecretBox } from '../../security/secret-box.js';
import type { Db } from '../database.js';
import { makeDocument, makeEvent, makeImage, makeNotice, makePartner, makePerson, makeSeries, makeTopic, makeVenue } from '../factories.js';
import { daysFromNowAt, zonedTimeToUtc } from './dates.js';
import { IMAGE_CREDIT, images, type ImageName } from './images.js';
import { past2009to2012 } from './past-2009-2012-data.js';
import { past2013to2015 } from './past-2013-2015-data.js';
import { partners, people, series, topics, venues, type PartnerSlug, type PersonSlug, type SeriesSlug, type TopicSlug, type VenueSlug } from './people-data.js';
import { loadDemoRegistration } from './registrations.js';
import { loadDemoAward } from './award-data.js';
import { loadDemoBootcamp } from './bootcamp-data.js';
import { conferenceOpenSessions, loadDemoConference } from './conference.js';
import type { DemoEvent, DemoWhen } from './types.js';
import { upcoming } from './upcoming-data.js';

export { DEMO_SLUGS } from './upcoming-data.js';

/** Every demo event: past ones on fixed dates, upcoming ones relative to the day of loading. */
export const demoEvents: readonly DemoEvent[] = [...past2009to2012, ...past2013to2015, ...upcoming, ...conferenceOpenSessions];

const DEFAULT_ZONE = 'Europe/Stockholm';

function instants(when: DemoWhen, timeZone: string, now: Date): { startsAt: string; endsAt: string } {
  if ('date' in when) {
    return {
      startsAt: zonedTimeToUtc(`${when.date}T${when.start}`, timeZone).toISOString(),
      endsAt: zonedTimeToUtc(`${when.endDate ?? when.date}T${when.end}`, timeZone).toISOString(),
    };
  }
  return {
    startsAt: daysFromNowAt(now, when.inDays, when.start, timeZone).toISOString(),
    endsAt: daysFromNowAt(now, when.endInDays ?? when.inDays, when.end, timeZone).toISOString(),
  };
}

/** Looks a slug up in a map built while loading; a missing one is a bug in the demo data. */
function idOf<K extends string>(map: Map<K, number>, key: K): number {
  const id = map.get(key);
  if (id === undefined) throw new Error(`demo data refers to unknown ${key}`);
  return id;
}

/**
 * Loads the demo programme into an empty database, in one transaction, through the named
 * factories only; returns what it loaded, or undefined when there were events already.
 * `now` fixes "today" for the upcoming events (tests); it defaults to the real time.
 * `box` (the app's master key) seals the invented registrants of the events with
 * registration open; without it those events get their settings but no registrants.
 */
export async function loadDemoIfEmpty(db: Db, mediaRoot: string, now: Date = new Date(), box?: SecretBox): Promise<{ events: number } | undefined> {
  const existing = await db.selectFrom('events').select('id').limit(1).executeTakeFirst();
  if (existing) return undefined;

  return db.transaction().execute(async (trx) => {
    const seriesIds = new Map<SeriesSlug, number>();
    for (const [slug, names] of Object.entries(series) as [SeriesSlug, (typeof series)[SeriesSlug]][]) {
      seriesIds.set(slug, (await makeSeries(trx, { slug, names })).id);
    }
    const venueIds = new Map<VenueSlug, number>();
    for (const [slug, v] of Object.entries(venues) as [VenueSlug, (typeof venues)[VenueSlug]][]) {
      venueIds.set(slug, (await makeVenue(trx, { slug, ...v })).id);
    }
    const topicIds = new Map<TopicSlug, number>();
    for (const [slug, names] of Object.entries(topics) as [TopicSlug, (typeof topics)[TopicSlug]][]) {
      topicIds.set(slug, (await makeTopic(trx, { slug, names })).id);
    }
    const partnerIds = new Map<PartnerSlug, number>();
    for (const [slug, p] of Object.entries(partners) as [PartnerSlug, (typeof partners)[PartnerSlug]][]) {
      partnerIds.set(slug, (await makePartner(trx, { slug, name: p.name })).id);
    }
    const personIds = new Map<PersonSlug, number>();
    for (const [slug, p] of Object.entries(people) as [PersonSlug, (typeof people)[PersonSlug]][]) {
      personIds.set(slug, (await makePerson(trx, { slug, name: p.name, affiliation: { en: p.en, sv: p.sv } })).id);
    }
    const imageIds = new Map<ImageName, number>();
    for (const name of new Set(demoEvents.flatMap((e) => (e.image ? [e.image] : [])))) {
      imageIds.set(name, (await makeImage(trx, mediaRoot, { svg: images[name].svg() })).id);
    }

    for (const e of demoEvents) {
      const timeZone = e.timeZone ?? DEFAULT_ZONE;
      const { startsAt, endsAt } = instants(e.when, timeZone, now);
      const image = e.image ? images[e.image] : undefined;
      const alt = (locale: 'en' | 'sv') => (image ? { imageAlt: image[locale] } : {});
      const { sv } = e.texts;
      const { id } = await makeEvent(trx, {
        slug: e.slug,
        type: e.type,
        status: e.status ?? 'published',
        hidden: e.hidden ?? false,
        startsAt,
        endsAt,
        timeZone,
        seriesId: e.series ? idOf(seriesIds, e.series) : null,
        venueId: e.venue ? idOf(venueIds, e.venue) : null,
        online: e.online ?? false,
        imageId: e.image ? idOf(imageIds, e.image) : null,
        imageCredit: image ? IMAGE_CREDIT : null,
        liveStreamUrl: e.liveStreamUrl ?? null,
        recordingUrl: e.recordingUrl ?? null,
        texts: { en: { ...e.texts.en, ...alt('en') }, ...(sv ? { sv: { ...sv, ...alt('sv') } } : {}) },
        countries: e.countries ?? [],
        topicIds: (e.topics ?? []).map((t) => idOf(topicIds, t)),
        people: (e.people ?? []).map(([person, role]) => ({ personId: idOf(personIds, person), role })),
        partnerIds: (e.partners ?? []).map((p) => idOf(partnerIds, p)),
      });
      if (e.notice) {
        const posted = e.notice.daysBefore === undefined ? now : new Date(new Date(startsAt).getTime() - e.notice.daysBefore * 86_400_000);
        await makeNotice(trx, id, { en: e.notice.en, sv: e.notice.sv }, posted.toISOString());
      }
      if (e.document) await makeDocument(trx, mediaRoot, id, { en: e.document.en, sv: e.document.sv });
      if (e.registration) await loadDemoRegistration(trx, id, e.registration, box, now);
    }
    await loadDemoAward(trx, mediaRoot);
    await loadDemoConference(trx, now);
    await loadDemoBootcamp(trx, now);
    return { events: demoEvents.length };
  });
}
