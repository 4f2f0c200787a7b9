import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../../src/core/shared/clock.js';
import type { Db } from '../../../src/db/database.js';
import { makeDocument, makeEvent, makeImage, makeNotice, makePartner, makePerson, makeTopic, makeVenue } from '../../../src/db/factories.js';
import { testDialects } from '../../support/db.js';
import { testApp, type TestApp } from '../../support/app.js';
import { foreignLoads, htmlTags, jsonLdBlocks } from './markup.js';

const NOW = '2026-06-01T10:00:00.000Z';

/** The slugs of the event cards on a list page, in order. */
const cardSlugs = (html: string): string[] => [...html.matchAll(/class="card-title"[^>]*><a href="(?:\/sv)?\/events\/([^"?]+)"/g)].map((m) => m[1] ?? '');
const htmlLang = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

/** The archive: only past events (plus an upcoming draft and hidden event, which must not count). */
async function seedArchive(db: Db) {
  for (let i = 1; i <= 25; i++) {
    const day = String(i).padStart(2, '0');
    await makeEvent(db, {
      slug: `bulk-${day}`,
      type: 'breakfast-seminar',
      startsAt: `2019-03-${day}T07:00:00.000Z`,
      texts: { en: { title: `Bulk breakfast ${day}` } },
    });
  }
  const press = await makeTopic(db, { slug: 'press-freedom', names: { en: 'Press freedom', sv: 'Pressfrihet' } });
  const digital = await makeTopic(db, { slug: 'digital-security', names: { en: 'Digital security' } });
  await makeEvent(db, {
    slug: 'f-panel',
    type: 'panel',
    countries: ['SE'],
    topicIds: [press.id],
    startsAt: '2022-05-10T12:00:00.000Z',
    texts: { en: { title: 'Press freedom panel' } },
  });
  await makeEvent(db, {
    slug: 'f-screening',
    type: 'screening',
    countries: ['UA'],
    topicIds: [digital.id],
    startsAt: '2023-09-01T16:00:00.000Z',
    texts: { en: { title: 'Screening: 50% of defenders', summary: 'A film about a_b testing' } },
  });
  await makeEvent(db, {
    slug: 'f-discussion',
    type: 'discussion',
    countries: ['SE', 'BY'],
    topicIds: [digital.id],
    startsAt: '2024-02-02T17:00:00.000Z',
    texts: { en: { title: '500 voices', summary: 'axb' } },
  });
  await makeEvent(db, {
    slug: 'f-draft-panel',
    type: 'panel',
    status: 'draft',
    countries: ['SE'],
    topicIds: [press.id],
    startsAt: '2022-06-10T12:00:00.000Z',
    texts: { en: { title: 'Draft panel 50%' } },
  });
  await makeEvent(db, {
    slug: 'f-hidden',
    type: 'panel',
    status: 'published',
    hidden: true,
    startsAt: '2022-07-10T12:00:00.000Z',
    texts: { en: { title: 'Hidden panel' } },
  });
  await makeEvent(db, { slug: 'up-draft', status: 'draft', startsAt: '2026-07-01T10:00:00.000Z' });
  await makeEvent(db, { slug: 'up-hidden', status: 'cancelled', hidden: true, startsAt: '2026-07-02T10:00:00.000Z' });
}

const STREAM = 'https://stream.example.org/live/1?a=1&b=2';
const RECORDING = 'https://video.example.com/watch?v=abc';

