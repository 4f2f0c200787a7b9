import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makeVenue } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { postForm, signedInStaff, type Staff } from '../../support/auth.js';
import { rowCount, testDialects } from '../../support/db.js';
import { jpegDeclaring, pngBomb } from '../../support/image-bombs.js';
import { encryptedPdf, handWrittenPdf, hostilePdf, KEPT_LINK, PDF_PAGE_TEXT, pdfLeftovers, pdfPageContent } from '../../support/hostile-pdf.js';
import { postUpload, type Part } from '../../support/multipart.js';
import { decodeHtml } from './markup.js';

/**
 * What an upload keeps and what it loses: PDFs (event documents, award country reports) are
 * rewritten without metadata, JavaScript, embedded files, forms or comments, and what the
 * pages show stays; encrypted and broken PDFs are refused with a message. Images that
 * declare more pixels than the limit are refused from their header, before decoding.
 */
for (const dialect of testDialects()) {
  describe(`upload safety (${dialect})`, () => {
    let t: TestApp;
    let editor: Staff;
    let venueId: number;

    const get = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    const post = (page: string, url: string, payload: Record<string, string>) => postForm(t, page, url, payload, editor.cookie);
    const filesOnDisk = () => (fs.existsSync(t.database.mediaRoot) ? fs.readdirSync(t.database.mediaRoot).length : 0);

    async function newEvent(slug: string): Promise<number> {
      const res = await post('/admin/events/new', '/admin/events/new', {
        slug,
        type: 'seminar',
        starts_local: '2030-06-10T09:00',
        ends_local: '2030-06-10T11:00',
        time_zone: 'Europe/Stockholm',
        venue_id: String(venueId),
        title_en: `Seminar ${slug}`,
        summary_en: 'About documentation of abuses.',
        body_en: 'One paragraph.',
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
      return Number(/^\/admin\/events\/(\d+)/.exec(String(res.headers.location))?.[1]);
    }
    const addDocument = (id: number, data: Buffer) =>
      postUpload(
        t,
        `/admin/events/${id}`,
        `/admin/events/${id}/documents`,
        [
          { name: 'doc_title_en', value: 'Programme' },
          { name: 'document', file: { filename: 'programme.pdf', type: 'application/pdf', data } },
        ],
        editor.cookie,
      );
    const setImage = (id: number, data: Buffer, filename = 'photo.png') =>
      postUpload(
        t,
        `/admin/events/${id}`,
        `/admin/events/${id}/image`,
        [
          { name: 'alt_en', value: 'A meeting room' },
          { name: 'credit', value: 'Photo: Test' },
          { name: 'file', file: { filename, type: 'image/png', data } },
        ] satisfies Part[],
        editor.cookie,
      );

    before(async () => {
      t = await testApp({ dialect });
      editor = await signedInStaff(t, 'editor');
      venueId = (await makeVenue(t.database.db, { name: 'Folkets hus', city: 'Uppsala' })).id;
    });
    after(async () => t?.close());

    it('an event document is stored and served without metadata, JavaScript, attachments, forms or comments; its pages stay', async () => {
      const input = await hostilePdf();
      assert.ok((await pdfLeftovers(input)).length > 40, 'the input carries everything the rewrite must remove');
      const id = await newEvent('pdf-rewritten');
      const res = await addDocument(id, input);
      assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
      const { key } = await t.database.db
        .selectFrom('event_documents')
        .innerJoin('media', 'media.id', 'event_documents.media_id')
        .where('event_documents.event_id', '=', id)
        .select('media.key')
        .executeTakeFirstOrThrow();
      const stored = fs.readFileSync(path.join(t.database.mediaRoot, key, 'file'));
      assert.deepEqual(await pdfLeftovers(stored), [], 'stored file');
      assert.deepEqual(await pdfPageContent(stored), await pdfPageContent(input), 'same pages, text, images and safe links');
      const content = await pdfPageContent(stored);
      assert.deepEqual(
        content.map((p) => p.text),
        PDF_PAGE_TEXT,
      );
      assert.deepEqual(content[0]?.links, [KEPT_LINK, 'page 2']);
      assert.equal(content[0]?.images, 1);

      const staff = await get(`/admin/media/${key}/file`, editor.cookie);
      assert.equal(staff.statusCode, 200);
      assert.deepEqual(staff.rawPayload, stored, 'the preview serves the rewritten file');
      assert.equal((await post(`/admin/events/${id}`, `/admin/events/${id}/publish`, {})).statusCode, 303);
      const served = await get(`/media/${key}/file`);
      assert.equal(served.statusCode, 200);
      assert.match(String(served.headers['content-disposition']), /^attachment/);
      assert.deepEqual(await pdfLeftovers(served.rawPayload), [], 'served file');
    });

    it('an award country report written by an old tool loses its Info dictionary, Launch action and catalog actions', async () => {
      const created = await post('/admin/award/new', '/admin/award/new', {
        year: '2026',
        name: 'Recipient 2026',
        country_code: 'GE',
        organisation: 'An invented organisation',
        edition_year: '',
        motivation_en: 'For work without violence.',
        ceremony_en: '',
      });
      assert.equal(created.statusCode, 303, created.body.slice(0, 2000));
      const input = handWrittenPdf();
      assert.ok((await pdfLeftovers(input)).length > 5);
      const res = await postUpload(
        t,
        '/admin/award/2026',
        '/admin/award/2026/report',
        [
          { name: 'report', file: { filename: 'r.pdf', type: 'application/pdf', data: input } },
          { name: 'report_title_en', value: 'Country report' },
        ],
        editor.cookie,
      );
      assert.equal(res.statusCode, 303, res.body.slice(0, 2000));
      const { key } = await t.database.db
        .selectFrom('award_recipients')
        .innerJoin('media', 'media.id', 'award_recipients.report_id')
        .where('award_recipients.year', '=', 2026)
        .select('media.key')
        .executeTakeFirstOrThrow();
      const served = await get(`/admin/award/media/${key}/file`, editor.cookie);
      assert.equal(served.statusCode, 200);
      assert.deepEqual(await pdfLeftovers(served.rawPayload), []);
      assert.deepEqual(await pdfPageContent(served.rawPayload), await pdfPageContent(input));
    });

    it('refuses encrypted and unreadable PDFs with a message next to the field, storing nothing', async () => {
      const id = await newEvent('pdf-refused');
      const before = { media: await rowCount(t.database.db, 'media'), files: filesOnDisk() };
      const encrypted = await addDocument(id, encryptedPdf());
      assert.equal(encrypted.statusCode, 400);
      assert.ok(decodeHtml(encrypted.body).includes('This PDF is protected with a password or encryption'), encrypted.body.slice(0, 500));
      assert.match(encrypted.body, /<input id="document"[^>]*aria-invalid="true"/);
      const broken = await addDocument(id, Buffer.from('%PDF-1.7\nthis is not really a PDF\n%%EOF\n'));
      assert.equal(broken.statusCode, 400);
      assert.ok(decodeHtml(broken.body).includes('We could not read this PDF'));
      assert.equal(await rowCount(t.database.db, 'media'), before.media);
      assert.equal(filesOnDisk(), before.files);
    });

    it('refuses images that declare more than 50 megapixels from their header, before decoding', async () => {
      const id = await newEvent('image-bombs');
      const before = { media: await rowCount(t.database.db, 'media'), files: filesOnDisk() };
      // The first two hold almost no pixel data: a decoder would fail on them. Being told
      // "too many pixels" rather than "not a picture" shows the header alone decided.
      const cases: [string, Buffer][] = [
        ['a PNG header declaring 30000 x 30000 with ten rows of data', pngBomb(30000, 30000, 10)],
        ['a JPEG header declaring 9000 x 9000 (81 MP) over a 16 x 16 picture', await jpegDeclaring(9000, 9000)],
        ['a complete 12000 x 12000 black PNG (144 MP in about 140 KB)', pngBomb(12000, 12000)],
      ];
      for (const [what, data] of cases) {
        assert.ok(data.length < 1024 * 1024, `${what} is small`);
        const res = await setImage(id, data);
        assert.equal(res.statusCode, 400, what);
        assert.ok(decodeHtml(res.body).includes('This picture has more than 50 megapixels'), what);
        assert.match(res.body, /<input id="file"[^>]*aria-invalid="true"/);
      }
      assert.equal(await rowCount(t.database.db, 'media'), before.media);
      assert.equal(filesOnDisk(), before.files);
      // A picture under the limit still goes through.
      assert.equal((await setImage(id, pngBomb(1600, 1000))).statusCode, 303);
    });
  });
}
