import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { minimalPdf } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { multipart, type Part } from '../../support/multipart.js';
import { formToken, postForm, signedInStaff, type Staff } from '../../support/auth.js';
import { rowCount, testDialects } from '../../support/db.js';
import { jpegWithMetadata, metadataLeft } from '../../support/image-metadata.js';
import { decodeHtml } from './markup.js';

/**
 * Editing the award's public pages under /admin/award: create, edit, publish and
 * unpublish, photo and report uploads; forms that come back with their errors and save
 * nothing; one audit entry per change, with ids and years but no names or texts; 403 for
 * roles without award.publish, 404 for years that do not exist.
 */

for (const dialect of testDialects()) {
  describe(`admin award (${dialect})`, () => {
    let t: TestApp;
    let editor: Staff;

    const get = (url: string, cookie: string | undefined = editor.cookie) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    const post = (page: string, url: string, payload: Record<string, string>, cookie = editor.cookie) => postForm(t, page, url, payload, cookie);
    async function upload(year: number, url: string, parts: Part[]) {
      const tok = await formToken(t, `/admin/award/${year}`, editor.cookie);
      const body = multipart([{ name: '_csrf', value: tok.csrf }, ...parts]);
      return t.app.inject({ method: 'POST', url, headers: { cookie: tok.cookie, 'content-type': body.contentType }, payload: body.payload });
    }

    const form = (year: number, extra: Record<string, string> = {}) => ({
      year: String(year),
      name: `Recipient ${year}`,
      country_code: 'BY',
      organisation: 'Viasna Human Rights Centre',
      edition_year: '',
      motivation_en: 'For work without violence.\n\nSecond paragraph.',
      ceremony_en: '',
      ...extra,
    });

    async function create(year: number, extra: Record<string, string> = {}): Promise<void> {
      const res = await post('/admin/award/new', '/admin/award/new', form(year, extra));
      assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
      assert.equal(res.headers.location, `/admin/award/${year}?done=created`);
    }

    const recipient = (year: number) => t.database.db.selectFrom('award_recipients').selectAll().where('year', '=', year).executeTakeFirst();
    const auditOf = async (id: number) =>
      (
        await t.database.db
          .selectFrom('audit_log')
          .selectAll()
          .where('object_type', '=', 'award-recipient')
          .where('object_id', '=', String(id))
          .orderBy('id')
          .execute()
      ).map((r) => ({ action: r.action, actor: r.actor_id, details: JSON.parse(r.details) as Record<string, unknown> }));
    const mediaDirs = () => (fs.existsSync(t.database.mediaRoot) ? fs.readdirSync(t.database.mediaRoot).sort() : []);

    before(async () => {
      t = await testApp({ dialect });
      editor = await signedInStaff(t, 'editor');
    });
    after(async () => t?.close());

    it('creates a draft, edits it (also its year), publishes and unpublishes it, each audited once', async () => {
      const empty = await get('/admin/award');
      assert.equal(empty.statusCode, 200);
      assert.match(decodeHtml(empty.body), /No recipients yet\./);
      const newForm = await get('/admin/award/new');
      assert.equal(newForm.statusCode, 200);
      assert.match(newForm.body, /<select id="country_code" name="country_code"/);
      assert.match(newForm.body, /<option value="XK"[^>]*>Kosovo<\/option>/);

      await create(2019, { motivation_sv: 'För arbete utan våld.', edition_year: '2018' });
      const row = await recipient(2019);
      assert.ok(row);
      assert.equal(row.status, 'draft');
      assert.equal(Number(row.edition_year), 2018);
      const texts = await t.database.db.selectFrom('award_recipient_translations').selectAll().where('recipient_id', '=', row.id).orderBy('locale').execute();
      assert.deepEqual(
        texts.map((x) => [x.locale, x.motivation]),
        [
          ['en', 'For work without violence.\n\nSecond paragraph.'],
          ['sv', 'För arbete utan våld.'],
        ],
      );
      const page = await get('/admin/award/2019?done=created');
      assert.equal(page.statusCode, 200);
      assert.match(decodeHtml(page.body), /The draft was created/);
      assert.match(page.body, /<option value="BY" selected>/);
      assert.match(decodeHtml(page.body), /Visitors cannot see this recipient\./);
      assert.equal((await get('/award/2019', undefined)).statusCode, 404, 'a draft is not public');

      // The year changes: the address follows it. The Swedish version is emptied: it goes.
      const saved = await post('/admin/award/2019', '/admin/award/2019', form(2020, { name: 'Renamed Recipient' }));
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 2000));
      assert.equal(saved.headers.location, '/admin/award/2020?done=saved');
      assert.equal(await recipient(2019), undefined);
      assert.equal((await recipient(2020))?.name, 'Renamed Recipient');
      assert.deepEqual(
        (await t.database.db.selectFrom('award_recipient_translations').select('locale').where('recipient_id', '=', row.id).execute()).map((x) => x.locale),
        ['en'],
      );
      assert.equal((await get('/admin/award/2019')).statusCode, 404);

      const published = await post('/admin/award/2020', '/admin/award/2020/publish', {});
      assert.equal(published.statusCode, 303);
      assert.equal(published.headers.location, '/admin/award/2020?done=state');
      assert.equal((await recipient(2020))?.status, 'published');
      const pub = await get('/award/2020', undefined);
      assert.equal(pub.statusCode, 200);
      assert.match(pub.body, /Renamed Recipient/);
      assert.match(decodeHtml((await get('/admin/award/2020?done=state')).body), /The status was changed\.[\s\S]*Visitors can see this recipient\./);
      assert.equal((await post('/admin/award/2020', '/admin/award/2020/publish', {})).statusCode, 409, 'publishing twice is a conflict');

      const back = await post('/admin/award/2020', '/admin/award/2020/unpublish', {});
      assert.equal(back.statusCode, 303);
      assert.equal((await get('/award/2020', undefined)).statusCode, 404);

      assert.deepEqual(await auditOf(row.id), [
        { action: 'award.created', actor: editor.userId, details: { year: 2019 } },
        { action: 'award.updated', actor: editor.userId, details: { year: 2020, previousYear: 2019 } },
        { action: 'award.published', actor: editor.userId, details: { year: 2020 } },
        { action: 'award.unpublished', actor: editor.userId, details: { year: 2020 } },
      ]);
      const list = await get('/admin/award');
      assert.match(list.body, /<a href="\/admin\/award\/2020">Renamed Recipient<\/a>/);
    });

    it('a form with errors comes back with every message, keeps what was typed, and saves nothing', async () => {
      const before = await Promise.all(['award_recipients', 'award_recipient_translations', 'audit_log'].map((x) => rowCount(t.database.db, x as 'audit_log')));
      const typed = 'Motivation with <b>markup</b> & “quotes”';
      const res = await post('/admin/award/new', '/admin/award/new', {
        year: '20x5',
        name: 'Typed name stays',
        country_code: 'SU',
        edition_year: 'soon',
        motivation_en: '',
        ceremony_sv: typed,
      });
      assert.equal(res.statusCode, 400);
      const text = decodeHtml(res.body);
      assert.match(res.body, /id="errors"/);
      for (const message of [
        'Enter a year with four digits, between 1990 and 2100.',
        'Choose one of the listed options.',
        'Write the motivation in English.',
        'Write the Swedish motivation, or leave every Swedish field empty.',
      ])
        assert.ok(text.includes(message), message);
      assert.match(res.body, /<input id="year"[^>]*aria-invalid="true"[^>]*aria-describedby="year-hint year-error"/);
      assert.match(res.body, /<a href="#motivation_en">/);
      assert.match(res.body, /value="Typed name stays"/);
      assert.match(res.body, /value="20x5"/);
      assert.ok(text.includes(typed), 'the typed text is kept');
      assert.doesNotMatch(res.body, /<b>markup<\/b>/);
      assert.deepEqual(
        await Promise.all(['award_recipients', 'award_recipient_translations', 'audit_log'].map((x) => rowCount(t.database.db, x as 'audit_log'))),
        before,
      );
    });

    it('one recipient per year: a taken year is a field message on create and on edit', async () => {
      await create(2021);
      await create(2022);
      const before = await rowCount(t.database.db, 'audit_log');
      const again = await post('/admin/award/new', '/admin/award/new', form(2021, { name: 'Another one' }));
      assert.equal(again.statusCode, 400);
      assert.match(decodeHtml(again.body), /<p class="field-error" id="year-error">There is already a recipient for this year\.<\/p>/);
      assert.match(again.body, /value="Another one"/);
      const edit = await post('/admin/award/2022', '/admin/award/2022', form(2021));
      assert.equal(edit.statusCode, 400);
      assert.match(decodeHtml(edit.body), /There is already a recipient for this year\./);
      assert.equal((await recipient(2022))?.name, 'Recipient 2022');
      assert.equal(await rowCount(t.database.db, 'audit_log'), before);
    });

    it('uploads a photo without its metadata, requires alt texts, and replaces the old file', async () => {
      await create(2023, { motivation_sv: 'Svensk motivering.' });
      const id = (await recipient(2023))?.id ?? 0;
      const before = mediaDirs();

      // The recipient has a Swedish version: the Swedish alt text is required; nothing is stored.
      const missing = await upload(2023, '/admin/award/2023/photo', [
        { name: 'file', file: { filename: 'p.jpg', type: 'image/jpeg', data: await jpegWithMetadata() } },
        { name: 'alt_en', value: 'Portrait typed' },
        { name: 'credit', value: '' },
      ]);
      assert.equal(missing.statusCode, 400);
      const text = decodeHtml(missing.body);
      assert.ok(text.includes('Describe the photo in Swedish too'));
      assert.ok(text.includes('Enter the photographer or source of the image.'));
      assert.match(missing.body, /value="Portrait typed"/);
      assert.deepEqual(mediaDirs(), before, 'no file kept');

      const notImage = await upload(2023, '/admin/award/2023/photo', [
        { name: 'file', file: { filename: 'p.jpg', type: 'image/jpeg', data: Buffer.from('not an image at all') } },
        { name: 'alt_en', value: 'Portrait' },
        { name: 'alt_sv', value: 'Porträtt' },
        { name: 'credit', value: 'Photographer' },
      ]);
      assert.equal(notImage.statusCode, 400);
      assert.ok(decodeHtml(notImage.body).includes('This file is not a picture we can read'));

      const ok = await upload(2023, '/admin/award/2023/photo', [
        { name: 'file', file: { filename: 'p.jpg', type: 'image/jpeg', data: await jpegWithMetadata() } },
        { name: 'alt_en', value: 'Portrait' },
        { name: 'alt_sv', value: 'Porträtt' },
        { name: 'credit', value: 'Photographer' },
      ]);
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 2000));
      assert.equal(ok.headers.location, '/admin/award/2023?done=photo#photo-title');
      const first = await t.database.db
        .selectFrom('award_recipients')
        .innerJoin('media', 'media.id', 'award_recipients.photo_id')
        .select(['media.key', 'media.variants'])
        .where('award_recipients.id', '=', id)
        .executeTakeFirstOrThrow();
      for (const w of first.variants.split(',')) {
        const stored = fs.readFileSync(path.join(t.database.mediaRoot, first.key, `${w}.webp`));
        assert.deepEqual(await metadataLeft(stored), [], `stored ${w}.webp`);
      }
      const staffCopy = await get(`/admin/award/media/${first.key}/400.webp`);
      assert.equal(staffCopy.statusCode, 200);
      assert.deepEqual(await metadataLeft(staffCopy.rawPayload), []);
      assert.equal((await get(`/award/media/${first.key}/400.webp`, undefined)).statusCode, 404, 'not public while a draft');
      const page = await get('/admin/award/2023?done=photo');
      assert.match(decodeHtml(page.body), /The photo was saved\./);
      assert.match(page.body, /<input id="alt_sv"[^>]*value="Porträtt"/);

      // A second photo replaces the first, whose files go.
      const again = await upload(2023, '/admin/award/2023/photo', [
        { name: 'file', file: { filename: 'q.png', type: 'image/png', data: await jpegWithMetadata(500, 500) } },
        { name: 'alt_en', value: 'Another portrait' },
        { name: 'alt_sv', value: 'Ett annat porträtt' },
        { name: 'credit', value: 'Photographer' },
      ]);
      assert.equal(again.statusCode, 303);
      assert.ok(!fs.existsSync(path.join(t.database.mediaRoot, first.key)), 'the old files are removed');
      assert.equal(await t.database.db.selectFrom('media').select('id').where('key', '=', first.key).executeTakeFirst(), undefined);

      // Without a file only the texts change.
      const texts = await upload(2023, '/admin/award/2023/photo', [
        { name: 'alt_en', value: 'Changed alt' },
        { name: 'alt_sv', value: 'Ändrad alt' },
        { name: 'credit', value: 'Other credit' },
      ]);
      assert.equal(texts.statusCode, 303);
      assert.equal((await recipient(2023))?.photo_credit, 'Other credit');

      await post('/admin/award/2023', '/admin/award/2023/publish', {});
      const pub = await get('/sv/award/2023', undefined);
      assert.match(pub.body, /alt="Ändrad alt" lang="sv"/);

      const removed = await post('/admin/award/2023', '/admin/award/2023/photo/remove', {});
      assert.equal(removed.statusCode, 303);
      assert.equal((await recipient(2023))?.photo_id, null);
      assert.doesNotMatch((await get('/award/2023', undefined)).body, /<img /);

      assert.deepEqual(
        (await auditOf(id)).map((a) => a.action),
        ['award.created', 'award.photo-set', 'award.photo-set', 'award.photo-updated', 'award.published', 'award.photo-removed'],
      );
      const uploads = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'media.uploaded').execute();
      assert.ok(uploads.some((u) => (JSON.parse(u.details) as { awardRecipientId?: number }).awardRecipientId === id));
    });

    it('publishing needs the photo’s alt text in every language of the recipient', async () => {
      await create(2024);
      const ok = await upload(2024, '/admin/award/2024/photo', [
        { name: 'file', file: { filename: 'p.jpg', type: 'image/jpeg', data: await jpegWithMetadata(400, 300) } },
        { name: 'alt_en', value: 'Portrait' },
        { name: 'credit', value: 'Photographer' },
      ]);
      assert.equal(ok.statusCode, 303);
      // A Swedish version added later, without a Swedish alt text.
      assert.equal((await post('/admin/award/2024', '/admin/award/2024', form(2024, { motivation_sv: 'Svensk text.' }))).statusCode, 303);
      const refused = await post('/admin/award/2024', '/admin/award/2024/publish', {});
      assert.equal(refused.statusCode, 400);
      assert.ok(decodeHtml(refused.body).includes('Add the photo’s alt text in every language of the recipient before publishing.'));
      assert.equal((await recipient(2024))?.status, 'draft');
    });

    it('attaches the country report as a checked PDF, downloadable once published', async () => {
      await create(2025, { country_code: 'TR' });
      const notPdf = await upload(2025, '/admin/award/2025/report', [
        { name: 'report', file: { filename: 'r.pdf', type: 'application/pdf', data: Buffer.from('<html>not a pdf</html>') } },
        { name: 'report_title_en', value: 'Kept title' },
      ]);
      assert.equal(notPdf.statusCode, 400);
      assert.ok(decodeHtml(notPdf.body).includes('This file is not a PDF. Upload a PDF document.'));
      assert.match(notPdf.body, /<input id="report"[^>]*aria-invalid="true"/);
      assert.match(notPdf.body, /value="Kept title"/);
      const none = await upload(2025, '/admin/award/2025/report', [{ name: 'report_title_en', value: 'No file' }]);
      assert.equal(none.statusCode, 400);
      assert.ok(decodeHtml(none.body).includes('Choose a file to upload.'));

      const ok = await upload(2025, '/admin/award/2025/report', [
        { name: 'report', file: { filename: 'r.pdf', type: 'application/pdf', data: minimalPdf('Turkey report') } },
        { name: 'report_title_en', value: 'Human rights defenders in Turkey' },
        { name: 'report_title_sv', value: 'Människorättsförsvarare i Turkiet' },
      ]);
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 2000));
      const key = (
        await t.database.db
          .selectFrom('award_recipients')
          .innerJoin('media', 'media.id', 'award_recipients.report_id')
          .select('media.key')
          .where('award_recipients.year', '=', 2025)
          .executeTakeFirstOrThrow()
      ).key;
      assert.equal((await get(`/award/media/${key}/file`, undefined)).statusCode, 404, 'not public while a draft');
      const staff = await get(`/admin/award/media/${key}/file`);
      assert.equal(staff.statusCode, 200);
      assert.equal(staff.headers['content-disposition'], 'attachment; filename="defender-of-the-year-2025-report.pdf"');
      assert.equal(staff.headers['cache-control'], 'no-store');

      await post('/admin/award/2025', '/admin/award/2025/publish', {});
      const page = await get('/sv/award/2025', undefined);
      assert.match(page.body, new RegExp(`<a href="/award/media/${key}/file" download="">Människorättsförsvarare i Turkiet</a>`));
      const file = await get(`/award/media/${key}/file`, undefined);
      assert.equal(file.statusCode, 200);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.equal(file.headers['content-disposition'], 'attachment; filename="defender-of-the-year-2025-report.pdf"');
      assert.equal(file.headers['x-content-type-options'], 'nosniff');

      // Titles only, then removal: the file goes.
      assert.equal((await upload(2025, '/admin/award/2025/report', [{ name: 'report_title_en', value: '' }])).statusCode, 303);
      assert.match(
        (await get('/award/2025', undefined)).body,
        /The situation of human rights defenders in Türkiye|The situation of human rights defenders in Turkey/,
      );
      assert.equal((await post('/admin/award/2025', '/admin/award/2025/report/remove', {})).statusCode, 303);
      assert.ok(!fs.existsSync(path.join(t.database.mediaRoot, key)));
      assert.equal((await get(`/award/media/${key}/file`, undefined)).statusCode, 404);
      assert.doesNotMatch((await get('/award/2025', undefined)).body, /report-title/);
    });

    it('the preview shows a draft as visitors will see it, never indexed', async () => {
      await create(2026, { motivation_sv: 'Förhandsvisad motivering.' });
      const en = await get('/admin/award/2026/preview');
      assert.equal(en.statusCode, 200);
      assert.match(en.body, /<meta name="robots" content="noindex, nofollow"/);
      assert.match(en.body, /preview-banner/);
      assert.match(en.body, /<h1>Recipient 2026<\/h1>/);
      const sv = await get('/admin/award/2026/preview?lang=sv');
      assert.match(sv.body, /<html lang="sv">/);
      assert.match(decodeHtml(sv.body), /Förhandsvisad motivering\./);
      assert.equal(String(sv.headers['cache-control']), 'no-store');
      assert.equal((await get('/admin/award/1995/preview')).statusCode, 404);
    });

    it('audit entries hold ids and years, never names or texts', async () => {
      await create(2027, { name: 'Very Private Name', organisation: 'Secret Org', motivation_en: 'Secret motivation' });
      const all = JSON.stringify(await t.database.db.selectFrom('audit_log').selectAll().execute());
      for (const secret of ['Very Private Name', 'Secret Org', 'Secret motivation', 'Renamed Recipient'])
        assert.ok(!all.includes(secret), `${secret} not in the audit trail`);
    });

    it('unknown years are 404; roles without award.publish get 403 and change nothing', async () => {
      for (const url of ['/admin/award/1999', '/admin/award/abc', '/admin/award/999999999', '/admin/award/2100/preview'])
        assert.equal((await get(url)).statusCode, 404, url);
      assert.equal((await post('/admin/award', '/admin/award/1999', form(1999))).statusCode, 404);
      assert.equal((await post('/admin/award', '/admin/award/1999/publish', {})).statusCode, 404);
      for (const role of ['logistics', 'award-secretariat', 'board'] as const) {
        const s = await signedInStaff(t, role);
        for (const url of ['/admin/award', '/admin/award/new', '/admin/award/2021']) assert.equal((await get(url, s.cookie)).statusCode, 403, `${role} ${url}`);
        const before = await rowCount(t.database.db, 'award_recipients');
        assert.equal((await post('/admin', '/admin/award/new', form(2030), s.cookie)).statusCode, 403, role);
        assert.equal((await post('/admin', '/admin/award/2021/publish', {}, s.cookie)).statusCode, 403, role);
        assert.equal(await rowCount(t.database.db, 'award_recipients'), before);
        assert.equal((await recipient(2021))?.status, 'draft');
      }
      const admin = await signedInStaff(t, 'admin');
      assert.equal((await get('/admin/award', admin.cookie)).statusCode, 200);
    });
  });
}
