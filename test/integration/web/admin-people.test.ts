import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeVenue } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { postForm, signedInStaff, type Staff } from '../../support/auth.js';
import { rowCount, testDialects } from '../../support/db.js';
import { decodeHtml } from './markup.js';

for (const dialect of testDialects()) {
  describe(`admin people (${dialect})`, () => {
    let t: TestApp;
    let editor: Staff;

    const post = (page: string, url: string, payload: Record<string, string>, cookie = editor.cookie) => postForm(t, page, url, payload, cookie);
    const get = (url: string, cookie = editor.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie } });

    const person = (slug: string, extra: Record<string, string> = {}) => ({
      slug,
      name: `Natallia ${slug}`,
      affiliation_en: 'Viasna',
      bio_en: 'Human rights defender.',
      ...extra,
    });

    async function create(slug: string, extra: Record<string, string> = {}): Promise<number> {
      const res = await post('/admin/people/new', '/admin/people/new', person(slug, extra));
      assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
      const id = Number(/^\/admin\/people\/(\d+)\?done=created$/.exec(String(res.headers.location))?.[1]);
      assert.ok(id > 0);
      return id;
    }

    before(async () => {
      t = await testApp({ dialect });
      editor = await signedInStaff(t, 'editor');
    });
    after(async () => t?.close());

    it('creates and edits a person with English and Swedish texts and consent', async () => {
      const id = await create('natallia-one', { public_profile: '1', affiliation_sv: 'Viasna (sv)' });
      const row = await t.database.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.name, 'Natallia natallia-one');
      assert.equal(Number(row.public_profile), 1);
      const texts = await t.database.db.selectFrom('person_translations').selectAll().where('person_id', '=', id).orderBy('locale').execute();
      assert.deepEqual(
        texts.map((x) => [x.locale, x.affiliation, x.bio]),
        [
          ['en', 'Viasna', 'Human rights defender.'],
          ['sv', 'Viasna (sv)', ''],
        ],
      );

      const page = await get(`/admin/people/${id}?done=created`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /The person was added/);
      assert.match(page.body, /<input id="public_profile"[^>]*checked/);
      assert.match(page.body, /<label for="affiliation_sv"/);

      const res = await post(`/admin/people/${id}`, `/admin/people/${id}`, person('natallia-renamed', { name: 'Natallia Renamed' }));
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/admin/people/${id}?done=saved`);
      const updated = await t.database.db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(updated.slug, 'natallia-renamed');
      assert.equal(Number(updated.public_profile), 0, 'an unticked box withdraws consent');
      const after = await t.database.db.selectFrom('person_translations').select('locale').where('person_id', '=', id).execute();
      assert.deepEqual(
        after.map((x) => x.locale),
        ['en'],
        'an emptied Swedish version is removed',
      );

      const list = await get('/admin/people');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Natallia Renamed/);
      for (const k of ['series', 'venues', 'partners', 'topics']) assert.match(list.body, new RegExp(`href="/admin/${k}"`));
    });

    it('a form with errors keeps what was typed, links each message to its field, and saves nothing', async () => {
      const before = await Promise.all([
        rowCount(t.database.db, 'people'),
        rowCount(t.database.db, 'person_translations'),
        rowCount(t.database.db, 'audit_log'),
      ]);
      const typed = 'Bio with <b>markup</b> & “quotes”';
      const res = await post(
        '/admin/people/new',
        '/admin/people/new',
        person('Not a slug!', { name: '', bio_en: typed, affiliation_sv: 'Kept', public_profile: '1' }),
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="errors"/);
      assert.match(res.body, /Enter a name\./);
      assert.match(res.body, /Use 2 to 81 lower-case letters/);
      assert.match(res.body, /<input id="slug"[^>]*aria-invalid="true"[^>]*aria-describedby="slug-hint slug-error"/);
      assert.match(res.body, /<input id="name"[^>]*aria-describedby="name-error"/);
      assert.match(res.body, /id="name-error"/);
      assert.match(res.body, /value="Not a slug!"/);
      assert.match(res.body, /value="Kept"/);
      assert.match(res.body, /<input id="public_profile"[^>]*checked/);
      assert.ok(decodeHtml(res.body).includes(typed), 'the typed bio is kept');
      assert.doesNotMatch(res.body, /<b>markup<\/b>/, 'escaped');
      assert.deepEqual(
        await Promise.all([rowCount(t.database.db, 'people'), rowCount(t.database.db, 'person_translations'), rowCount(t.database.db, 'audit_log')]),
        before,
        'no row written',
      );
    });

    it('a slug that is taken is a field message, on create and on edit', async () => {
      await create('taken-person');
      const other = await create('other-person');
      const before = await Promise.all([rowCount(t.database.db, 'people'), rowCount(t.database.db, 'audit_log')]);
      const res = await post('/admin/people/new', '/admin/people/new', person('taken-person', { name: 'Typed name stays' }));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /<p class="field-error" id="slug-error">This address is already used; choose another\.<\/p>/);
      assert.match(res.body, /value="Typed name stays"/);
      const edit = await post(`/admin/people/${other}`, `/admin/people/${other}`, person('taken-person'));
      assert.equal(edit.statusCode, 400);
      assert.match(edit.body, /This address is already used/);
      assert.deepEqual(await Promise.all([rowCount(t.database.db, 'people'), rowCount(t.database.db, 'audit_log')]), before);
      assert.equal((await t.database.db.selectFrom('people').select('slug').where('id', '=', other).executeTakeFirstOrThrow()).slug, 'other-person');
    });

    it('unknown ids are 404; a role without people.edit gets 403', async () => {
      assert.equal((await get('/admin/people/999999')).statusCode, 404);
      assert.equal((await get('/admin/people/abc')).statusCode, 404);
      assert.equal((await post('/admin/people', '/admin/people/999999', person('ghost'))).statusCode, 404);
      const logistics = await signedInStaff(t, 'logistics');
      for (const url of ['/admin/people', '/admin/people/new']) assert.equal((await get(url, logistics.cookie)).statusCode, 403, url);
      const before = await rowCount(t.database.db, 'people');
      const res = await post('/admin', '/admin/people/new', person('by-logistics'), logistics.cookie);
      assert.equal(res.statusCode, 403);
      assert.equal(await rowCount(t.database.db, 'people'), before);
      const nav = await get('/admin', logistics.cookie);
      assert.doesNotMatch(nav.body, /href="\/admin\/people"/);
    });

    it('audit entries name the action and the id, never the person', async () => {
      const id = await create('audited-person', { name: 'Very Private Name', affiliation_en: 'Secret Org' });
      await post(`/admin/people/${id}`, `/admin/people/${id}`, person('audited-person', { name: 'Another Private Name' }));
      const rows = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('object_type', '=', 'person')
        .where('object_id', '=', String(id))
        .orderBy('id')
        .execute();
      assert.deepEqual(
        rows.map((r) => r.action),
        ['person.created', 'person.updated'],
      );
      assert.ok(rows.every((r) => r.actor_id === editor.userId));
      const all = JSON.stringify(await t.database.db.selectFrom('audit_log').selectAll().execute());
      for (const secret of ['Private Name', 'Secret Org', 'audited-person', 'Natallia']) assert.ok(!all.includes(secret), `${secret} not in the audit trail`);
    });

    it('a person added here can be chosen as a speaker and shows on the public event page once published', async () => {
      const id = await create('speaker-from-people', { name: 'Maryia Speakerova' });
      const form = await get('/admin/events/new');
      assert.match(form.body, new RegExp(`<option value="${id}"[^>]*>Maryia Speakerova</option>`));
      const venueId = (await makeVenue(t.database.db, { name: 'Kulturhuset' })).id;
      const created = await post('/admin/events/new', '/admin/events/new', {
        slug: 'people-speaker-event',
        type: 'seminar',
        starts_local: '2030-06-14T09:00',
        ends_local: '2030-06-14T11:00',
        time_zone: 'Europe/Stockholm',
        venue_id: String(venueId),
        speaker_person_0: String(id),
        speaker_role_0: 'speaker',
        title_en: 'An event with a speaker from the people page',
      });
      assert.equal(created.statusCode, 303, created.body.slice(0, 2000));
      const eventId = Number(/\/admin\/events\/(\d+)/.exec(String(created.headers.location))?.[1]);
      assert.equal((await t.app.inject({ method: 'GET', url: '/events/people-speaker-event' })).statusCode, 404);
      const pub = await post(`/admin/events/${eventId}`, `/admin/events/${eventId}/publish`, {});
      assert.equal(pub.statusCode, 303);
      const page = await t.app.inject({ method: 'GET', url: '/events/people-speaker-event' });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Maryia Speakerova/);
    });
  });
}
