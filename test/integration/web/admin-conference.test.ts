import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeConferenceSession, makePerson } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { postForm, signedInStaff, type Staff } from '../../support/auth.js';
import { conferenceFixture as f, seedConference, type ConferenceIds } from '../../support/conference-seed.js';
import { testDialects } from '../../support/db.js';
import { decodeHtml } from './markup.js';

/**
 * The programme editor under /admin/conference: editions, tracks, rooms, the empty chair and
 * sessions through the forms; conflicts shown before saving and nothing saved; "save anyway"
 * for the overridable ones only; part 2 requiring part 1; a copy of a structure; publishing and
 * what the public programme then shows; one audit entry per change with ids only; 403 for
 * roles without the permission (logistics reads but does not edit; the award secretariat
 * neither), 404 for what does not exist.
 */

const CLOSED = 'CLOSED-a9c4';
const closed = (field: string) => `${CLOSED}-${field}`;
const text = (html: string) => decodeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

for (const dialect of testDialects()) {
  void describe(`admin conference (${dialect})`, () => {
    let t: TestApp;
    let editor: Staff;
    let logistics: Staff;
    let secretariat: Staff;
    let ids: ConferenceIds;
    const people: Record<'ana' | 'boris' | 'chen', number> = { ana: 0, boris: 0, chen: 0 };

    before(async () => {
      t = await testApp({
        dialect,
        seed: async (db) => {
          ids = await seedConference(db, closed);
          people.ana = (await makePerson(db, { slug: 'ana-trainer', name: 'Ana Trainer', publicProfile: true })).id;
          people.boris = (await makePerson(db, { slug: 'boris-panellist', name: 'Boris Panellist', publicProfile: true })).id;
          people.chen = (await makePerson(db, { slug: 'chen-moderator', name: 'Chen Moderator', publicProfile: false })).id;
        },
      });
      editor = await signedInStaff(t, 'editor');
      logistics = await signedInStaff(t, 'logistics');
      secretariat = await signedInStaff(t, 'award-secretariat');
    });
    after(async () => t?.close());

    const db = () => t.database.db;
    const get = (url: string, cookie: string | undefined = editor.cookie) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    const post = (page: string, url: string, payload: Record<string, string>, cookie = editor.cookie) => postForm(t, page, url, payload, cookie);
    const edition = (year: number) => db().selectFrom('conference_editions').selectAll().where('year', '=', year).executeTakeFirst();
    const sessionsOf = async (year: number) => {
      const e = await edition(year);
      return db()
        .selectFrom('conference_sessions')
        .selectAll()
        .where('edition_id', '=', e?.id ?? -1)
        .orderBy('id')
        .execute();
    };
    // Changes only: views of unpublished empty chairs are audited too, as reads (`…-read`).
    const auditFor = async (objectType: string, objectId: number) =>
      (
        await db()
          .selectFrom('audit_log')
          .selectAll()
          .where('object_type', '=', objectType)
          .where('object_id', '=', String(objectId))
          .where('action', 'not like', '%-read')
          .orderBy('id')
          .execute()
      ).map((r) => ({ action: r.action, actor: r.actor_id, details: JSON.parse(r.details) as Record<string, unknown> }));

    const editionForm = (year: number, extra: Record<string, string> = {}) => ({
      year: String(year),
      starts_on: `${year}-04-06`,
      ends_on: `${year}-04-09`,
      time_zone: 'Europe/Stockholm',
      venue_id: '',
      open_event_id: '',
      participants: '',
      defenders: '',
      countries: '',
      continents: '',
      theme_en: `Defenders ${year}`,
      summary_en: '',
      body_en: '',
      ...extra,
    });
    const sessionForm = (extra: Record<string, string> = {}) => ({
      part: 'closed',
      day: '2030-04-06',
      starts_time: '10:00',
      ends_time: '11:00',
      track_id: '',
      room_id: '',
      type: 'workshop',
      language: 'en',
      capacity: '',
      visibility: 'participants',
      part_number: '',
      part_count: '',
      requires_session_id: '',
      title_en: 'A session',
      description_en: '',
      ...extra,
    });
    const newSession = async (year: number, extra: Record<string, string>) => {
      const page = `/admin/conference/${year}/sessions/new`;
      return post(page, page, sessionForm(extra));
    };
    const idOf = (location: unknown) => Number(/\/sessions\/(\d+)\?/.exec(String(location))?.[1] ?? /\/(\d+)\?/.exec(String(location))?.[1]);

    // Made by the first test, used by the later ones.
    let track = 0;
    let roomSmall = 0;
    let roomHall = 0;

    void it('creates an edition (a draft), edits it, adds tracks, rooms and an empty chair, each audited with ids only', async () => {
      const list = await get('/admin/conference');
      assert.equal(list.statusCode, 200);
      assert.match(text(list.body), /2018/);
      assert.match(list.body, /href="\/admin\/conference\/new"/);

      const form = await get('/admin/conference/new');
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<option value="Europe\/Stockholm" selected>/);
      const bad = await post(
        '/admin/conference/new',
        '/admin/conference/new',
        editionForm(2030, { theme_en: '', ends_on: '2030-04-01', defenders: '10', participants: '5' }),
      );
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /id="theme_en-error"/);
      assert.match(bad.body, /id="ends_on-error"/);
      assert.match(bad.body, /id="defenders-error"/);
      assert.equal(await edition(2030), undefined, 'nothing saved');
      const taken = await post('/admin/conference/new', '/admin/conference/new', editionForm(2018, { starts_on: '', ends_on: '' }));
      assert.equal(taken.statusCode, 400);
      assert.match(decodeHtml(taken.body), /There is already an edition in this year\./);

      const created = await post('/admin/conference/new', '/admin/conference/new', editionForm(2030, { theme_sv: 'Försvarare 2030' }));
      assert.equal(created.statusCode, 303, created.body.slice(0, 2000));
      assert.equal(created.headers.location, '/admin/conference/2030?done=created');
      const row = await edition(2030);
      assert.ok(row);
      assert.equal(row.status, 'draft');
      assert.equal(row.programme_status, 'draft');
      assert.deepEqual(JSON.parse(row.texts), {
        en: { theme: 'Defenders 2030', summary: '', body: '' },
        sv: { theme: 'Försvarare 2030', summary: '', body: '' },
      });
      assert.equal((await get('/defenders-days/2030', '')).statusCode, 404, 'a draft is not public');

      const saved = await post(
        '/admin/conference/2030',
        '/admin/conference/2030',
        editionForm(2030, { participants: '120', defenders: '80', countries: '30', continents: '5' }),
      );
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000));
      assert.equal(Number((await edition(2030))?.defenders), 80);

      const newTrack = await post('/admin/conference/2030/tracks/new', '/admin/conference/2030/tracks/new', {
        name_en: 'Security',
        name_sv: 'Säkerhet',
        position: '1',
      });
      assert.equal(newTrack.statusCode, 303);
      track = idOf(newTrack.headers.location);
      assert.equal(newTrack.headers.location, `/admin/conference/2030/tracks/${track}?done=created`);
      assert.match((await get(`/admin/conference/2030/tracks/${track}`)).body, /value="Säkerhet"/);
      const small = await post('/admin/conference/2030/rooms/new', '/admin/conference/2030/rooms/new', {
        name: 'Small room',
        capacity: '12',
        visibility: 'participants',
      });
      roomSmall = idOf(small.headers.location);
      const hall = await post('/admin/conference/2030/rooms/new', '/admin/conference/2030/rooms/new', { name: 'Hall', capacity: '300', visibility: 'public' });
      roomHall = idOf(hall.headers.location);
      assert.ok(roomSmall > 0 && roomHall > 0);
      const noName = await post('/admin/conference/2030/rooms/new', '/admin/conference/2030/rooms/new', { name: '', capacity: 'many', visibility: 'everyone' });
      assert.equal(noName.statusCode, 400);
      assert.match(noName.body, /id="name-error"/);
      assert.match(noName.body, /id="capacity-error"/);
      assert.match(noName.body, /id="visibility-error"/);

      const chairPage = '/admin/conference/2030/empty-chairs/new';
      const chair = await post(chairPage, chairPage, {
        name: 'Imprisoned Colleague',
        country_code: 'BY',
        reason: 'imprisoned',
        note_en: 'In prison since 2021.',
        safe_to_show: '1',
        position: '0',
      });
      assert.equal(chair.statusCode, 303);
      const chairId = idOf(chair.headers.location);
      const page = text((await get('/admin/conference/2030')).body);
      assert.match(page, /Imprisoned Colleague Belarus In prison Not shown \(missing: Agreed by the person or their family\)/);
      assert.match(page, /Small room 12 Participants only 0/);

      const edId = row.id;
      assert.deepEqual(await auditFor('conference-edition', edId), [
        { action: 'conference.edition-created', actor: editor.userId, details: { year: 2030 } },
        { action: 'conference.edition-updated', actor: editor.userId, details: { year: 2030 } },
      ]);
      assert.deepEqual(await auditFor('conference-track', track), [{ action: 'conference.track-created', actor: editor.userId, details: { editionId: edId } }]);
      assert.deepEqual(await auditFor('conference-empty-chair', chairId), [
        { action: 'conference.empty-chair-created', actor: editor.userId, details: { editionId: edId } },
      ]);
      const all = await db().selectFrom('audit_log').select('details').where('action', 'like', 'conference.%').execute();
      for (const a of all) assert.doesNotMatch(a.details, /Imprisoned|Colleague|Small room|Security|Defenders/, 'audit details hold ids only');
    });

    void it('shows conflicts before saving and saves nothing; "save anyway" saves the overridable ones', async () => {
      const first = await newSession(2030, {
        title_en: 'Digital security basics',
        room_id: String(roomSmall),
        track_id: String(track),
        person_0: String(people.ana),
        role_0: 'trainer',
      });
      assert.equal(first.statusCode, 303, text(first.body).slice(0, 1500));
      const firstId = idOf(first.headers.location);
      assert.equal(first.headers.location, `/admin/conference/2030/sessions/${firstId}?done=created`);
      const before = (await sessionsOf(2030)).length;

      // Same room, overlapping; Ana again; more places than the room holds.
      const clash = sessionForm({
        title_en: 'Clashing session',
        room_id: String(roomSmall),
        capacity: '20',
        starts_time: '10:30',
        ends_time: '11:30',
        person_0: String(people.ana),
        role_0: 'panellist',
      });
      const shown = await post('/admin/conference/2030/sessions/new', '/admin/conference/2030/sessions/new', clash);
      assert.equal(shown.statusCode, 400);
      const words = text(shown.body);
      assert.match(words, /Conflicts: 3/);
      assert.match(words, /Nothing was saved\./);
      assert.match(words, /The room Small room is also booked for Digital security basics \(/);
      assert.match(words, /Ana Trainer is also trainer in Digital security basics/);
      assert.match(words, /The capacity is more than the room Small room holds \(12 places\)\./);
      assert.match(shown.body, new RegExp(`href="/admin/conference/2030/sessions/${firstId}"`), 'a link to the other session');
      assert.match(shown.body, /name="save_anyway"/);
      assert.match(shown.body, /value="Clashing session"/, 'what was typed comes back');
      assert.equal((await sessionsOf(2030)).length, before, 'nothing saved');

      // "Save anyway" without the conflicts the form showed is not a confirmation.
      const blind = await post('/admin/conference/2030/sessions/new', '/admin/conference/2030/sessions/new', { ...clash, save_anyway: '1' });
      assert.equal(blind.statusCode, 400);
      const seen = /name="conflicts_seen" value="([^"]*)"/.exec(shown.body)?.[1] ?? '';
      assert.ok(seen.includes('room-double-booked') && seen.includes('person-busy') && seen.includes('over-capacity'), seen);
      // Meanwhile somebody else books the room at that time: a conflict the form did not show needs its own confirmation.
      const e2030 = await edition(2030);
      const meanwhile = await makeConferenceSession(db(), e2030?.id ?? 0, {
        startsAt: '2030-04-06T09:15:00.000Z',
        endsAt: '2030-04-06T09:45:00.000Z',
        roomId: roomSmall,
        texts: { en: { title: 'Booked meanwhile' } },
      });
      const newer = await post('/admin/conference/2030/sessions/new', '/admin/conference/2030/sessions/new', {
        ...clash,
        save_anyway: '1',
        conflicts_seen: seen,
      });
      assert.equal(newer.statusCode, 400);
      assert.match(text(newer.body), /Conflicts: 4/);
      assert.match(text(newer.body), /The room Small room is also booked for Booked meanwhile/);
      const seenAll = /name="conflicts_seen" value="([^"]*)"/.exec(newer.body)?.[1] ?? '';
      const anyway = await post('/admin/conference/2030/sessions/new', '/admin/conference/2030/sessions/new', {
        ...clash,
        save_anyway: '1',
        conflicts_seen: seenAll,
      });
      assert.equal(anyway.statusCode, 303, text(anyway.body).slice(0, 1500));
      const clashId = idOf(anyway.headers.location);
      assert.equal((await sessionsOf(2030)).length, before + 2);
      assert.deepEqual(await auditFor('conference-session', clashId), [
        {
          action: 'conference.session-created',
          actor: editor.userId,
          details: { editionId: e2030?.id, overridden: 'room-double-booked,person-busy,over-capacity' },
        },
      ]);
      await db().deleteFrom('conference_sessions').where('id', '=', meanwhile.id).execute();

      // A session the day after the edition: a warning too.
      const late = sessionForm({ title_en: 'Farewell dinner', type: 'social', day: '2030-04-10', starts_time: '19:00', ends_time: '22:00' });
      const outside = await post('/admin/conference/2030/sessions/new', '/admin/conference/2030/sessions/new', late);
      assert.equal(outside.statusCode, 400);
      assert.match(text(outside.body), /The session is outside the edition’s dates \(2030-04-06 to 2030-04-09\)\./);
      const lateSeen = /name="conflicts_seen" value="([^"]*)"/.exec(outside.body)?.[1] ?? '';
      assert.equal(lateSeen, 'outside-edition::');
      const dinner = await post('/admin/conference/2030/sessions/new', '/admin/conference/2030/sessions/new', {
        ...late,
        save_anyway: '1',
        conflicts_seen: lateSeen,
      });
      assert.equal(dinner.statusCode, 303);
      const programme = text((await get('/admin/conference/2030/programme')).body);
      assert.match(programme, /Clashing session .* 3 \(open the session to see them\)/);

      // Saving the saved session again without a change: the same conflicts, to confirm again.
      const again = await post(`/admin/conference/2030/sessions/${clashId}`, `/admin/conference/2030/sessions/${clashId}`, clash);
      assert.equal(again.statusCode, 400);
    });

    void it('never saves a hard conflict, "save anyway" or not: end before start, a room or track of another edition', async () => {
      const count = (await sessionsOf(2030)).length;
      for (const [extra, field] of [
        [{ starts_time: '12:00', ends_time: '11:00' }, 'ends_time'],
        [{ room_id: String(ids.rooms.public) }, 'room_id'],
        [{ track_id: String(ids.tracks.a) }, 'track_id'],
      ] as const) {
        const res = await newSession(2030, { ...extra, save_anyway: '1', conflicts_seen: 'end-before-start:: unknown-room:: unknown-track::' });
        assert.equal(res.statusCode, 400, field);
        assert.match(res.body, new RegExp(`id="${field}-error"`), field);
        assert.doesNotMatch(res.body, /name="save_anyway"/, 'no "save anyway" for a hard conflict');
        assert.match(text(res.body), /To change before saving/);
      }
      assert.equal((await sessionsOf(2030)).length, count);
    });

    void it('part 2 requires part 1: linked, added after it and scheduled after it; part 1 cannot go while part 2 needs it', async () => {
      const parts = { part_count: '2', type: 'workshop', room_id: String(roomHall) };
      const orphan = await newSession(2030, { ...parts, part_number: '2', title_en: 'Video campaigning', day: '2030-04-07' });
      assert.equal(orphan.statusCode, 400);
      assert.match(orphan.body, /id="requires_session_id-error"/);
      assert.match(text(orphan.body), /This is a later part, but it does not say which session it follows/);

      const p1 = await newSession(2030, {
        ...parts,
        part_number: '1',
        title_en: 'Video campaigning',
        day: '2030-04-07',
        starts_time: '13:00',
        ends_time: '16:00',
      });
      assert.equal(p1.statusCode, 303);
      const part1 = idOf(p1.headers.location);
      const early = await newSession(2030, {
        ...parts,
        part_number: '2',
        requires_session_id: String(part1),
        title_en: 'Video campaigning',
        day: '2030-04-07',
        starts_time: '15:00',
        ends_time: '17:00',
        save_anyway: '1',
      });
      assert.equal(early.statusCode, 400, 'overlapping part 1');
      assert.match(text(early.body), /This part starts before the part it requires has ended: Video campaigning \(/);
      const p2 = await newSession(2030, { ...parts, part_number: '2', requires_session_id: String(part1), title_en: 'Video campaigning', day: '2030-04-08' });
      assert.equal(p2.statusCode, 303, text(p2.body).slice(0, 1500));
      const part2 = idOf(p2.headers.location);
      assert.ok(part1 < part2);

      // Moving part 1 after part 2 is refused; part 2 cannot require a session added after it.
      const moved = await post(
        `/admin/conference/2030/sessions/${part1}`,
        `/admin/conference/2030/sessions/${part1}`,
        sessionForm({ ...parts, part_number: '1', title_en: 'Video campaigning', day: '2030-04-09' }),
      );
      assert.equal(moved.statusCode, 400);
      assert.match(text(moved.body), /A later part, Video campaigning \(.*\) ?, would start before this one ends/);
      const later = await newSession(2030, {
        ...parts,
        part_number: '1',
        title_en: 'Later part 1',
        day: '2030-04-06',
        starts_time: '08:00',
        ends_time: '09:00',
      });
      const laterId = idOf(later.headers.location);
      const form = await get(`/admin/conference/2030/sessions/${part2}`);
      assert.doesNotMatch(form.body, new RegExp(`<option value="${laterId}"`), 'only earlier sessions are offered');
      const relinked = await post(
        `/admin/conference/2030/sessions/${part2}`,
        `/admin/conference/2030/sessions/${part2}`,
        sessionForm({ ...parts, part_number: '2', requires_session_id: String(laterId), title_en: 'Video campaigning', day: '2030-04-08' }),
      );
      assert.equal(relinked.statusCode, 400);
      assert.match(relinked.body, /id="requires_session_id-error"/);

      // Removing part 1: the confirmation page names part 2 and offers no button; a POST is refused.
      const confirm = await get(`/admin/conference/2030/sessions/${part1}/remove`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, new RegExp(`href="/admin/conference/2030/sessions/${part2}"`));
      assert.doesNotMatch(confirm.body, /Yes, remove it/);
      const refused = await post(`/admin/conference/2030/sessions/${part1}`, `/admin/conference/2030/sessions/${part1}/remove`, {});
      assert.equal(refused.statusCode, 400);
      assert.equal((await sessionsOf(2030)).filter((s) => s.id === part1).length, 1);

      // Part 2 goes first (from its confirmation page), then part 1 may.
      const page2 = await get(`/admin/conference/2030/sessions/${part2}/remove`);
      assert.match(page2.body, /Yes, remove it/);
      const gone = await post(`/admin/conference/2030/sessions/${part2}/remove`, `/admin/conference/2030/sessions/${part2}/remove`, {});
      assert.equal(gone.statusCode, 303);
      assert.equal(gone.headers.location, '/admin/conference/2030/programme?done=removed');
      assert.equal((await post(`/admin/conference/2030/sessions/${part1}/remove`, `/admin/conference/2030/sessions/${part1}/remove`, {})).statusCode, 303);
      assert.deepEqual(
        (await auditFor('conference-session', part2)).map((a) => a.action),
        ['conference.session-created', 'conference.session-removed'],
      );
    });

    void it('copies an edition’s structure into a new draft edition: tracks, rooms and sessions moved to the new dates, no people', async () => {
      const page = await get('/admin/conference/copy');
      assert.equal(page.statusCode, 200);
      const noDates = await post('/admin/conference/copy', '/admin/conference/copy', {
        from: String(f.noDatesYear),
        year: '2031',
        starts_on: '2031-04-01',
        theme_en: 'Copy',
      });
      assert.equal(noDates.statusCode, 400);
      assert.match(noDates.body, /id="from-error"/);
      const taken = await post('/admin/conference/copy', '/admin/conference/copy', { from: '2018', year: '2030', starts_on: '2030-04-06', theme_en: 'Copy' });
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /id="year-error"/);

      const copied = await post('/admin/conference/copy', '/admin/conference/copy', {
        from: '2018',
        year: '2032',
        starts_on: '2032-04-05',
        theme_en: 'The copy',
      });
      assert.equal(copied.statusCode, 303, text(copied.body).slice(0, 1500));
      assert.equal(copied.headers.location, '/admin/conference/2032?done=copied');
      const source = await edition(2018);
      const copy = await edition(2032);
      assert.ok(source && copy);
      assert.equal(copy.status, 'draft');
      assert.equal(copy.programme_status, 'draft');
      assert.equal(copy.starts_on, '2032-04-05');
      assert.equal(copy.ends_on, '2032-04-08');
      assert.equal(copy.open_event_id, null);
      const count = async (table: 'conference_tracks' | 'conference_rooms' | 'conference_empty_chairs', editionId: number) =>
        Number(
          (
            await db()
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('edition_id', '=', editionId)
              .executeTakeFirstOrThrow()
          ).n,
        );
      assert.equal(await count('conference_tracks', copy.id), await count('conference_tracks', source.id));
      assert.equal(await count('conference_rooms', copy.id), await count('conference_rooms', source.id));
      assert.equal(await count('conference_empty_chairs', copy.id), 0, 'the empty chair is not copied');
      const from = await sessionsOf(2018);
      const to = await sessionsOf(2032);
      assert.equal(to.length, from.length);
      // Same wall-clock times, 1457 days later (9 April 2018 → 5 April 2032, both in summer time).
      const keynote = from.find((s) => s.id === ids.sessions.keynote);
      const keynoteCopy = to.find((s) => s.texts === keynote?.texts);
      assert.equal(keynoteCopy?.starts_at, '2032-04-05T08:00:00.000Z');
      // Part 2 still requires part 1, and part 1 has the smaller id.
      for (const s of to.filter((x) => x.requires_session_id !== null)) {
        const required = to.find((x) => x.id === s.requires_session_id);
        assert.ok(required, 'the link points into the copy');
        assert.ok(required.id < s.id, 'part 1 before part 2 in id order');
      }
      assert.equal(to.filter((x) => x.requires_session_id !== null).length, from.filter((x) => x.requires_session_id !== null).length);
      const copiedPeople = await db()
        .selectFrom('conference_session_people')
        .select('person_id')
        .where(
          'session_id',
          'in',
          to.map((s) => s.id),
        )
        .execute();
      assert.deepEqual(copiedPeople, [], 'no people are copied');
      const [entry] = await auditFor('conference-edition', copy.id);
      assert.deepEqual(entry, {
        action: 'conference.structure-copied',
        actor: editor.userId,
        details: { year: 2032, fromEditionId: source.id, tracks: 3, rooms: 2, sessions: from.length },
      });
      assert.equal((await get('/defenders-days/2032', '')).statusCode, 404, 'the copy is a draft');
    });

    void it('publishes the edition and its programme separately; the public programme shows public sessions and never the others', async () => {
      const pub = await newSession(2030, {
        title_en: 'Open panel on protection',
        visibility: 'public',
        room_id: String(roomHall),
        day: '2030-04-09',
        person_0: String(people.boris),
        role_0: 'panellist',
        public_0: '1',
      });
      assert.equal(pub.statusCode, 303, text(pub.body).slice(0, 1500));
      const hidden = await newSession(2030, { title_en: closed('participants-only'), day: '2030-04-09', starts_time: '14:00', ends_time: '15:00' });
      assert.equal(hidden.statusCode, 303);

      const programmeFirst = await post('/admin/conference/2030', '/admin/conference/2030/programme/publish', {});
      assert.equal(programmeFirst.statusCode, 303);
      assert.match(text((await get('/admin/conference/2030')).body), /visitors see it only once the edition is published too/);
      assert.equal((await get('/defenders-days/2030/programme', '')).statusCode, 404, 'the edition is still a draft');
      assert.equal((await post('/admin/conference/2030', '/admin/conference/2030/programme/publish', {})).statusCode, 409);

      assert.equal((await post('/admin/conference/2030', '/admin/conference/2030/publish', {})).statusCode, 303);
      const res = await get('/defenders-days/2030/programme', '');
      assert.equal(res.statusCode, 200);
      const body = text(res.body);
      assert.match(body, /Open panel on protection/);
      assert.match(body, /Boris Panellist/);
      assert.match(body, /Hall/);
      assert.doesNotMatch(res.body, new RegExp(CLOSED));
      assert.doesNotMatch(body, /Digital security basics|Clashing session|Small room|Ana Trainer/);
      const ics = await get('/defenders-days/2030/programme.ics', '');
      assert.match(ics.body, /Open panel on protection/);
      assert.doesNotMatch(ics.body, new RegExp(CLOSED));

      assert.equal((await post('/admin/conference/2030', '/admin/conference/2030/programme/unpublish', {})).statusCode, 303);
      assert.doesNotMatch(text((await get('/defenders-days/2030/programme', '')).body), /Open panel on protection/);
      const e = await edition(2030);
      assert.deepEqual((await auditFor('conference-edition', e?.id ?? 0)).map((a) => a.action).slice(-3), [
        'conference.programme-published',
        'conference.edition-published',
        'conference.programme-unpublished',
      ]);
    });

    void it('logistics reads but does not change; the award secretariat does neither; what does not exist is a 404', async () => {
      for (const url of ['/admin/conference', '/admin/conference/2018', '/admin/conference/2018/programme', '/admin/conference/2019']) {
        const res = await get(url, logistics.cookie);
        assert.equal(res.statusCode, 200, url);
      }
      const page = await get('/admin/conference/2018', logistics.cookie);
      assert.doesNotMatch(page.body, /action="\/admin\/conference\/2018"/, 'no edition form for logistics');
      assert.doesNotMatch(page.body, /\/publish"/);
      assert.match(text(page.body), new RegExp(closed('room-name')), 'logistics reads the closed part');
      for (const url of [
        '/admin/conference/new',
        '/admin/conference/copy',
        `/admin/conference/2018/sessions/${ids.sessions.keynote}`,
        '/admin/conference/2018/tracks/new',
      ])
        assert.equal((await get(url, logistics.cookie)).statusCode, 403, url);
      const tried = await post('/admin/conference/2018/programme', '/admin/conference/2018/publish', {}, logistics.cookie);
      assert.equal(tried.statusCode, 403);
      for (const url of ['/admin/conference', '/admin/conference/2018', '/admin/conference/2018/programme'])
        assert.equal((await get(url, secretariat.cookie)).statusCode, 403, url);
      const nav = await get('/admin', secretariat.cookie);
      assert.doesNotMatch(nav.body, /href="\/admin\/conference"/);
      assert.match((await get('/admin', logistics.cookie)).body, /href="\/admin\/conference"/);

      for (const url of [
        '/admin/conference/2017',
        '/admin/conference/abcd',
        '/admin/conference/2030/sessions/999999',
        `/admin/conference/2030/sessions/${ids.sessions.keynote}`,
        `/admin/conference/2030/rooms/${ids.rooms.public}`,
        `/admin/conference/2030/tracks/${ids.tracks.a}/remove`,
      ])
        assert.equal((await get(url)).statusCode, 404, url);
      assert.equal((await get('/admin/conference', '')).statusCode, 303, 'sign in first');
    });
  });
}
