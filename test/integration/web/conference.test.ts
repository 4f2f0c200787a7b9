import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { fixedClock } from '../../../src/core/shared/clock.js';
import { demoEditions } from '../../../src/db/demo/conference.js';
import { CONFERENCE_OPEN_SESSION_SLUGS } from '../../../src/db/demo/conference-events-data.js';
import { loadDemoIfEmpty } from '../../../src/db/demo/load.js';
import { ConferenceRepository } from '../../../src/core/conference/conference.repository.js';
import { ConferenceService } from '../../../src/core/conference/conference.service.js';
import { anonymous, type Viewer } from '../../../src/security/access.js';
import { testApp, type TestApp } from '../../support/app.js';
import { CONFERENCE_NOW, conferenceFixture as f, seedConference, type ConferenceIds } from '../../support/conference-seed.js';
import { testDialects } from '../../support/db.js';
import { decodeHtml, findAll, jsonLdBlocks, localLinks, parseXml } from './markup.js';

/** The conference's public pages: overview, edition, programme (grid, filters, parts), .ics, sitemap, cache. */

const CLOSED = 'CLOSED-7d1e';
const closed = (field: string) => `${CLOSED}-${field}`;
const text = (html: string) => decodeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

for (const dialect of testDialects()) {
  void describe(`conference pages (${dialect})`, () => {
    let t: TestApp;
    let ids: ConferenceIds;

    before(async () => {
      t = await testApp({
        dialect,
        clock: fixedClock(CONFERENCE_NOW),
        seed: async (db) => {
          ids = await seedConference(db, closed);
        },
      });
    });
    after(async () => t?.close());

    /** The random id public pages name a session by. */
    const publicIdOf = async (id: number) =>
      (await t.database.db.selectFrom('conference_sessions').select('public_id').where('id', '=', id).executeTakeFirstOrThrow()).public_id;

    const get = async (url: string, status = 200) => {
      const res = await t.app.inject(url);
      assert.equal(res.statusCode, status, `${url}: ${res.statusCode}`);
      assert.ok(!res.body.includes(CLOSED), `${url} shows nothing of the closed part`);
      return res;
    };

    void it('lists the next edition and the past ones, never a draft', async () => {
      for (const prefix of ['', '/sv']) {
        const res = await get(`${prefix}/defenders-days`);
        const links = localLinks(res.body, 'http://events.test');
        for (const y of [f.year, f.draftProgrammeYear, f.noDatesYear]) assert.ok(links.includes(`${prefix}/defenders-days/${y}`), `links ${y}`);
        assert.ok(!links.includes(`${prefix}/defenders-days/${f.draftYear}`), 'no draft edition');
        const body = text(res.body);
        assert.ok(body.indexOf(String(f.draftProgrammeYear)) < body.indexOf(String(f.year)), 'the next edition comes first');
        assert.match(res.body, new RegExp(`<a href="${prefix}/defenders-days" aria-current="page"`), 'the nav marks the page');
      }
      assert.match(text((await get('/defenders-days')).body), /Held in 2014/);
    });

    void it('shows an edition: theme, dates, venue, figures, the empty chair, the award, the open session', async () => {
      const res = await get(`/defenders-days/${f.year}`);
      const body = text(res.body);
      for (const s of ['Tools for defenders', 'Conference centre, Main street 1, Stockholm', 'First paragraph.', 'Second paragraph.'])
        assert.ok(body.includes(s), s);
      assert.match(body, /When 9\s*–\s*12 April 2018/);
      assert.match(body, /Human rights defenders 200 Countries 45 Continents 5/);
      assert.ok(!body.includes('Participants'), 'an unknown figure is left out');
      assert.match(body, /Totals only/);
      assert.match(body, new RegExp(`${f.emptyChair} – Azerbaijan, In prison Held in pre-trial detention\\.`));
      assert.equal((res.body.match(/class="people"/g) ?? []).length, 1);
      assert.ok(localLinks(res.body, 'http://events.test').includes(`/award/${f.year}`), 'the award recipient');
      assert.match(body, new RegExp(`${f.recipient}\\s*, (Turkey|Türkiye)`), 'recipient and country');
      assert.ok(localLinks(res.body, 'http://events.test').includes(`/events/${f.openSlug}`), 'the open session');
      assert.ok(localLinks(res.body, 'http://events.test').includes(`/defenders-days/${f.year}/programme`), 'the programme');
      const [ld] = jsonLdBlocks(res.body) as { '@type': string; name: string; startDate: string; location: { name: string } }[];
      assert.deepEqual([ld?.['@type'], ld?.name, ld?.startDate, ld?.location.name], ['Event', "Defenders' Days 2018", '2018-04-09', 'Conference centre']);

      const sv = text((await get(`/sv/defenders-days/${f.year}`)).body);
      assert.ok(sv.includes('Verktyg för försvarare') && sv.includes('Sitter häktad.'), sv.slice(0, 400));
      assert.match(sv, /När 9\s*–\s*12 april 2018/);
    });

    void it('offers registration for the open session of the next edition and says its programme is a draft', async () => {
      const res = await get(`/defenders-days/${f.draftProgrammeYear}`);
      const links = localLinks(res.body, 'http://events.test');
      assert.ok(links.includes(`/events/${f.nextOpenSlug}/register`), 'the registration form of issue 4');
      assert.match(text(res.body), /The programme is being prepared/);
      assert.ok(!links.some((l) => l.endsWith('/programme')));
      const programme = await get(`/defenders-days/${f.draftProgrammeYear}/programme`);
      assert.match(text(programme.body), /The programme is being prepared/);
      assert.ok(!programme.body.includes('<table'));
      const ics = await get(`/defenders-days/${f.draftProgrammeYear}/programme.ics`);
      assert.equal((ics.body.match(/BEGIN:VEVENT/g) ?? []).length, 0);
    });

    void it('answers 404 for a draft or unknown edition on every page, and 400 for a year that is not one', async () => {
      for (const prefix of ['', '/sv']) {
        for (const y of [f.draftYear, 1999]) {
          for (const page of ['', '/programme', '/programme.ics']) await get(`${prefix}/defenders-days/${y}${page}`, 404);
        }
        for (const y of ['abc', '2018x', '3000', '-1']) await get(`${prefix}/defenders-days/${y}`, 400);
      }
    });

    void it('shows the public programme as days × tracks, with parts, languages, public rooms and consenting people only', async () => {
      const res = await get(`/defenders-days/${f.year}/programme`);
      const html = res.body;
      const body = text(html);
      assert.equal((html.match(/<table class="programme"/g) ?? []).length, 3, 'three days with public sessions');
      assert.equal((html.match(/class="session"/g) ?? []).length, ids.publicSessions);
      assert.match(body, new RegExp(`${ids.publicSessions} sessions`));
      const headers = [...html.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
      assert.deepEqual(headers, ['Time', f.tracks.a.en, 'Time', f.tracks.a.en, f.tracks.b.en, 'Time', 'All tracks'], 'columns: the tracks used each day');
      assert.match(html, /<tr class="plenary"><th scope="row" class="time-col"><time>10:00<\/time><\/th><td colspan="1">/, 'the keynote across the day');
      assert.match(body, /Opening keynote 10:00 – 11:00 · Keynote/);
      assert.match(body, new RegExp(`Room: ${f.publicRoom}`));
      assert.match(body, /Workshop · Part 1\(2\)/);
      assert.match(body, /Workshop · Part 2\(2\)/);
      assert.match(body, /Language: English with Russian interpretation/);
      assert.match(body, new RegExp(`Speaker: ${f.namedPerson}`));
      assert.match(body, new RegExp(`Trainer: ${f.namedPerson}(?!,)`), 'only the trainer who may be named');
      const [part1, closedId] = [await publicIdOf(ids.sessions.part1), await publicIdOf(ids.sessions.closed)];
      assert.ok(html.includes(`<a href="#s-${part1}">Take part 1 first.</a>`), 'part 2 links to part 1');
      assert.ok(html.includes(`id="s-${part1}"`));
      assert.match(body, /Follows an earlier part\./, 'part 2 of a closed part 1: no link, no title');
      assert.ok(!html.includes(closedId), 'nothing of a closed session, not even its public id');
      assert.match(body, /Times are in Central European Summer Time\./);
      // The filter offers only what the public programme has.
      const options = (name: string) =>
        [...(new RegExp(`<select id="${name}"[\\s\\S]*?</select>`).exec(html)?.[0] ?? '').matchAll(/value="([^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual(options('track'), ['', String(ids.tracks.a), String(ids.tracks.b)]);
      assert.deepEqual(options('language'), ['', 'en', 'en-ru', 'ru']);
      assert.deepEqual(options('type'), ['', 'workshop', 'keynote', 'ceremony']);
    });

    void it('filters by track, language and type with a plain GET form', async () => {
      const count = async (query: string) => (await get(`/defenders-days/${f.year}/programme?${query}`)).body.match(/class="session"/g)?.length ?? 0;
      assert.equal(await count(`track=${ids.tracks.a}`), 2);
      assert.equal(await count('language=en-ru'), 2);
      assert.equal(await count('language=ru'), 1);
      assert.equal(await count('type=ceremony'), 1);
      assert.equal(await count(`track=${ids.tracks.a}&language=ru`), 0);
      assert.equal(await count(`track=${ids.tracks.closed}`), 0, 'a track with closed sessions only shows nothing');
      assert.equal(await count('track=&language=&type='), ids.publicSessions, 'empty values are no filter');
      const none = await get(`/defenders-days/${f.year}/programme?type=panel`);
      assert.match(text(none.body), /No published session matches your choices\./);
      assert.match(none.body, /<option value="panel"|<select id="type"/);
      for (const bad of ['type=party', 'language=xx', 'track=abc', 'track=0']) await get(`/defenders-days/${f.year}/programme?${bad}`, 400);
    });

    void it('speaks Swedish, with English where a title has no translation', async () => {
      const html = (await get(`/sv/defenders-days/${f.year}/programme`)).body;
      assert.match(html, /<h1>Program: Defenders’ Days 2018<\/h1>/);
      assert.ok(html.includes(`>${f.titles.digital.sv}<`) && html.includes(`>${f.tracks.a.sv}<`));
      assert.match(html, /<h3 class="session-title" lang="en">Strategic litigation<\/h3>/);
      assert.match(text(html), /Språk: Engelska med tolkning till ryska/);
      assert.match(text(html), /måndag 9 april 2018/);
    });

    void it('gives the public sessions as an iCalendar file that ical.js reads', async () => {
      for (const prefix of ['', '/sv']) {
        const res = await get(`${prefix}/defenders-days/${f.year}/programme.ics`);
        assert.match(String(res.headers['content-type']), /^text\/calendar/);
        const cal = new ICAL.Component(ICAL.parse(res.body) as unknown[]);
        const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
        assert.equal(events.length, ids.publicSessions);
        assert.equal(new Set(events.map((e) => e.uid)).size, events.length);
        const digital = events.filter((e) => e.summary.startsWith(prefix ? f.titles.digital.sv : f.titles.digital.en));
        assert.deepEqual(digital.map((e) => e.summary.slice(-4)).sort(), ['1(2)', '2(2)']);
        const keynote = events.find((e) => e.summary === (prefix ? f.titles.keynote.sv : f.titles.keynote.en));
        assert.ok(keynote);
        assert.equal(keynote.startDate.toJSDate().toISOString(), '2018-04-09T08:00:00.000Z');
        assert.match(keynote.location, new RegExp(`${f.publicRoom}, Conference centre, Stockholm`));
        const part2Id = await publicIdOf(ids.sessions.part2);
        const part2 = events.find((e) => e.uid.startsWith(`conference-session-${part2Id}@`));
        assert.equal(part2?.location ?? null, 'Conference centre, Stockholm', 'a closed room is not named');
        assert.equal(
          cal.getFirstSubcomponent('vevent')?.getFirstPropertyValue('url'),
          `http://events.test${prefix}/defenders-days/${f.year}/programme#s-${/^conference-session-(.+)@/.exec(events[0]?.uid ?? '')?.[1]}`,
        );
      }
    });

    void it('lists the public editions and programmes in the sitemap', async () => {
      const res = await get('/sitemap.xml');
      const locs = findAll(parseXml(res.body), 'loc').map((l) => l.text);
      for (const p of [
        '/defenders-days',
        `/defenders-days/${f.year}`,
        `/defenders-days/${f.year}/programme`,
        `/sv/defenders-days/${f.year}/programme`,
        `/defenders-days/${f.draftProgrammeYear}`,
      ])
        assert.ok(locs.includes(`http://events.test${p}`), p);
      for (const p of [`/defenders-days/${f.draftYear}`, `/defenders-days/${f.draftProgrammeYear}/programme`, `/defenders-days/${f.noDatesYear}/programme`])
        assert.ok(!locs.some((l) => l.endsWith(p)), `not ${p}`);
    });

    void it('shows a change at once: every conference table bumps the page cache', async () => {
      const url = `/defenders-days/${f.year}/programme`;
      await get(url);
      await t.database.db
        .updateTable('conference_sessions')
        .set({ texts: JSON.stringify({ en: { title: 'Renamed keynote' } }) })
        .where('id', '=', ids.sessions.keynote)
        .execute();
      assert.ok((await get(url)).body.includes('Renamed keynote'));
      await t.database.db.updateTable('conference_rooms').set({ name: 'Renamed hall' }).where('id', '=', ids.rooms.public).execute();
      assert.ok((await get(url)).body.includes('Renamed hall'));
      await t.database.db
        .updateTable('conference_tracks')
        .set({ texts: JSON.stringify({ en: { name: 'Renamed track' } }) })
        .where('id', '=', ids.tracks.a)
        .execute();
      assert.ok((await get(url)).body.includes('Renamed track'));
      await t.database.db.updateTable('conference_session_people').set({ named_publicly: 0 }).where('session_id', '=', ids.sessions.keynote).execute();
      assert.ok(!(await get(url)).body.includes('Speaker:'));
      const edition = `/defenders-days/${f.year}`;
      await get(edition);
      await t.database.db.updateTable('conference_empty_chairs').set({ name: 'Another Colleague' }).where('name', '=', f.emptyChair).execute();
      assert.ok((await get(edition)).body.includes('Another Colleague'));
      await t.database.db.updateTable('conference_editions').set({ defenders: 201 }).where('id', '=', ids.editionId).execute();
      assert.match(text((await get(edition)).body), /Human rights defenders 201/);
      // Unpublishing the edition takes every page of it down.
      await t.database.db.updateTable('conference_editions').set({ status: 'draft' }).where('id', '=', ids.editionId).execute();
      await get(edition, 404);
      await get(url, 404);
      await t.database.db.updateTable('conference_editions').set({ status: 'published' }).where('id', '=', ids.editionId).execute();
      await get(url);
    });

    void it('reads the closed part for those allowed, through the same access-control function', async () => {
      const service = new ConferenceService(new ConferenceRepository(t.database.db), fixedClock(CONFERENCE_NOW));
      const titles = async (v: Viewer, year: number = f.year) => (await service.programme(v, year, 'en')).sessions.map((s) => s.title);
      const closedTitle = closed('session-title-en');
      assert.ok(!(await titles(anonymous)).includes(closedTitle));
      assert.ok((await titles({ kind: 'staff', role: 'editor' })).includes(closedTitle));
      assert.ok((await titles({ kind: 'staff', role: 'logistics' })).includes(closedTitle));
      assert.ok(!(await titles({ kind: 'staff', role: 'board' })).includes(closedTitle));
      assert.ok((await titles({ kind: 'participant', editionIds: [ids.editionId] })).includes(closedTitle));
      assert.ok(!(await titles({ kind: 'participant', editionIds: [ids.editionId + 1000] })).includes(closedTitle));
      // Closed trainers and rooms come with the session for those who may see them.
      const editor = (await service.programme({ kind: 'staff', role: 'editor' }, f.year, 'en')).sessions.find((s) => s.id === ids.sessions.closed);
      assert.deepEqual(editor?.people, [{ name: closed('closed-trainer'), role: 'trainer' }]);
      assert.equal(editor?.room, closed('room-name'));
      // Drafts: staff only, never participants.
      await assert.rejects(service.edition(anonymous, f.draftYear, 'en'), { code: 'not-found' });
      await assert.rejects(service.edition({ kind: 'staff', role: 'board' }, f.draftYear, 'en'), { code: 'not-found' });
      assert.equal((await service.edition({ kind: 'staff', role: 'editor' }, f.draftYear, 'en')).theme, closed('draft-edition-theme'));
      assert.deepEqual(await titles({ kind: 'participant', editionIds: [ids.editionId] }, f.draftProgrammeYear), []);
      assert.deepEqual(await titles({ kind: 'staff', role: 'admin' }, f.draftProgrammeYear), [closed('draft-programme-session')]);
      // Empty chairs not confirmed as safe and agreed: staff only.
      const chairs = async (v: Viewer) => (await service.edition(v, f.year, 'en')).emptyChairs.map((c) => c.name).sort();
      assert.equal((await chairs(anonymous)).length, 1);
      assert.equal((await chairs({ kind: 'participant', editionIds: [ids.editionId] })).length, 1);
      assert.equal((await chairs({ kind: 'staff', role: 'logistics' })).length, 4);
      // Overview: the draft edition for staff only.
      const years = async (v: Viewer) => {
        const o = await service.overview(v, 'en');
        return [...o.upcoming, ...o.past].map((e) => e.year);
      };
      assert.ok(!(await years(anonymous)).includes(f.draftYear));
      assert.ok((await years({ kind: 'staff', role: 'editor' })).includes(f.draftYear));
    });
  });
}

for (const dialect of testDialects()) {
  void describe(`conference demo content (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp({ dialect, seed: async (db, mediaRoot) => void (await loadDemoIfEmpty(db, mediaRoot)) });
    });
    after(async () => t?.close());

    void it('has the editions 2013 to 2016 and 2018, none in 2017, and the next one with a draft programme', async () => {
      const overview = await t.app.inject('/defenders-days');
      const next = demoEditions.length;
      const years = [...overview.body.matchAll(/href="\/defenders-days\/(\d{4})"/g)].map((m) => Number(m[1]));
      assert.equal(years.length, next);
      assert.deepEqual(years.slice(1), [2018, 2016, 2015, 2014, 2013], 'the past ones, newest first');
      assert.ok((years[0] ?? 0) > new Date().getFullYear() - 1, 'the next edition first');
      assert.equal((await t.app.inject('/defenders-days/2017')).statusCode, 404);
      const draft = await t.app.inject(`/defenders-days/${years[0]}/programme`);
      assert.match(text(draft.body), /The programme is being prepared/);
      assert.ok(!draft.body.includes('(draft)'), 'draft sessions stay out');
      assert.ok((await t.app.inject(`/defenders-days/${years[0]}`)).body.includes(`/events/${CONFERENCE_OPEN_SESSION_SLUGS.next}`));
    });

    void it('shows the 2015 figures and its empty chair, and hides 2018’s unconfirmed ones and its closed sessions', async () => {
      const e2015 = text((await t.app.inject('/defenders-days/2015')).body);
      // Four continents: under the floor of 5, so left out.
      assert.match(e2015, /Participants 250 Human rights defenders 160 Countries 35 Totals only/);
      assert.ok(!e2015.includes('Continents'), 'a count under 5');
      for (const name of ['Rasul Jafarov', 'Khadija Ismayilova', 'Natnail Feleke']) assert.ok(e2015.includes(name), name);
      const e2018 = text((await t.app.inject('/defenders-days/2018')).body);
      assert.match(e2018, /Human rights defenders 200 Countries 45 Continents 5/);
      assert.ok(!e2018.includes('The empty chair') && !e2018.includes('Serikova') && !e2018.includes('Abashidze'));
      const programme = (await t.app.inject('/defenders-days/2018/programme')).body;
      assert.equal((programme.match(/Part 2\(2\)/g) ?? []).length, 4, 'four workshops in two parts');
      assert.match(text(programme), /Language: English with Russian interpretation/);
      for (const hidden of ['Stress and interrogation', 'Travelling and crossing', 'Workshop room', 'Marković', 'Vetrov'])
        assert.ok(!programme.includes(hidden), hidden);
      const p2015 = text((await t.app.inject('/defenders-days/2015/programme')).body);
      assert.match(p2015, /Speaker: Michel Forst/);
      assert.match(p2015, /Commemoration/);
    });
  });
}