async function seedEvents(db: Db, mediaRoot: string) {
  const venue = await makeVenue(db, { name: 'Kulturhuset', address: 'Sergels torg 3', city: 'Stockholm', countryCode: 'SE' });
  const image = await makeImage(db, mediaRoot);
  const person = await makePerson(db, { name: 'Ana Speaker', affiliation: { en: 'Free Press Org' } });
  const partner = await makePartner(db, { name: 'Partner Org', url: 'https://partner.example.net/' });
  await makeEvent(db, { slug: 'only-en', startsAt: '2026-06-10T15:00:00.000Z', texts: { en: { title: 'English only title', summary: 'English summary' } } });
  const media = await makeEvent(db, {
    slug: 'with-media',
    startsAt: '2026-06-12T13:00:00.000Z',
    endsAt: '2026-06-12T15:30:00.000Z',
    venueId: venue.id,
    online: true,
    imageId: image.id,
    imageCredit: 'Photographer',
    liveStreamUrl: STREAM,
    recordingUrl: RECORDING,
    people: [{ personId: person.id, role: 'speaker' }],
    partnerIds: [partner.id],
    texts: {
      en: { title: 'Streamed seminar', summary: 'Watch it', body: 'First paragraph.\n\nSecond paragraph.', imageAlt: 'A circle' },
      sv: { title: 'Sänt seminarium', summary: 'Se det' },
    },
  });
  await makeDocument(db, mediaRoot, media.id, { en: 'Programme' });
  await makeNotice(db, media.id, { en: 'Moved to room B' });
  await makeEvent(db, { slug: 'cancelled-one', status: 'cancelled', startsAt: '2026-06-15T15:00:00.000Z', texts: { en: { title: 'Cancelled seminar' } } });
  await makeEvent(db, {
    slug: 'live-now',
    startsAt: '2026-06-01T09:00:00.000Z',
    endsAt: '2026-06-01T12:00:00.000Z',
    liveStreamUrl: STREAM,
    texts: { en: { title: 'Streaming right now' } },
  });
  await makeEvent(db, {
    slug: 'past-recorded',
    startsAt: '2025-05-01T15:00:00.000Z',
    recordingUrl: RECORDING,
    imageId: image.id,
    texts: { en: { title: 'Recorded last year' } },
  });
}

