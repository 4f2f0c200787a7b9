import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventTypes } from '../../../src/core/events/events.schema.js';
import { DEMO_SLUGS, demoEvents, loadDemoIfEmpty } from '../../../src/db/demo/load.js';
import { demoRegistrants } from '../../../src/db/demo/registrants-data.js';
import { SecretBox } from '../../../src/security/secret-box.js';
import { rowCount, testDialects } from '../../support/db.js';
import { TEST_MASTER_KEY, testApp, type TestApp } from '../../support/app.js';

/** Text content as the page shows it: entities decoded, tags left alone. */
const decode = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const publicEvents = demoEvents.filter((e) => (e.status ?? 'published') !== 'draft' && !e.hidden);
const pastPublic = publicEvents.filter((e) => 'date' in e.when);
const upcomingPublic = publicEvents.filter((e) => 'inDays' in e.when);
const byslug = (slug: string) => {
  const e = demoEvents.find((x) => x.slug === slug);
  assert.ok(e, slug);
  return e;
};

void describe('demo content: the data itself', () => {
  void it('has at least 20 past and 3 upcoming public events, a draft and a hidden one', () => {
    assert.ok(pastPublic.length >= 20, `${pastPublic.length} past`);
    assert.ok(upcomingPublic.length >= 3, `${upcomingPublic.length} upcoming`);
    assert.equal(byslug(DEMO_SLUGS.draft).status, 'draft');
    assert.equal(byslug(DEMO_SLUGS.hidden).hidden, true);
  });

  void it('uses unique slugs, known types, ISO country codes and plain-text paragraphs', () => {
    assert.equal(new Set(demoEvents.map((e) => e.slug)).size, demoEvents.length);
    const regions = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const e of demoEvents) {
      assert.ok((eventTypes as readonly string[]).includes(e.type), e.slug);
      for (const c of e.countries ?? []) {
        assert.match(c, /^[A-Z]{2}$/);
        assert.notEqual(regions.of(c), c, `${e.slug}: ${c} is not a region code`);
      }
      for (const t of [e.texts.en, e.texts.sv]) {
        if (!t) continue;
        assert.ok(t.title && t.summary && t.body, e.slug);
        assert.doesNotMatch(t.body, /[<>]|\*\*|^#/m, `${e.slug}: body is plain text`);
        if (e.status !== 'draft' && !e.hidden) assert.ok(t.body.split('\n\n').length >= 2, `${e.slug}: body has paragraphs`);
      }
    }
  });

  void it('is bilingual except for two or three English-only events', () => {
    const englishOnly = publicEvents.filter((e) => !e.texts.sv).map((e) => e.slug);
    assert.ok(englishOnly.length >= 2 && englishOnly.length <= 3, englishOnly.join(', '));
    assert.ok(englishOnly.includes(DEMO_SLUGS.englishOnly));
  });

  void it('links only to reserved example domains', () => {
    for (const e of demoEvents) {
      for (const url of [e.recordingUrl, e.liveStreamUrl]) if (url) assert.match(url, /^https:\/\/[a-z.]+\.example\.org\//, e.slug);
    }
  });

  void it('opens registration for one upcoming event with 40 seats and fills another with a waiting list, with invented people', () => {
    const open = byslug(DEMO_SLUGS.registrationOpen);
    const full = byslug(DEMO_SLUGS.registrationFull);
    for (const e of [open, full]) assert.ok('inDays' in e.when && (e.status ?? 'published') === 'published' && !e.hidden, e.slug);
    assert.deepEqual(open.registration, { capacity: 40, waitlist: true });
    assert.equal(full.registration?.waitlist, true);
    assert.ok((full.registration?.registrants ?? 0) > (full.registration?.capacity ?? Infinity), 'more registrants than seats');
    assert.equal(new Set(demoRegistrants.map((r) => r.email)).size, demoRegistrants.length);
    for (const r of demoRegistrants) assert.match(r.email, /^[a-z.]+@example\.org$/, r.name);
  });
});

for (const dialect of testDialects()) {
  void describe(`demo content (${dialect})`, () => {
    let t: TestApp;
    let loaded: { events: number } | undefined;

    before(async () => {
      t = await testApp({
        dialect,
        seed: async (db, mediaRoot) => {
          // the key the test app runs with, as main.ts passes the app's own
          loaded = await loadDemoIfEmpty(db, mediaRoot, new Date(), new SecretBox(Buffer.from(TEST_MASTER_KEY, 'base64')));
        },
      });
    });
    after(async () => {
      // undefined when before() failed, e.g. no database server
      if (t) await t.close();
    });

    void it('loads every demo event into an empty database and says how many', async () => {
      assert.deepEqual(loaded, { events: demoEvents.length });
      const { n } = await t.database.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n), demoEvents.length);
    });

    void it('does nothing when the database already has events', async () => {
      assert.equal(await loadDemoIfEmpty(t.database.db, t.database.mediaRoot), undefined);
      const { n } = await t.database.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n), demoEvents.length);
    });

    void it('lists the upcoming public events, and neither the draft nor the hidden one', async () => {
      for (const path of ['/events', '/sv/events']) {
        const res = await t.app.inject(path);
        assert.equal(res.statusCode, 200);
        for (const e of upcomingPublic) assert.ok(res.body.includes(`/events/${e.slug}"`), `${path} lists ${e.slug}`);
        for (const slug of [DEMO_SLUGS.draft, DEMO_SLUGS.hidden]) assert.ok(!res.body.includes(slug), `${path} must not show ${slug}`);
        for (const e of pastPublic) assert.ok(!res.body.includes(`/events/${e.slug}"`), `${path} must not list past ${e.slug}`);
      }
    });

    void it('archives at least 20 past public events', async () => {
      const res = await t.app.inject('/events/past');
      assert.equal(res.statusCode, 200);
      const count = /class="count"[^>]*>(\d+) events/.exec(res.body);
      assert.ok(count, 'the archive shows a count');
      assert.equal(Number(count[1]), pastPublic.length);
      assert.ok(pastPublic.length >= 20);
      const page2 = await t.app.inject('/events/past?page=2');
      const listed = [...`${res.body}${page2.body}`.matchAll(/href="\/events\/([a-z0-9-]+)"/g)].map((m) => m[1]);
      for (const e of pastPublic) assert.ok(listed.includes(e.slug), `archive lists ${e.slug}`);
    });

    const eventId = async (slug: string) => (await t.database.db.selectFrom('events').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    const settingsOf = (id: number) => t.database.db.selectFrom('registration_settings').selectAll().where('event_id', '=', id).executeTakeFirstOrThrow();
    const statuses = async (id: number) =>
      (await t.database.db.selectFrom('registrations').select('status').where('event_id', '=', id).orderBy('id').execute()).map((r) => r.status);

    void it('opens registration with 40 seats, none taken, on one upcoming event', async () => {
      const id = await eventId(DEMO_SLUGS.registrationOpen);
      const s = await settingsOf(id);
      assert.deepEqual([s.enabled, s.capacity, s.taken, s.waitlist], [1, 40, 0, 1]);
      assert.deepEqual(await statuses(id), []);
      const event = await t.services.events.detail(DEMO_SLUGS.registrationOpen, 'en');
      assert.deepEqual(await t.services.registrations.availability(event), { state: 'open', seatsLeft: 40 });
    });

    void it('fills another: 12 of 12 seats taken by confirmed registrations, 3 on the waiting list', async () => {
      const id = await eventId(DEMO_SLUGS.registrationFull);
      const s = await settingsOf(id);
      assert.deepEqual([s.enabled, s.capacity, s.taken, s.waitlist], [1, 12, 12, 1]);
      assert.deepEqual(await statuses(id), [...Array<string>(12).fill('confirmed'), 'waitlisted', 'waitlisted', 'waitlisted']);
      const event = await t.services.events.detail(DEMO_SLUGS.registrationFull, 'en');
      assert.deepEqual(await t.services.registrations.availability(event), { state: 'waitlist' });
      // Only these two events and the next edition's open session take registrations, and `taken` is the count of confirmed rows everywhere.
      const all = await t.database.db.selectFrom('registration_settings').selectAll().execute();
      assert.equal(all.length, 3);
      for (const x of all) {
        const confirmed = (await statuses(x.event_id)).filter((st) => st === 'confirmed').length;
        assert.equal(x.taken, confirmed, `taken of event ${x.event_id}`);
      }
    });

    void it('stores the demo registrants sealed, as the app does, and queues no mail for them', async () => {
      assert.equal(await rowCount(t.database.db, 'outbox'), 0, 'no mail queued on load');
      const id = await eventId(DEMO_SLUGS.registrationFull);
      const rows = await t.database.db.selectFrom('registrations').selectAll().where('event_id', '=', id).orderBy('id').execute();
      const raw = JSON.stringify(rows);
      for (const r of demoRegistrants) {
        assert.ok(!raw.includes(r.email) && !raw.includes(r.name), `${r.name} is not stored in the clear`);
      }
      // The service opens them with the app's key: the addresses come back in order.
      const opened = await t.database.db.transaction().execute((tx) => t.services.registrationsAdmin.forEvent(tx, id));
      assert.deepEqual(
        opened.map((o) => [o.email, o.locale]),
        demoRegistrants.slice(0, 15).map((r) => [r.email, r.locale]),
      );
      // Registering again with a demo address finds the existing registration (same keyed hash): nothing new.
      const again = await t.services.registrations.register(DEMO_SLUGS.registrationFull, 'en', {
        email: demoRegistrants[13]?.email ?? '',
        name: 'Someone else',
        idem: 'demo-test-idempotency-key-1',
      });
      assert.deepEqual(again.outcome, { status: 'waitlisted', position: 2 });
      assert.equal((await statuses(id)).length, 15);
      assert.equal((await settingsOf(id)).taken, 12);
    });

    void it('shows the venue change notice on its event page, in both languages', async () => {
      const e = byslug(DEMO_SLUGS.notice);
      assert.ok(e.notice);
      const en = await t.app.inject(`/events/${e.slug}`);
      assert.equal(en.statusCode, 200);
      assert.ok(decode(en.body).includes(e.notice.en), 'English notice');
      assert.match(en.body, /Myntkabinettet/);
      const sv = await t.app.inject(`/sv/events/${e.slug}`);
      assert.ok(decode(sv.body).includes(e.notice.sv), 'Swedish notice');
    });

    void it('marks English fallback text on the Swedish page of an English-only event', async () => {
      const res = await t.app.inject(`/sv/events/${DEMO_SLUGS.englishOnly}`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1[^>]*\blang="en"[^>]*>Fear of terrorism/);
      const bilingual = await t.app.inject(`/sv/events/${DEMO_SLUGS.notice}`);
      assert.match(bilingual.body, /<h1(?![^>]*\blang=)[^>]*>Att rapportera från exil/);
    });

    void it('answers 404 for the draft and the hidden event, in every language', async () => {
      for (const slug of [DEMO_SLUGS.draft, DEMO_SLUGS.hidden]) {
        for (const prefix of ['', '/sv']) {
          const res = await t.app.inject(`${prefix}/events/${slug}`);
          assert.equal(res.statusCode, 404, `${prefix}/events/${slug}`);
        }
      }
    });

    void it('serves the lead images, the report and the stream and recording links', async () => {
      const withImage = publicEvents.filter((e) => e.image);
      assert.ok(withImage.length >= 3);
      const first = withImage[0];
      assert.ok(first);
      const page = await t.app.inject(`/events/${first.slug}`);
      const src = /<img[^>]*\bsrc="(\/media\/[^"]+\.webp)"/.exec(page.body);
      assert.ok(src?.[1], 'lead image');
      const img = await t.app.inject(src[1]);
      assert.equal(img.statusCode, 200);
      assert.match(decode(page.body), /alt="Abstract illustration/);

      const report = await t.app.inject(`/events/${DEMO_SLUGS.withDocument}`);
      assert.match(decode(report.body), /Report: Human rights defenders in Azerbaijan/);
      assert.match(report.body, /video\.example\.org/);

      const live = await t.app.inject(`/events/${DEMO_SLUGS.liveStream}`);
      assert.match(live.body, /live\.example\.org/);
    });
  });
}
