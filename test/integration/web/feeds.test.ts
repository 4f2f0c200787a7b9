import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { fixedClock } from '../../../src/core/shared/clock.js';
import type { Db } from '../../../src/db/database.js';
import { makeEvent, makeImage, makeTopic, makeVenue } from '../../../src/db/factories.js';
import { testDialects } from '../../support/db.js';
import { testApp, type TestApp } from '../../support/app.js';
import { decodeHtml, findAll, jsonLdBlocks, localLinks, parseXml } from './markup.js';

const NOW = '2026-06-01T10:00:00.000Z';
const ORIGIN = 'http://events.test';

/** Public events: what every feed must carry, with their UTC times. */
const publicEvents = {
  stockholm: {
    slug: 'feed-stockholm',
    title: 'Stockholm seminar: rights & <wrongs> ]]> more ]]> end',
    sv: 'Seminarium i Stockholm',
    startsAt: '2026-06-10T15:00:00.000Z',
    endsAt: '2026-06-10T17:00:00.000Z',
    timeZone: 'Europe/Stockholm',
  },
  nairobi: {
    slug: 'feed-nairobi',
    title: 'Nairobi workshop days',
    sv: undefined,
    startsAt: '2026-07-01T06:30:00.000Z',
    endsAt: '2026-07-02T14:00:00.000Z',
    timeZone: 'Africa/Nairobi',
  },
  winter: {
    slug: 'feed-winter',
    title: 'Winter breakfast',
    sv: 'Vinterfrukost',
    startsAt: '2026-12-03T07:00:00.000Z',
    endsAt: '2026-12-03T08:30:00.000Z',
    timeZone: 'Europe/Stockholm',
  },
  recent: {
    slug: 'feed-recent-past',
    title: 'Recent past screening',
    sv: undefined,
    startsAt: '2026-03-05T17:00:00.000Z',
    endsAt: '2026-03-05T19:00:00.000Z',
    timeZone: 'America/Bogota',
  },
  cancelled: {
    slug: 'feed-cancelled-visible',
    title: 'Cancelled but still listed',
    sv: 'Inställt men listat',
    startsAt: '2026-06-20T12:00:00.000Z',
    endsAt: '2026-06-20T13:00:00.000Z',
    timeZone: 'Europe/Stockholm',
  },
} as const;

/** Never on any public surface: a marker in every text, slug, topic and credit. */
const MARKERS = ['mrk-draft-7f3a', 'mrk-hidden-c91e', 'mrk-hiddenpub-4b2d', 'mrk-pastdraft-e08c', 'mrk-topic-55aa'];
const hiddenSlugs = ['mrk-draft-7f3a', 'mrk-hidden-c91e', 'mrk-hiddenpub-4b2d', 'mrk-pastdraft-e08c'];

async function seed(t: Db, mediaRoot: string) {
  const venue = await makeVenue(t, { name: 'Folkets hus', city: 'Stockholm' });
  for (const [key, e] of Object.entries(publicEvents)) {
    await makeEvent(t, {
      slug: e.slug,
      status: key === 'cancelled' ? 'cancelled' : 'published',
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      timeZone: e.timeZone,
      venueId: key === 'stockholm' ? venue.id : null,
      online: key === 'nairobi',
      countries: ['SE'],
      texts: e.sv
        ? { en: { title: e.title, summary: `About ${e.slug}` }, sv: { title: e.sv, summary: `Om ${e.slug}` } }
        : { en: { title: e.title, summary: `About ${e.slug}` } },
    });
  }
  const secretTopic = await makeTopic(t, { slug: 'mrk-topic-55aa', names: { en: 'mrk-topic-55aa name', sv: 'mrk-topic-55aa namn' } });
  const image = await makeImage(t, mediaRoot);
  const secret = (marker: string) => ({
    texts: {
      en: { title: `${marker} title`, summary: `${marker} summary`, body: `${marker} body`, imageAlt: `${marker} alt` },
      sv: { title: `${marker} titel`, summary: `${marker} sammanfattning`, body: `${marker} text` },
    },
    slug: marker,
    imageId: image.id,
    imageCredit: `${marker} credit`,
    liveStreamUrl: `https://stream.example/${marker}`,
    recordingUrl: `https://video.example/${marker}`,
    countries: ['KP'],
    topicIds: [secretTopic.id],
    type: 'open-call' as const,
  });
  await makeEvent(t, { ...secret('mrk-draft-7f3a'), status: 'draft', startsAt: '2026-06-12T10:00:00.000Z' });
  await makeEvent(t, { ...secret('mrk-hidden-c91e'), status: 'cancelled', hidden: true, startsAt: '2026-06-13T10:00:00.000Z' });
  await makeEvent(t, { ...secret('mrk-hiddenpub-4b2d'), status: 'published', hidden: true, startsAt: '2026-05-01T10:00:00.000Z' });
  await makeEvent(t, { ...secret('mrk-pastdraft-e08c'), status: 'draft', startsAt: '2025-11-01T10:00:00.000Z' });
}