for (const dialect of testDialects()) {
  describe(`public pages: empty upcoming list and the archive (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp({ dialect, clock: fixedClock(NOW), seed: seedArchive });
    });
    after(async () => {
      await t.close();
    });
    const get = (url: string) => t.app.inject({ method: 'GET', url });

    it('/events with no upcoming public events shows the empty state', async () => {
      const res = await get('/events');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<p>No upcoming events at present\.<\/p>/);
      assert.deepEqual(cardSlugs(res.body), []);
    });

    it('/sv/events shows the empty state in Swedish', async () => {
      const res = await get('/sv/events');
      assert.equal(res.statusCode, 200);
      assert.equal(htmlLang(res.body), 'sv');
      assert.match(res.body, /<p>Just nu finns inga kommande evenemang\.<\/p>/);
    });

    it('an unknown slug is a 404 page in the visitor’s language', async () => {
      const sv = await get('/sv/events/nope');
      assert.equal(sv.statusCode, 404);
      assert.equal(htmlLang(sv.body), 'sv');
      assert.match(sv.body, /Sidan finns inte/);
      const en = await get('/events/nope');
      assert.equal(en.statusCode, 404);
      assert.equal(htmlLang(en.body), 'en');
      assert.match(en.body, /Page not found/);
      const noRoute = await get('/sv/no/such/page');
      assert.equal(noRoute.statusCode, 404);
      assert.equal(htmlLang(noRoute.body), 'sv');
      const bad = await get('/sv/events/past?year=abc');
      assert.equal(bad.statusCode, 400);
      assert.equal(htmlLang(bad.body), 'sv');
    });

    const xss = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const badInputs = [
      '/events?year=abc',
      '/events/past?year=abc',
      '/events?page=-1',
      '/events/past?page=-1',
      '/events?page=999999999999',
      '/videos?page=999999999999',
      '/events/past?page=0',
      '/events/past?page=1.5',
      `/events/past?type=${encodeURIComponent('<script>alert(1)</script>')}`,
      '/events/past?type=<script>alert(1)</script>',
      '/events/past?country=xx',
      '/events/past?country=SE&country=NO',
      '/events?page=1&page=2',
      '/events/past?type=panel&type=seminar',
      '/events/past?q=a&q=b',
      '/events/past?year=2022&year=2023',
      `/events/past?q=${'a'.repeat(10 * 1024)}`,
      `/events?x=${'b'.repeat(10 * 1024)}`,
      `/events/past?${'k=v&'.repeat(2600)}`,
      `/events/${'s'.repeat(150)}`,
      `/events/${'s'.repeat(1000)}`,
      `/events/${'s'.repeat(1000)}.ics`,
      '/events/%E0%A4%A',
      '/sv/events/%E0%A4%A',
      '/events/past?q=%E0%A4%A',
      '/events/%ff%fe',
      '/%',
      '/events/past?%=%',
      '/events/%00',
      '/events/a%00b',
      '/events/a%00b.ics',
      '/events/past?q=%00',
      '/events/past?q=a%00b',
      '/events/past?topic=%00',
      '/events/past?q=%ED%A0%80',
      '/events/past?q[]=1',
      '/events/past?q[a]=1',
      '/events/..%2f..%2fetc%2fpasswd',
      `/events/past?q=${encodeURIComponent(xss)}`,
      `/events/past?q=${xss}`,
      `/events?${xss}`,
      `/sv/events/past?topic=${encodeURIComponent(xss)}`,
      `/events/${encodeURIComponent(xss)}`,
      `/events/past?q=${encodeURIComponent("' OR 1=1 --")}`,
      `/events/past?q=${encodeURIComponent('{{7*7}} ${7*7} <%= 7*7 %>')}`,
    ];

    it('bad input never gives a 5xx, and is answered 400, 404 or ignored', async () => {
      for (const url of badInputs) {
        const res = await get(url);
        assert.ok([200, 400, 404].includes(res.statusCode), `${res.statusCode} for ${url.slice(0, 120)}`);
        assert.match(String(res.headers['content-type']), /^text\/(html|calendar)/, url.slice(0, 120));
      }
    });

    it('bad input is never reflected unescaped', async () => {
      for (const url of badInputs) {
        const res = await get(url);
        const tags = htmlTags(res.body);
        const scripts = tags.filter((x) => x.name === 'script' && x.attrs.type !== 'application/ld+json');
        assert.deepEqual(scripts, [], `script element injected by ${url.slice(0, 120)}`);
        const handlers = tags.flatMap((x) => Object.keys(x.attrs).filter((a) => a.startsWith('on')));
        assert.deepEqual(handlers, [], `event handler attribute injected by ${url.slice(0, 120)}`);
        assert.ok(!tags.some((x) => x.name === 'img' && x.attrs.src === 'x'), `img injected by ${url.slice(0, 120)}`);
        assert.ok(!res.body.includes('\u0000'), 'no NUL in output');
      }
    });

    it('a hostile search round-trips as plain text in the search field, never evaluated', async () => {
      for (const q of [xss, '{{7*7}} ${7*7} <%= 7*7 %>', "' OR 1=1 --", 'Ünïcödé ✓ 𝄞 \u202e']) {
        const res = await get(`/events/past?q=${encodeURIComponent(q)}`);
        assert.equal(res.statusCode, 200);
        const input = htmlTags(res.body).find((x) => x.name === 'input' && x.attrs.id === 'q');
        assert.equal(input?.attrs.value, q);
        assert.ok(!res.body.includes('>49<'));
      }
    });

    it('past events: the unfiltered archive has every public past event, newest first, 20 a page', async () => {
      const p1 = cardSlugs((await get('/events/past')).body);
      assert.equal(p1.length, 20);
      assert.deepEqual(p1.slice(0, 3), ['f-discussion', 'f-screening', 'f-panel']);
      const p2 = cardSlugs((await get('/events/past?page=2')).body);
      assert.equal(p2.length, 8);
      assert.ok(![...p1, ...p2].some((s) => s.startsWith('f-draft') || s === 'f-hidden' || s.startsWith('up-')));
      assert.equal(new Set([...p1, ...p2]).size, 28);
    });

    it('pagination: 25 past events of a type give 20 on page 1 and 5 on page 2', async () => {
      const p1 = await get('/events/past?type=breakfast-seminar');
      assert.equal(cardSlugs(p1.body).length, 20);
      assert.match(p1.body, /25 events/);
      assert.ok(htmlTags(p1.body).some((x) => x.name === 'a' && x.attrs.rel === 'next' && x.attrs.href === '/events/past?type=breakfast-seminar&page=2'));
      const p2 = await get('/events/past?type=breakfast-seminar&page=2');
      assert.deepEqual(cardSlugs(p2.body), ['bulk-05', 'bulk-04', 'bulk-03', 'bulk-02', 'bulk-01']);
      assert.match(p2.body, /rel="prev"/);
      assert.doesNotMatch(p2.body, /rel="next"/);
      assert.deepEqual(cardSlugs((await get('/events/past?type=breakfast-seminar&page=3')).body), []);
    });

    const filterCases: [string, string[]][] = [
      ['?type=panel', ['f-panel']],
      ['?type=screening', ['f-screening']],
      ['?type=conference', []],
      ['?country=SE', ['f-discussion', 'f-panel']],
      ['?country=BY', ['f-discussion']],
      ['?country=UA', ['f-screening']],
      ['?topic=digital-security', ['f-discussion', 'f-screening']],
      ['?topic=press-freedom', ['f-panel']],
      ['?topic=no-such-topic', []],
      ['?year=2023', ['f-screening']],
      ['?year=2022', ['f-panel']],
      ['?year=2030', []],
      ['?year=2024&country=SE&topic=digital-security&type=discussion', ['f-discussion']],
      ['?q=press', ['f-panel']],
      ['?q=PRESS%20FREEDOM', ['f-panel']],
      ['?q=%20%20press%20%20', ['f-panel']],
      ['?q=50%25', ['f-screening']],
      ['?q=%25', ['f-screening']],
      ['?q=a_b', ['f-screening']],
      ['?q=_', ['f-screening']],
      ['?q=%5C', []],
      ['?q=nothing-matches-this', []],
      ['?q=&type=', null as unknown as string[]],
    ];
    for (const [query, expected] of filterCases) {
      it(`past events filter ${query}`, async () => {
        for (const prefix of ['', '/sv']) {
          const res = await get(`${prefix}/events/past${query}`);
          assert.equal(res.statusCode, 200);
          const slugs = cardSlugs(res.body);
          if (expected === null) assert.equal(slugs.length, 20, 'empty parameters mean no filter');
          else assert.deepEqual(slugs, expected);
        }
      });
    }

    it('the year filter keeps the choice selected and titles the page', async () => {
      const res = await get('/events/past?year=2023');
      assert.match(res.body, /<h1>Events in 2023<\/h1>/);
      assert.match(res.body, /<option value="2023" selected>2023<\/option>/);
      const sv = await get('/sv/events/past?year=2023');
      assert.match(sv.body, /<h1>Evenemang 2023<\/h1>/);
    });
  });

  describe(`public pages: event pages, languages, JSON-LD, external media (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp({ dialect, clock: fixedClock(NOW), seed: seedEvents });
    });
    after(async () => {
      await t.close();
    });
    const get = (url: string) => t.app.inject({ method: 'GET', url });

    it('/events lists the upcoming public events in order, cancelled ones marked', async () => {
      const res = await get('/events');
      assert.deepEqual(cardSlugs(res.body), ['live-now', 'only-en', 'with-media', 'cancelled-one']);
      assert.match(res.body, /This event has been cancelled\./);
    });

    it('the Swedish page of an event with only English text marks the title lang="en"', async () => {
      const res = await get('/sv/events/only-en');
      assert.equal(res.statusCode, 200);
      assert.equal(htmlLang(res.body), 'sv');
      assert.match(res.body, /<h1 lang="en">English only title<\/h1>/);
      assert.match(res.body, /<p class="lead" lang="en">English summary<\/p>/);
      // Swedish interface text around it.
      assert.match(res.body, /<dt>När<\/dt>/);
      const list = await get('/sv/events');
      assert.match(list.body, /<h2 class="card-title" lang="en"><a href="\/sv\/events\/only-en">English only title<\/a><\/h2>/);
      // Where a translation exists, no lang attribute is needed.
      const translated = await get('/sv/events/with-media');
      assert.match(translated.body, /<h1>Sänt seminarium<\/h1>/);
      // The English page never marks English text.
      assert.match((await get('/events/only-en')).body, /<h1>English only title<\/h1>/);
    });

    it('JSON-LD on an event page parses and has the right dates and status', async () => {
      const cases = [
        ['/events/with-media', '2026-06-12T13:00:00.000Z', '2026-06-12T15:30:00.000Z', 'https://schema.org/EventScheduled', 'Streamed seminar'],
        ['/sv/events/with-media', '2026-06-12T13:00:00.000Z', '2026-06-12T15:30:00.000Z', 'https://schema.org/EventScheduled', 'Sänt seminarium'],
        ['/events/cancelled-one', '2026-06-15T15:00:00.000Z', '2026-06-15T16:00:00.000Z', 'https://schema.org/EventCancelled', 'Cancelled seminar'],
      ] as const;
      for (const [url, start, end, status, name] of cases) {
        const res = await get(url);
        const blocks = jsonLdBlocks(res.body) as Record<string, unknown>[];
        assert.equal(blocks.length, 1, url);
        const ld = blocks[0] ?? {};
        assert.equal(ld['@context'], 'https://schema.org');
        assert.equal(ld['@type'], 'Event');
        assert.equal(ld.startDate, start, url);
        assert.equal(ld.endDate, end, url);
        assert.equal(ld.eventStatus, status, url);
        assert.equal(ld.name, name);
        assert.equal(ld.url, `http://events.test${url}`);
      }
      const ld = jsonLdBlocks((await get('/events/with-media')).body)[0] as Record<string, unknown>;
      assert.equal(ld.eventAttendanceMode, 'https://schema.org/MixedEventAttendanceMode');
    });

    it('the cancelled event says so on its page', async () => {
      const res = await get('/events/cancelled-one');
      assert.match(res.body, /<p class="banner banner-alert">This event has been cancelled\.<\/p>/);
    });

    it('an event page shows its facts: local time, venue, speakers, documents, notices', async () => {
      const res = await get('/events/with-media');
      assert.match(res.body, /Friday, 12 June 2026 at 15:00–17:30/);
      assert.match(res.body, /Times are in Central European Summer Time\./);
      assert.match(res.body, /Kulturhuset, Sergels torg 3, Stockholm/);
      assert.match(res.body, /Ana Speaker/);
      assert.match(res.body, /Moved to room B/);
      assert.match(res.body, /href="\/media\/[\w-]+\/file"/);
      assert.match(res.body, /href="\/events\/with-media\.ics"/);
    });

    it('live streams and recordings appear only as links: nothing loads from another origin', async () => {
      const pages = [
        '/',
        '/sv',
        '/events',
        '/sv/events',
        '/events/past',
        '/videos',
        '/sv/videos',
        '/events/with-media',
        '/sv/events/with-media',
        '/events/live-now',
        '/events/past-recorded',
        '/events/only-en',
        '/events/nope',
      ];
      for (const url of pages) {
        const res = await get(url);
        assert.deepEqual(foreignLoads(res.body), [], `foreign loads on ${url}`);
        for (const tag of htmlTags(res.body)) {
          for (const [attr, value] of Object.entries(tag.attrs)) {
            if (/stream\.example\.org|video\.example\.com|partner\.example\.net/.test(value)) {
              assert.ok(tag.name === 'a' && attr === 'href', `<${tag.name} ${attr}="${value}"> on ${url}`);
            }
          }
        }
      }
      const page = (await get('/events/with-media')).body;
      const links = htmlTags(page)
        .filter((x) => x.name === 'a')
        .map((x) => x.attrs.href);
      assert.ok(links.includes(STREAM), 'the stream is linked');
      assert.ok(links.includes(RECORDING), 'the recording is linked');
      assert.match(page, /Open the live stream on stream\.example\.org/);
      assert.match(page, /Watch the recording on video\.example\.com/);
      assert.ok(htmlTags(page).some((x) => x.name === 'a' && x.attrs.href === STREAM && /noreferrer/.test(x.attrs.rel ?? '')));
      // The home page announces the live event with a link to its page, not the stream.
      const home = (await get('/')).body;
      assert.match(home, /Live now/);
      assert.match(home, /href="\/events\/live-now"/);
      assert.ok(!home.includes('stream.example.org'));
      // The videos page lists the recorded events, linking to their pages.
      assert.deepEqual(cardSlugs((await get('/videos')).body).sort(), ['past-recorded', 'with-media']);
    });

    it('images are served from this site only, with no metadata-bearing original', async () => {
      const page = (await get('/events/with-media')).body;
      const img = htmlTags(page).find((x) => x.name === 'img');
      const src = img?.attrs.src ?? '';
      assert.ok(src.startsWith('/media/'), 'the lead image is on this site');
      assert.equal(img?.attrs.alt, 'A circle');
      const res = await get(src);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'image/webp');
    });
  });
}
