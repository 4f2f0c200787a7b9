import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeAwardRecipient, makeAwardReport, makeImage } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { testDialects } from '../../support/db.js';
import { decodeHtml } from './markup.js';

/**
 * The award's public pages: /award and /award/{year} in English and Swedish, published
 * recipients only (a draft or unknown year is a 404, its files too), Swedish falling back
 * to English marked lang="en", the country report as a download, the sitemap, and the
 * cached pages following a change made straight in the database.
 */
for (const dialect of testDialects()) {
  describe(`award pages (${dialect})`, () => {
    let t: TestApp;
    const keys: Record<string, string> = {};

    before(async () => {
      t = await testApp({
        dialect,
        seed: async (db, mediaRoot) => {
          const photo = await makeImage(db, mediaRoot);
          const report = await makeAwardReport(db, mediaRoot, 'Belarus country report');
          const draftReport = await makeAwardReport(db, mediaRoot, 'Draft report');
          keys.photo = photo.key;
          keys.report = report.key;
          keys.draftReport = draftReport.key;
          await makeAwardRecipient(db, {
            year: 2014,
            name: 'Ales Bialiatski',
            countryCode: 'BY',
            organisation: 'Viasna Human Rights Centre',
            editionYear: 2014,
            photoId: photo.id,
            photoCredit: 'Viasna archive',
            reportId: report.id,
            texts: {
              en: {
                motivation: 'He leads Viasna.\n\nHe received the award in prison.',
                ceremony: 'Presented in 2014.',
                photoAlt: 'Ales Bialiatski',
                reportTitle: 'Belarus 2014',
              },
              sv: { motivation: 'Han leder Viasna.', ceremony: 'Utdelat 2014.', photoAlt: 'Ales Bialiatski (sv)' },
            },
          });
          await makeAwardRecipient(db, {
            year: 2015,
            name: 'Nguyễn Ngọc Như Quỳnh',
            countryCode: 'VN',
            texts: { en: { motivation: 'English-only motivation <b>not markup</b> & more.' } },
          });
          await makeAwardRecipient(db, { year: 2013, name: 'Nataša Kandić', countryCode: 'RS' });
          await makeAwardRecipient(db, { year: 2016, status: 'draft', name: 'Secret Draft Recipient', countryCode: 'SE', reportId: draftReport.id });
        },
      });
    });
    after(async () => t?.close());

    const get = (url: string) => t.app.inject({ method: 'GET', url });

    it('/award says what the award is, its criteria and process, and lists published recipients, newest first', async () => {
      const res = await get('/award');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['cache-control']), /public/);
      const text = decodeHtml(res.body);
      assert.match(text, /<h1>Defender of the Year award<\/h1>/);
      assert.match(text, /without violence/);
      assert.match(text, /independent organisation/);
      assert.match(text, /by invitation only/);
      assert.match(text, /three candidates/);
      assert.match(text, /The board selects/);
      const years = [...res.body.matchAll(/href="\/award\/(\d{4})"/g)].map((m) => m[1]);
      assert.deepEqual(years, ['2015', '2014', '2013']);
      assert.ok(text.includes('Nguyễn Ngọc Như Quỳnh'));
      assert.ok(text.includes('Belarus · Viasna Human Rights Centre'));
      assert.ok(!text.includes('Secret Draft Recipient'), 'a draft is not listed');
      assert.ok(!res.body.includes('/award/2016'));
      const sv = await get('/sv/award');
      assert.equal(sv.statusCode, 200);
      assert.match(sv.body, /<html lang="sv">/);
      assert.match(decodeHtml(sv.body), /<h1>Priset Årets försvarare<\/h1>/);
      assert.match(sv.body, /href="\/sv\/award\/2014"/);
      assert.ok(decodeHtml(sv.body).includes('Vitryssland') || decodeHtml(sv.body).includes('Belarus'));
    });

    it('/award/{year} shows the recipient, country, organisation, motivation, ceremony, photo and report', async () => {
      const res = await get('/award/2014');
      assert.equal(res.statusCode, 200);
      const text = decodeHtml(res.body);
      assert.match(text, /<h1>Ales Bialiatski<\/h1>/);
      assert.match(text, /Defender of the Year 2014/);
      assert.match(text, /<dd>Belarus<\/dd>/);
      assert.match(text, /<dd>Viasna Human Rights Centre<\/dd>/);
      assert.match(text, /<dd>the open session of Defenders’ Days 2014<\/dd>/);
      assert.match(text, /<p>He leads Viasna\.<\/p><p>He received the award in prison\.<\/p>/);
      assert.match(text, /Presented in 2014\./);
      assert.match(res.body, new RegExp(`<img src="/award/media/${keys.photo}/\\d+\\.webp"[^>]*alt="Ales Bialiatski"`));
      assert.match(text, /Photo: Viasna archive/);
      assert.match(res.body, new RegExp(`<a href="/award/media/${keys.report}/file" download="">Belarus 2014</a>`));
      assert.match(res.body, /\(PDF, \d+ B\)/);
      assert.match(res.body, /<a href="\/award">All recipients of the award<\/a>/);
    });

    it('in Swedish: Swedish texts where written, English ones marked lang="en" where not', async () => {
      const sv = await get('/sv/award/2014');
      assert.equal(sv.statusCode, 200);
      assert.match(sv.body, /<html lang="sv">/);
      assert.match(sv.body, /<div class="prose"><p>Han leder Viasna\.<\/p><\/div>/);
      assert.match(sv.body, /alt="Ales Bialiatski \(sv\)" lang="sv"/);
      // No Swedish report title: the English one, marked as English.
      assert.match(sv.body, new RegExp(`<a href="/award/media/${keys.report}/file" lang="en" download="">Belarus 2014</a>`));

      const fallback = await get('/sv/award/2015');
      assert.equal(fallback.statusCode, 200);
      assert.match(fallback.body, /<div class="prose" lang="en"><p>English-only motivation &lt;b>not markup&lt;\/b> &amp; more\.<\/p><\/div>/);
      assert.doesNotMatch(fallback.body, /<b>not markup/);
      assert.match(decodeHtml(fallback.body), /Årets försvarare 2015/);
      // No report, no ceremony, no organisation: those parts are left out.
      assert.doesNotMatch(fallback.body, /report-title|ceremony-title|Organisation/);
    });

    it('a draft, an unknown year or anything that is not a year is a 404, in both languages', async () => {
      for (const url of [
        '/award/2016',
        '/sv/award/2016',
        '/award/2017',
        '/award/1999',
        '/award/abc',
        '/award/999999999',
        '/award/2014x',
        '/sv/award/%F0%9F%8F%86',
      ]) {
        const res = await get(url);
        assert.equal(res.statusCode, 404, url);
        assert.ok(!res.body.includes('Secret Draft Recipient'), url);
      }
    });

    it('serves the country report as a download with nosniff, and a draft’s file to nobody', async () => {
      const res = await get(`/award/media/${keys.report}/file`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['content-disposition'], 'attachment; filename="defender-of-the-year-2014-report.pdf"');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      const photo = await get(`/award/media/${keys.photo}/400.webp`);
      assert.equal(photo.statusCode, 200);
      assert.equal(photo.headers['content-type'], 'image/webp');
      assert.equal(photo.headers['x-content-type-options'], 'nosniff');
      for (const url of [
        `/award/media/${keys.draftReport}/file`,
        `/award/media/${keys.report}/400.webp`,
        `/award/media/${keys.photo}/file`,
        `/award/media/${keys.photo}/999.webp`,
        `/award/media/${keys.report}/..%2f..%2fetc%2fpasswd`,
        '/award/media/short/file',
        `/media/${keys.report}/file`,
      ]) {
        const r = await get(url);
        assert.equal(r.statusCode, 404, url);
        assert.notEqual(r.headers['content-type'], 'application/pdf', url);
      }
    });

    it('lists the award pages of published recipients in the sitemap, in both languages', async () => {
      const res = await get('/sitemap.xml');
      assert.equal(res.statusCode, 200);
      for (const path of ['/award', '/sv/award', '/award/2014', '/sv/award/2015', '/award/2013'])
        assert.ok(res.body.includes(`<loc>http://events.test${path}</loc>`), path);
      assert.ok(!res.body.includes('/award/2016'));
    });

    it('recipientOfYear gives the published recipient in a language, or nothing', async () => {
      const r = await t.services.award.recipientOfYear(2014, 'sv');
      assert.equal(r?.name, 'Ales Bialiatski');
      assert.equal(r?.lang, 'sv');
      assert.equal(r?.motivation, 'Han leder Viasna.');
      assert.equal((await t.services.award.recipientOfYear(2015, 'sv'))?.lang, 'en');
      assert.equal(await t.services.award.recipientOfYear(2016, 'en'), undefined, 'a draft');
      assert.equal(await t.services.award.recipientOfYear(2030, 'en'), undefined);
      assert.equal(await t.services.award.recipientOfYear(Number.NaN, 'en'), undefined);
    });

    it('cached pages follow a change made straight in the database (content-version triggers)', async () => {
      assert.equal((await get('/award/2013')).statusCode, 200);
      assert.match((await get('/award')).body, /Nataša Kandić/);
      await t.database.db.updateTable('award_recipients').set({ status: 'draft' }).where('year', '=', 2013).execute();
      assert.equal((await get('/award/2013')).statusCode, 404);
      assert.doesNotMatch((await get('/award')).body, /Nataša Kandić/);
      const id = (await t.database.db.selectFrom('award_recipients').select('id').where('year', '=', 2013).executeTakeFirstOrThrow()).id;
      await t.database.db.updateTable('award_recipients').set({ status: 'published' }).where('id', '=', id).execute();
      await t.database.db.updateTable('award_recipient_translations').set({ motivation: 'A changed motivation.' }).where('recipient_id', '=', id).execute();
      assert.match((await get('/award/2013')).body, /A changed motivation\./);
    });
  });
}
