import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makePerson, makeVenue, minimalPdf } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { multipart, type Part } from '../../support/multipart.js';
import { formToken, postForm, signedInStaff, type Staff } from '../../support/auth.js';
import { rowCount, testDialects } from '../../support/db.js';
import { decodeHtml } from './markup.js';
import { CAMERA_MAKE, SECRET_ARTIST, exifOf, jpegWithMetadata, metadataLeft } from '../../support/image-metadata.js';

for (const dialect of testDialects()) {
  describe(`admin events (${dialect})`, () => {
    let t: TestApp;
    let editor: Staff;
    let venueId: number;
    let personId: number;

    const form = (slug: string, extra: Record<string, string> = {}) => ({
      slug,
      type: 'seminar',
      starts_local: '2030-05-14T09:00',
      ends_local: '2030-05-14T11:00',
      time_zone: 'Europe/Stockholm',
      venue_id: String(venueId),
      countries: 'SE, BY',
      speaker_person_0: String(personId),
      speaker_role_0: 'speaker',
      title_en: `Seminar ${slug}`,
      summary_en: 'About the shrinking space for civil society.',
      body_en: 'First paragraph.\n\nSecond paragraph.',
      ...extra,
    });

    /** POSTs a url-encoded form with the CSRF token of the page it lives on. */
    const post = (page: string, url: string, payload: Record<string, string>, cookie = editor.cookie) => postForm(t, page, url, payload, cookie);

    async function upload(eventId: number, url: string, parts: Part[]) {
      const tok = await formToken(t, `/admin/events/${eventId}`, editor.cookie);
      const body = multipart([{ name: '_csrf', value: tok.csrf }, ...parts]);
      return t.app.inject({ method: 'POST', url, headers: { cookie: tok.cookie, 'content-type': body.contentType }, payload: body.payload });
    }

    async function create(slug: string, extra: Record<string, string> = {}): Promise<number> {
      const res = await post('/admin/events/new', '/admin/events/new', form(slug, extra));
      assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
      const id = Number(/^\/admin\/events\/(\d+)\?done=created$/.exec(String(res.headers.location))?.[1]);
      assert.ok(id > 0);
      return id;
    }

    const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    const imageKey = async (id: number) =>
      await t.database.db
        .selectFrom('events')
        .innerJoin('media', 'media.id', 'events.image_id')
        .where('events.id', '=', id)
        .select(['media.key', 'media.variants'])
        .executeTakeFirst();

    before(async () => {
      t = await testApp({ dialect });
      editor = await signedInStaff(t, 'editor');
      venueId = (await makeVenue(t.database.db, { name: 'Kulturhuset', city: 'Stockholm' })).id;
      personId = (await makePerson(t.database.db, { name: 'Ales Example', affiliation: { en: 'Viasna' } })).id;
    });
    after(async () => t?.close());

    it('a form with errors comes back with field messages and what was typed, and saves nothing', async () => {
      const before = await Promise.all([
        rowCount(t.database.db, 'events'),
        rowCount(t.database.db, 'event_translations'),
        rowCount(t.database.db, 'event_people'),
        rowCount(t.database.db, 'audit_log'),
      ]);
      const typed = 'Title with <b>markup</b> & “quotes” – kept';
      const res = await post(
        '/admin/events/new',
        '/admin/events/new',
        form('past', { title_en: typed, ends_local: '2030-05-14T08:00', live_stream_url: 'http://insecure.example.org/' }),
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="errors"/);
      assert.match(res.body, /This word is reserved for another page/);
      assert.match(res.body, /The end must be after the start/);
      assert.match(res.body, /Enter a full address starting with https:\/\//);
      assert.match(res.body, /<input id="slug"[^>]*aria-invalid="true"[^>]*aria-describedby="slug-hint slug-error"/);
      assert.ok(
        res.body.includes('value="Title with &lt;b>markup&lt;/b> &amp; “quotes” – kept"') || decodeHtml(res.body).includes(`value="${typed}"`),
        'the typed title is kept, escaped',
      );
      assert.doesNotMatch(res.body.replace(/"[^"]*"/g, '""'), /<b>markup<\/b>/, 'no element injected outside attribute values');
      assert.match(res.body, /<option value="Europe\/Stockholm" selected/);
      assert.match(res.body, new RegExp(`<option value="${personId}" selected`));
      assert.match(res.body, /value="SE, BY"/);
      const afterCounts = await Promise.all([
        rowCount(t.database.db, 'events'),
        rowCount(t.database.db, 'event_translations'),
        rowCount(t.database.db, 'event_people'),
        rowCount(t.database.db, 'audit_log'),
      ]);
      assert.deepEqual(afterCounts, before, 'no row written');
    });

    it('a slug that is taken, or a venue that does not exist, is a field error too', async () => {
      await create('taken-slug');
      const before = await rowCount(t.database.db, 'events');
      const res = await post('/admin/events/new', '/admin/events/new', form('taken-slug', { venue_id: '99999' }));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Another event already has this address/);
      assert.match(res.body, /Choose one of the listed options/);
      assert.equal(await rowCount(t.database.db, 'events'), before);
    });

    it('creates a draft that is 404 publicly and previewable by staff; publishing makes it public', async () => {
      const id = await create('draft-then-public');
      const row = await t.database.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'draft');
      assert.equal(row.starts_at, '2030-05-14T07:00:00.000Z', 'local Stockholm time stored as UTC');
      assert.equal((await get('/events/draft-then-public')).statusCode, 404);
      assert.equal((await get('/sv/events/draft-then-public')).statusCode, 404);
      assert.equal((await get(`/admin/events/${id}/preview`)).statusCode, 303, 'no preview without signing in');

      const preview = await get(`/admin/events/${id}/preview`, editor.cookie);
      assert.equal(preview.statusCode, 200);
      assert.match(preview.body, /Preview — not public/);
      assert.match(preview.body, /<meta name="robots" content="noindex, nofollow"/);
      assert.match(preview.body, /Seminar draft-then-public/);
      assert.equal(preview.headers['cache-control'], 'no-store');

      const edit = await get(`/admin/events/${id}`, editor.cookie);
      assert.equal(edit.statusCode, 200);
      assert.match(edit.body, /value="2030-05-14T09:00"/, 'the time shows in the event’s zone');

      const pub = await post(`/admin/events/${id}`, `/admin/events/${id}/publish`, {});
      assert.equal(pub.statusCode, 303);
      const page = await get('/events/draft-then-public');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Seminar draft-then-public/);
      assert.match(page.body, /Ales Example/);
      const published = await t.database.db.selectFrom('events').select(['status', 'published_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(published.status, 'published');
      assert.ok(published.published_at);
    });

    it('updates keep English and Swedish side by side, and a bad update saves nothing', async () => {
      const id = await create('bilingual');
      const ok = await post(
        `/admin/events/${id}`,
        `/admin/events/${id}`,
        form('bilingual', { title_sv: 'Seminarium på svenska', summary_sv: 'Om krympande utrymme.', online: '1', venue_id: '' }),
      );
      assert.equal(ok.statusCode, 303);
      const edit = await get(`/admin/events/${id}`, editor.cookie);
      assert.match(
        edit.body,
        /<input id="title_sv"[^>]*value="Seminarium på svenska"[^>]*lang="sv"|lang="sv"[^>]*value="Seminarium på svenska"|value="Seminarium på svenska"/,
      );
      assert.match(edit.body, /class="lang-columns"/);
      const before = await t.database.db.selectFrom('event_translations').selectAll().where('event_id', '=', id).orderBy('locale').execute();
      const bad = await post(
        `/admin/events/${id}`,
        `/admin/events/${id}`,
        form('bilingual', { title_en: '', title_sv: 'Ändrad titel', online: '', venue_id: '' }),
      );
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the English title/);
      assert.match(bad.body, /Choose a venue, tick “Online”, or both/);
      assert.match(bad.body, /value="Ändrad titel"/, 'what was typed comes back');
      assert.doesNotMatch(bad.body, /<input id="online"[^>]*checked/, 'the unticked box stays unticked');
      const afterRows = await t.database.db.selectFrom('event_translations').selectAll().where('event_id', '=', id).orderBy('locale').execute();
      assert.deepEqual(afterRows, before);
    });

    it('an image with EXIF, GPS and XMP is stored and served without any of it', async () => {
      const input = await jpegWithMetadata();
      const meta = await exifOf(input);
      assert.equal(meta?.Make, CAMERA_MAKE, 'the input carries camera EXIF');
      assert.ok(typeof meta?.latitude === 'number' && meta.latitude > 59, 'the input carries GPS');
      assert.equal(meta?.creator, SECRET_ARTIST, 'the input carries XMP');

      const id = await create('with-image');
      const mediaBefore = await rowCount(t.database.db, 'media');
      const res = await upload(id, `/admin/events/${id}/image`, [
        { name: 'alt_en', value: 'A blue square' },
        { name: 'alt_sv', value: '' },
        { name: 'credit', value: 'Photo: Test' },
        { name: 'file', file: { filename: 'holiday.jpg', type: 'image/jpeg', data: input } },
      ]);
      assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
      assert.equal(await rowCount(t.database.db, 'media'), mediaBefore + 1);
      const media = await imageKey(id);
      assert.ok(media);
      const variants = media.variants.split(',');
      assert.deepEqual(variants, ['400', '800']);

      // Stored files: nothing left.
      for (const w of variants) {
        const stored: Buffer = fs.readFileSync(path.join(t.database.mediaRoot, media.key, `${w}.webp`));
        assert.deepEqual(await metadataLeft(stored), [], `stored ${w}.webp`);
      }
      // A draft's image is not served publicly, but staff see it in the preview.
      assert.equal((await get(`/media/${media.key}/400.webp`)).statusCode, 404);
      assert.equal((await get(`/admin/media/${media.key}/400.webp`, editor.cookie)).statusCode, 200);
      assert.equal((await get(`/admin/media/${media.key}/400.webp`)).statusCode, 303);

      assert.equal((await post(`/admin/events/${id}`, `/admin/events/${id}/publish`, {})).statusCode, 303);
      const page = await get('/events/with-image');
      assert.match(page.body, new RegExp(`/media/${media.key}/400\\.webp`));
      assert.match(page.body, /alt="A blue square"/);
      assert.match(page.body, /Photo: Test/);
      for (const w of variants) {
        const served = await get(`/media/${media.key}/${w}.webp`);
        assert.equal(served.statusCode, 200);
        assert.equal(served.headers['content-type'], 'image/webp');
        assert.equal(served.headers['x-content-type-options'], 'nosniff');
        assert.deepEqual(await metadataLeft(served.rawPayload), [], `served ${w}.webp`);
      }
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'object_type', 'object_id', 'details'])
        .where('action', '=', 'media.uploaded')
        .execute();
      assert.ok(audit.some((a) => a.details.includes(`"eventId":${id}`)));
    });

    it('refuses a text file named .jpg and an 11 MB file with a message next to the field, saving nothing', async () => {
      const id = await create('bad-uploads');
      const before = {
        media: await rowCount(t.database.db, 'media'),
        files: fs.existsSync(t.database.mediaRoot) ? fs.readdirSync(t.database.mediaRoot).length : 0,
      };
      const texts = [
        { name: 'alt_en', value: 'Typed alt text' },
        { name: 'credit', value: 'Typed credit' },
      ];
      const txt = await upload(id, `/admin/events/${id}/image`, [
        ...texts,
        { name: 'file', file: { filename: 'photo.jpg', type: 'image/jpeg', data: Buffer.from('just some text, not a picture\n'.repeat(20)) } },
      ]);
      assert.equal(txt.statusCode, 400);
      assert.match(txt.body, /This file is not a picture we can read/);
      assert.match(txt.body, /<input id="file"[^>]*aria-invalid="true"/);
      assert.match(txt.body, /value="Typed alt text"/);
      assert.match(txt.body, /value="Typed credit"/);

      const big = Buffer.alloc(11 * 1024 * 1024, 0x41);
      const huge = await upload(id, `/admin/events/${id}/image`, [...texts, { name: 'file', file: { filename: 'big.jpg', type: 'image/jpeg', data: big } }]);
      assert.equal(huge.statusCode, 400);
      assert.match(huge.body, /The file is larger than 10 MB/);

      const pdf = await upload(id, `/admin/events/${id}/documents`, [
        { name: 'doc_title_en', value: 'Programme' },
        { name: 'document', file: { filename: 'programme.pdf', type: 'application/pdf', data: Buffer.from('not a pdf') } },
      ]);
      assert.equal(pdf.statusCode, 400);
      assert.match(pdf.body, /This file is not a PDF/);

      const noAlt = await upload(id, `/admin/events/${id}/image`, [
        { name: 'credit', value: 'x' },
        { name: 'file', file: { filename: 'a.jpg', type: 'image/jpeg', data: await jpegWithMetadata() } },
      ]);
      assert.equal(noAlt.statusCode, 400);
      assert.match(noAlt.body, /Describe the image in English/);

      assert.equal(await rowCount(t.database.db, 'media'), before.media);
      assert.equal(fs.existsSync(t.database.mediaRoot) ? fs.readdirSync(t.database.mediaRoot).length : 0, before.files, 'no file left on disk');
    });

    it('a PDF becomes a download; hidden events and their files are 404 to visitors', async () => {
      const id = await create('hidden-later');
      const doc = await upload(id, `/admin/events/${id}/documents`, [
        { name: 'doc_title_en', value: 'Programme' },
        { name: 'doc_title_sv', value: 'Program' },
        { name: 'document', file: { filename: 'p.pdf', type: 'application/pdf', data: minimalPdf('Programme') } },
      ]);
      assert.equal(doc.statusCode, 303, doc.body.slice(0, 1500));
      await post(`/admin/events/${id}`, `/admin/events/${id}/publish`, {});
      const page = await get('/events/hidden-later');
      const key = /href="\/media\/([A-Za-z0-9_-]+)\/file"/.exec(page.body)?.[1];
      assert.ok(key, 'the document is linked');
      const file = await get(`/media/${key}/file`);
      assert.equal(file.statusCode, 200);
      assert.match(String(file.headers['content-disposition']), /^attachment/);

      assert.equal((await post(`/admin/events/${id}`, `/admin/events/${id}/hide`, {})).statusCode, 303);
      assert.equal((await get('/events/hidden-later')).statusCode, 404);
      assert.equal((await get(`/media/${key}/file`)).statusCode, 404);
      assert.equal((await get(`/admin/events/${id}/preview`, editor.cookie)).statusCode, 200);
      await post(`/admin/events/${id}`, `/admin/events/${id}/unhide`, {});
      assert.equal((await get('/events/hidden-later')).statusCode, 200);
    });

    it('a change notice shows on the event page; cancelling keeps the page with a banner', async () => {
      const id = await create('with-notice');
      await post(`/admin/events/${id}`, `/admin/events/${id}/publish`, {});
      const outboxBefore = await rowCount(t.database.db, 'outbox');
      const empty = await post(`/admin/events/${id}`, `/admin/events/${id}/notices`, { notice_en: '', notice_sv: 'Bara svenska' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Enter the English text of the notice/);
      assert.match(empty.body, />Bara svenska<\/textarea>/);
      const ok = await post(`/admin/events/${id}`, `/admin/events/${id}/notices`, { notice_en: 'New room: 4th floor.', notice_sv: 'Ny lokal: våning 4.' });
      assert.equal(ok.statusCode, 303);
      assert.match((await get('/events/with-notice')).body, /New room: 4th floor\./);
      assert.match((await get('/sv/events/with-notice')).body, /Ny lokal: våning 4\./);
      // No registrations exist yet, so there is nobody to mail.
      assert.equal(await rowCount(t.database.db, 'outbox'), outboxBefore);

      assert.equal((await post(`/admin/events/${id}`, `/admin/events/${id}/cancel`, {})).statusCode, 303);
      const page = await get('/events/with-notice');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /banner-alert/);
      assert.equal((await post(`/admin/events/${id}`, `/admin/events/${id}/unpublish`, {})).statusCode, 303);
      assert.equal((await get('/events/with-notice')).statusCode, 404);
    });

    it('unknown ids are 404; a role without the permission gets 403', async () => {
      for (const url of ['/admin/events/999999', '/admin/events/999999/preview', '/admin/events/abc', '/admin/events/0']) {
        assert.equal((await get(url, editor.cookie)).statusCode, 404, url);
      }
      assert.equal((await post('/admin/events', '/admin/events/999999/publish', {})).statusCode, 404);
      const logistics = await signedInStaff(t, 'logistics');
      assert.equal((await get('/admin/events/new', logistics.cookie)).statusCode, 403);
      assert.equal((await get('/admin/events', logistics.cookie)).statusCode, 200, 'logistics may read drafts');
      const denied = await t.database.db
        .selectFrom('audit_log')
        .select(['details', 'object_id'])
        .where('action', '=', 'access.denied')
        .where('actor_id', '=', logistics.userId)
        .execute();
      assert.ok(denied.some((d) => d.object_id === 'GET /admin/events/new'));
      const board = await signedInStaff(t, 'board');
      assert.equal((await get('/admin/events', board.cookie)).statusCode, 403);
    });

    it('every action is audited by name with ids only, no personal data', async () => {
      const rows = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'object_type', 'object_id', 'details'])
        .where('actor_id', '=', editor.userId)
        .execute();
      const actions = new Set(rows.map((r) => r.action));
      for (const a of [
        'event.created',
        'event.updated',
        'event.published',
        'event.unpublished',
        'event.cancelled',
        'event.hidden',
        'event.unhidden',
        'event.notice-added',
        'event.image-set',
        'event.document-added',
        'media.uploaded',
      ]) {
        assert.ok(actions.has(a), `${a} recorded`);
      }
      const personal = [editor.email, 'Staff', 'Ales Example', 'Secret Photographer', 'New room', 'A blue square', 'Programme', 'Seminar'];
      for (const r of rows.filter((x) => x.action.startsWith('event.') || x.action.startsWith('media.'))) {
        for (const p of personal) assert.ok(!r.details.includes(p), `${r.action} details mention ${p}`);
        assert.match(r.details, /^\{("[a-zA-Z]+":(\d+|"(image|document)"),?)*\}$/, `${r.action}: ${r.details}`);
      }
    });

    it('the dashboard counts drafts, upcoming and cancelled events and links the next ones', async () => {
      const res = await get('/admin', editor.cookie);
      assert.equal(res.statusCode, 200);
      const drafts = await t.database.db
        .selectFrom('events')
        .where('status', '=', 'draft')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.match(res.body, new RegExp(`<dd[^>]*>${Number(drafts.n)}</dd>`));
      assert.match(res.body, /href="\/admin\/events\/\d+"/);
    });
  });
}