function vevents(text: string) {
  const cal = new ICAL.Component(ICAL.parse(text) as unknown[]);
  assert.equal(cal.name, 'vcalendar');
  return cal.getAllSubcomponents('vevent').map((v) => {
    const ev = new ICAL.Event(v);
    return {
      uid: ev.uid,
      summary: ev.summary,
      start: ev.startDate.toJSDate().toISOString(),
      end: ev.endDate.toJSDate().toISOString(),
      url: String(v.getFirstPropertyValue('url')),
      status: String(v.getFirstPropertyValue('status')),
    };
  });
}

for (const dialect of testDialects()) {
  describe(`feeds and public surfaces (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp({ dialect, clock: fixedClock(NOW), seed });
    });
    after(async () => {
      await t.close();
    });
    const get = (url: string) => t.app.inject({ method: 'GET', url });

    it('/events.ics parses and has every public event with its UTC start and end', async () => {
      const res = await get('/events.ics');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/calendar/);
      const events = vevents(res.body);
      assert.equal(events.length, Object.keys(publicEvents).length);
      for (const e of Object.values(publicEvents)) {
        const found = events.find((x) => x.url === `${ORIGIN}/events/${e.slug}`);
        assert.ok(found, `${e.slug} missing from /events.ics`);
        assert.equal(found.summary, e.title);
        assert.equal(found.start, e.startsAt, `${e.slug} start`);
        assert.equal(found.end, e.endsAt, `${e.slug} end`);
        assert.match(found.uid, /^event-\d+@events\.test$/);
      }
      assert.equal(new Set(events.map((e) => e.uid)).size, events.length, 'UIDs are unique');
    });

    it('a cancelled (not hidden) event is in the calendar with STATUS:CANCELLED; the others are CONFIRMED', async () => {
      const events = vevents((await get('/events.ics')).body);
      for (const e of events) {
        assert.equal(e.status, e.url.endsWith(publicEvents.cancelled.slug) ? 'CANCELLED' : 'CONFIRMED', e.url);
      }
    });

    it('/sv/events.ics uses Swedish titles where they exist and Swedish URLs', async () => {
      const events = vevents((await get('/sv/events.ics')).body);
      const sto = events.find((e) => e.url === `${ORIGIN}/sv/events/${publicEvents.stockholm.slug}`);
      assert.equal(sto?.summary, publicEvents.stockholm.sv);
      const nbo = events.find((e) => e.url === `${ORIGIN}/sv/events/${publicEvents.nairobi.slug}`);
      assert.equal(nbo?.summary, publicEvents.nairobi.title);
      assert.equal(events.length, Object.keys(publicEvents).length);
    });

    it('/events/{slug}.ics parses: one event, the same UID as in the feed', async () => {
      const feed = vevents((await get('/events.ics')).body);
      for (const path of ['', '/sv']) {
        for (const e of Object.values(publicEvents)) {
          const res = await get(`${path}/events/${e.slug}.ics`);
          assert.equal(res.statusCode, 200, `${path}/events/${e.slug}.ics`);
          assert.match(String(res.headers['content-type']), /^text\/calendar/);
          const [one, ...rest] = vevents(res.body);
          assert.equal(rest.length, 0);
          assert.equal(one?.start, e.startsAt);
          assert.equal(one?.end, e.endsAt);
          assert.equal(one?.uid, feed.find((x) => x.url.endsWith(`/events/${e.slug}`))?.uid);
        }
      }
    });

    it('/events.atom is well-formed Atom with an entry per public event, titles as escaped text', async () => {
      for (const [path, lang] of [
        ['', 'en'],
        ['/sv', 'sv'],
      ] as const) {
        const res = await get(`${path}/events.atom`);
        assert.equal(res.statusCode, 200);
        assert.match(String(res.headers['content-type']), /^application\/atom\+xml/);
        const feed = parseXml(res.body);
        assert.equal(feed.name, 'feed');
        assert.equal(feed.attrs.xmlns, 'http://www.w3.org/2005/Atom');
        const entries = findAll(feed, 'entry');
        assert.equal(entries.length, Object.keys(publicEvents).length);
        for (const e of Object.values(publicEvents)) {
          const url = `${ORIGIN}${path}/events/${e.slug}`;
          const entry = entries.find((x) => findAll(x, 'id')[0]?.text === url);
          assert.ok(entry, `${url} missing from ${path}/events.atom`);
          const title = findAll(entry, 'title')[0];
          assert.ok(title);
          const expected = lang === 'sv' && e.sv ? e.sv : e.title;
          // type="html" means readers parse the text as HTML: plain text must arrive escaped.
          if (title.attrs.type === 'html') assert.equal(decodeHtml(title.text), expected, 'title as a reader shows it');
          else assert.equal(title.text, expected);
          assert.doesNotMatch(title.attrs.type === 'html' ? title.text : '', /</, 'no markup in an HTML title');
          assert.equal(findAll(entry, 'link')[0]?.attrs.href, url);
        }
      }
    });

    it('/sitemap.xml lists every public event page in both languages and nothing else of events', async () => {
      const res = await get('/sitemap.xml');
      assert.equal(res.statusCode, 200);
      const urlset = parseXml(res.body);
      assert.equal(urlset.name, 'urlset');
      const locs = findAll(urlset, 'loc').map((l) => l.text);
      for (const e of Object.values(publicEvents)) {
        assert.ok(locs.includes(`${ORIGIN}/events/${e.slug}`), `${e.slug} (en) in sitemap`);
        assert.ok(locs.includes(`${ORIGIN}/sv/events/${e.slug}`), `${e.slug} (sv) in sitemap`);
      }
      for (const l of ['/', '/sv', '/events', '/sv/events', '/events/past', '/sv/events/past']) assert.ok(locs.includes(ORIGIN + l), `${l} in sitemap`);
      const eventLocs = locs.filter((l) => /\/events\/(?!past$)[^/]+$/.test(l));
      assert.equal(eventLocs.length, Object.keys(publicEvents).length * 2);
      for (const l of locs) {
        assert.ok(l.startsWith(ORIGIN + '/'), l);
        const page = await get(l.slice(ORIGIN.length));
        assert.equal(page.statusCode, 200, `sitemap entry ${l} answers`);
      }
    });

    it('/robots.txt points at the sitemap and keeps crawlers out of the closed parts', async () => {
      const res = await get('/robots.txt');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain/);
      const lines = res.body.split('\n');
      assert.ok(lines.includes('User-agent: *'));
      for (const p of ['/admin', '/portal', '/api']) assert.ok(lines.includes(`Disallow: ${p}`), p);
      assert.ok(lines.includes(`Sitemap: ${ORIGIN}/sitemap.xml`));
      assert.ok(!lines.includes('Disallow: /'), 'public pages stay crawlable');
    });

    it('drafts and hidden events answer 404 at their own addresses, in every language and format', async () => {
      for (const slug of hiddenSlugs) {
        for (const url of [`/events/${slug}`, `/sv/events/${slug}`, `/events/${slug}.ics`, `/sv/events/${slug}.ics`]) {
          const res = await get(url);
          assert.equal(res.statusCode, 404, url);
          for (const m of MARKERS) assert.ok(!res.body.toLowerCase().includes(m), `${m} in 404 for ${url}`);
        }
      }
    });

    it('drafts and hidden events appear on no page, feed, sitemap or JSON-LD (crawl of every public URL)', async () => {
      const slugs = Object.values(publicEvents).map((e) => e.slug);
      const start = new Set<string>(['/', '/sitemap.xml', '/robots.txt']);
      for (const r of t.routes) {
        if (r.method !== 'GET' || r.permission !== 'public' || r.url.includes('/media/') || r.url.includes('/assets/')) continue;
        if (r.url.includes(':slug')) for (const s of slugs) start.add(r.url.replace(':slug', s));
        else if (!r.url.includes(':')) start.add(r.url);
      }
      for (const q of ['?type=open-call', '?country=KP', '?topic=mrk-topic-55aa', '?q=mrk', '?year=2025', '?year=2026']) {
        start.add(`/events/past${q}`);
        start.add(`/sv/events/past${q}`);
      }
      const queue = [...start];
      const seen = new Set(queue);
      let jsonLdSeen = 0;
      while (queue.length) {
        const url = queue.shift() as string;
        const res = await get(url);
        assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
        // A visitor's own query may be echoed (escaped) in the page; everything else must be free of markers.
        let body = res.body.toLowerCase();
        for (const v of new URLSearchParams(url.split('?')[1] ?? '').values()) body = body.replaceAll(v.toLowerCase(), '');
        for (const m of MARKERS) assert.ok(!body.includes(m), `${m} found on ${url}`);
        for (const slug of hiddenSlugs) assert.ok(!body.includes(slug), `${slug} found on ${url}`);
        if (/^text\/html/.test(String(res.headers['content-type']))) {
          const blocks = jsonLdBlocks(res.body);
          jsonLdSeen += blocks.length;
          for (const b of blocks) for (const m of MARKERS) assert.ok(!JSON.stringify(b).toLowerCase().includes(m), `${m} in JSON-LD of ${url}`);
          for (const link of localLinks(res.body, ORIGIN)) {
            if (link.startsWith('/media/') || link.startsWith('/assets/') || seen.has(link) || seen.size > 400) continue;
            seen.add(link);
            queue.push(link);
          }
        }
      }
      assert.ok(seen.size > 40, `crawled ${seen.size} URLs`);
      // The archive's filter choices come from public events only.
      const past = (await get('/events/past')).body;
      assert.doesNotMatch(past, /value="KP"|value="open-call"|value="mrk-/);
      assert.match(past, /value="SE"/);
      assert.ok(jsonLdSeen >= slugs.length * 2, 'event pages with JSON-LD were crawled');
      // The secret events' image is not served either (it belongs to no public event).
      const keys = await t.database.db.selectFrom('media').select('key').execute();
      for (const { key } of keys) assert.equal((await get(`/media/${key}/400.webp`)).statusCode, 404);
    });
  });
}
