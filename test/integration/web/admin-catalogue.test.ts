import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestApp } from '../../support/app.js';
import { postForm, signedInStaff, type Staff } from '../../support/auth.js';
import { rowCount, testDialects } from '../../support/db.js';

type Table = 'series' | 'series_translations' | 'venues' | 'partners' | 'topics' | 'topic_translations' | 'audit_log';
/** A valid form of each kind, and the audit name of its objects. */
const kinds = {
  series: { audit: 'series', form: (slug: string) => ({ slug, name_en: `Series ${slug}`, description_en: 'A series of seminars.', name_sv: `Serie ${slug}` }) },
  venues: { audit: 'venue', form: (slug: string) => ({ slug, name: `Venue ${slug}`, address: 'Sergels torg 3', city: 'Stockholm', country_code: 'se' }) },
  partners: { audit: 'partner', form: (slug: string) => ({ slug, name: `Partner ${slug}`, url: 'https://partner.example.org/' }) },
  topics: { audit: 'topic', form: (slug: string) => ({ slug, name_en: `Topic ${slug}`, name_sv: `Ämne ${slug}` }) },
} as const;

for (const dialect of testDialects()) {
  describe(`admin catalogue (${dialect})`, () => {
    let t: TestApp;
    let editor: Staff;

    const post = (page: string, url: string, payload: Record<string, string>, cookie = editor.cookie) => postForm(t, page, url, payload, cookie);
    const get = (url: string, cookie = editor.cookie) => t.app.inject({ method: 'GET', url, headers: { cookie } });

    async function create(kind: keyof typeof kinds, payload: Record<string, string>): Promise<number> {
      const res = await post(`/admin/${kind}/new`, `/admin/${kind}/new`, payload);
      assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
      const id = Number(new RegExp(`^/admin/${kind}/(\\d+)\\?done=created$`).exec(String(res.headers.location))?.[1]);
      assert.ok(id > 0);
      return id;
    }

    before(async () => {
      t = await testApp({ dialect });
      editor = await signedInStaff(t, 'editor');
    });
    after(async () => t?.close());

    for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
      it(`${kind}: creates, lists, edits; audit holds ids only`, async () => {
        const id = await create(kind, kinds[kind].form(`${kind}-one`));
        const page = await get(`/admin/${kind}/${id}?done=created`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Added\./);
        assert.match(page.body, new RegExp(`value="${kind}-one"`));
        const list = await get(`/admin/${kind}`);
        assert.equal(list.statusCode, 200);
        assert.match(list.body, new RegExp(`href="/admin/${kind}/${id}"`));

        const res = await post(`/admin/${kind}/${id}`, `/admin/${kind}/${id}`, kinds[kind].form(`${kind}-renamed`));
        assert.equal(res.statusCode, 303);
        assert.equal(res.headers.location, `/admin/${kind}/${id}?done=saved`);
        const row = await t.database.db.selectFrom(kind).select('slug').where('id', '=', id).executeTakeFirstOrThrow();
        assert.equal(row.slug, `${kind}-renamed`);

        const audit = await t.database.db
          .selectFrom('audit_log')
          .selectAll()
          .where('object_type', '=', kinds[kind].audit)
          .where('object_id', '=', String(id))
          .orderBy('id')
          .execute();
        assert.deepEqual(
          audit.map((a) => a.action),
          [`${kinds[kind].audit}.created`, `${kinds[kind].audit}.updated`],
        );
        const text = JSON.stringify(audit);
        assert.ok(!text.includes(`${kind}-`) && !/Series |Venue |Partner |Topic /.test(text), 'no names or slugs in the audit trail');
      });
    }

    it('stores what each form means: Swedish names, country code, https address', async () => {
      const series = await create('series', { ...kinds.series.form('series-texts'), description_sv: 'En serie.' });
      const st = await t.database.db.selectFrom('series_translations').selectAll().where('series_id', '=', series).orderBy('locale').execute();
      assert.deepEqual(
        st.map((r) => [r.locale, r.name, r.description]),
        [
          ['en', 'Series series-texts', 'A series of seminars.'],
          ['sv', 'Serie series-texts', 'En serie.'],
        ],
      );
      const topic = await create('topics', { slug: 'topic-en-only', name_en: 'Only English' });
      assert.deepEqual(
        (await t.database.db.selectFrom('topic_translations').select('locale').where('topic_id', '=', topic).execute()).map((r) => r.locale),
        ['en'],
      );
      const venue = await create('venues', kinds.venues.form('venue-country'));
      assert.equal((await t.database.db.selectFrom('venues').select('country_code').where('id', '=', venue).executeTakeFirstOrThrow()).country_code, 'SE');
      // Each of them is now a choice on the event form.
      const eventForm = await get('/admin/events/new');
      assert.match(eventForm.body, new RegExp(`<option value="${series}"[^>]*>Series series-texts</option>`));
      assert.match(eventForm.body, new RegExp(`<option value="${venue}"[^>]*>Venue venue-country, Stockholm</option>`));
      assert.match(eventForm.body, /Only English/);
    });

    it('forms with errors come back with field messages and what was typed, and save nothing', async () => {
      const tables: Table[] = ['series', 'series_translations', 'venues', 'partners', 'topics', 'topic_translations', 'audit_log'];
      const before = await Promise.all(tables.map((x) => rowCount(t.database.db, x)));
      const cases: [keyof typeof kinds, Record<string, string>, RegExp[]][] = [
        [
          'series',
          { slug: '-bad', name_en: '', description_sv: 'Typed Swedish description' },
          [/Enter a name\./, /Enter the Swedish name, or leave every Swedish field empty/, /Use 2 to 81/, /Typed Swedish description/],
        ],
        [
          'venues',
          { slug: 'venue-bad', name: 'Typed venue', city: 'Vilnius', country_code: 'XX' },
          [/Enter a two-letter country code/, /value="Typed venue"/, /value="Vilnius"/, /value="XX"/],
        ],
        [
          'partners',
          { slug: 'partner-bad', name: 'Typed partner', url: 'http://insecure.example.org/' },
          [/Enter a full address starting with https:\/\//, /value="http:\/\/insecure.example.org\/"/],
        ],
        ['topics', { slug: 'x', name_en: 'N'.repeat(201) }, [/This is too long\./, /Use 2 to 81/]],
      ];
      for (const [kind, payload, expected] of cases) {
        const res = await post(`/admin/${kind}/new`, `/admin/${kind}/new`, payload);
        assert.equal(res.statusCode, 400, kind);
        assert.match(res.body, /id="errors"/);
        for (const e of expected) assert.match(res.body, e, `${kind}: ${e}`);
        assert.match(res.body, /aria-invalid="true"[^>]*aria-describedby="[^"]*-error"/);
      }
      assert.deepEqual(await Promise.all(tables.map((x) => rowCount(t.database.db, x))), before, 'no row written');
    });

    it('a slug that is taken is a field message; the same slug in another list is fine', async () => {
      await create('partners', kinds.partners.form('shared-slug'));
      const venue = await create('venues', kinds.venues.form('shared-slug'));
      const before = await rowCount(t.database.db, 'partners');
      const res = await post('/admin/partners/new', '/admin/partners/new', { ...kinds.partners.form('shared-slug'), name: 'Typed partner name' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="slug-error">This address is already used/);
      assert.match(res.body, /value="Typed partner name"/);
      assert.equal(await rowCount(t.database.db, 'partners'), before);
      const other = await create('venues', kinds.venues.form('venue-two'));
      const edit = await post(`/admin/venues/${other}`, `/admin/venues/${other}`, kinds.venues.form('shared-slug'));
      assert.equal(edit.statusCode, 400);
      assert.ok(venue !== other);
    });

    it('unknown ids are 404; a role without people.edit gets 403', async () => {
      for (const kind of Object.keys(kinds)) {
        assert.equal((await get(`/admin/${kind}/999999`)).statusCode, 404, kind);
        assert.equal((await get(`/admin/${kind}/0`)).statusCode, 404, kind);
      }
      assert.equal((await post('/admin/topics', '/admin/topics/999999', kinds.topics.form('ghost'))).statusCode, 404);
      const logistics = await signedInStaff(t, 'logistics');
      for (const kind of Object.keys(kinds)) {
        assert.equal((await get(`/admin/${kind}`, logistics.cookie)).statusCode, 403, kind);
        assert.equal((await get(`/admin/${kind}/new`, logistics.cookie)).statusCode, 403, kind);
      }
      const before = await rowCount(t.database.db, 'topics');
      assert.equal((await post('/admin', '/admin/topics/new', kinds.topics.form('by-logistics'), logistics.cookie)).statusCode, 403);
      assert.equal(await rowCount(t.database.db, 'topics'), before);
    });
  });
}
