import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { loadDemoAward } from '../../src/db/demo/award-data.js';
import { makeAwardRecipient, minimalPdf } from '../../src/db/factories.js';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { axeOnCopy, horizontalOverflow, launchBrowser, newContext, recordForeignRequests } from './support/browser.js';
import { formatVnu, HtmlBatch } from './support/vnu.js';

/**
 * The award in Chromium with JavaScript off: /award and /award/{year} in English and
 * Swedish (the demo recipients, an English-only one), then an editor who creates a
 * recipient through the workspace's forms (a form with errors first), adds a photo and
 * the country report, publishes, and finds the page public with its download. Every page:
 * 0 axe-core violations at 1280 and 320 px (checked on a JavaScript-on copy), no sideways
 * scrolling at 320 px, 0 Nu Html Checker errors, nothing requested from another origin.
 */

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('en', key, params);
const PASSWORD = 'the award ceremony at the open session';
const EMAIL = 'ebba.editor@example.org';
const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 640 };

void describe('the award pages in the browser, JavaScript off', () => {
  let browser: Browser;
  let app: TestApp & { url: string };
  let context: BrowserContext;
  let page: Page;
  let axeContext: BrowserContext;
  let axePage: Page;
  let foreign: { urls: string[] };
  let secret = '';
  const problems: string[] = [];
  const html = new HtmlBatch();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-award-e2e-'));

  before(async () => {
    browser = await launchBrowser();
    app = await listeningTestApp({
      seed: async (db, mediaRoot) => {
        await loadDemoAward(db, mediaRoot);
        await makeAwardRecipient(db, {
          year: 2016,
          name: 'An English-only recipient',
          countryCode: 'AZ',
          organisation: 'An independent organisation',
          editionYear: 2016,
          texts: { en: { motivation: 'Only in English.\n\nA second paragraph.', ceremony: 'Presented in Stockholm.' } },
        });
        await makeAwardRecipient(db, { year: 2017, status: 'draft', name: 'Draft recipient', countryCode: 'SE' });
      },
    });
    await app.services.worker.stop();
    const { enrolUrl } = await app.services.accounts.createUser(null, { email: EMAIL, displayName: 'Ebba Editor', role: 'editor' });
    const token = enrolUrl.split('/').pop() as string;
    const start = await app.services.accounts.startEnrolment(token);
    secret = start.secret;
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
    await app.services.accounts.completeEnrolment(token, { password: PASSWORD, confirm: PASSWORD, sealedSecret: start.sealedSecret, code });
    context = await newContext(browser, { javaScriptEnabled: false, viewport: DESKTOP });
    foreign = recordForeignRequests(context, new URL(app.url).origin);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    axeContext = await newContext(browser);
    axePage = await axeContext.newPage();
  });

  after(async () => {
    await context?.close();
    await axeContext?.close();
    await browser?.close();
    await app?.close();
    html.remove();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const pathname = () => new URL(page.url()).pathname;

  /** axe on a copy at both widths, no sideways scrolling at 320 px, and the markup for the Nu Html Checker. */
  async function check(response: Response | null, what: string): Promise<void> {
    assert.ok(response, `${what}: a response`);
    html.add(what, await response.text());
    for (const viewport of [DESKTOP, NARROW]) {
      await axePage.setViewportSize(viewport);
      const problem = await axeOnCopy(page, axePage, `${what} at ${viewport.width}px`);
      if (problem) problems.push(problem);
    }
    await page.setViewportSize(NARROW);
    const { overflow, widest } = await horizontalOverflow(page);
    if (overflow > 0) problems.push(`${what}: scrolls sideways by ${overflow}px at ${NARROW.width}px; widest: ${widest}`);
    await page.setViewportSize(DESKTOP);
  }

  /** Clicks and waits for the page it leads to; returns that page's response (a POST's answer too). */
  async function follow(click: Promise<void>): Promise<Response> {
    const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), click]);
    assert.ok(response, 'a navigation with a response');
    return response;
  }
  const submit = (name: string) => follow(page.getByRole('button', { name, exact: true }).click());

  void it('/award: the award, its criteria and process, and the published recipients', async () => {
    const res = await page.goto(`${app.url}/award`);
    assert.equal(res?.status(), 200);
    await check(res, '/award');
    assert.equal(await page.locator('h1').textContent(), en('award.title'));
    const years = await page.locator('.recipients .recipient-year').allTextContents();
    assert.deepEqual(years, ['2018', '2016', '2015', '2014', '2013']);
    assert.equal(await page.getByRole('link', { name: 'Draft recipient' }).count(), 0);

    const sv = await page.goto(`${app.url}/sv/award`);
    await check(sv, '/sv/award');
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    await follow(page.getByRole('link', { name: 'Nguyễn Ngọc Như Quỳnh' }).click());
    assert.equal(pathname(), '/sv/award/2015');
  });

  void it('/award/{year}: recipient, motivation, ceremony and report, in English and Swedish', async () => {
    for (const url of ['/award/2014', '/sv/award/2014', '/award/2015', '/sv/award/2013', '/award/2018']) {
      const res = await page.goto(app.url + url);
      assert.equal(res?.status(), 200, url);
      await check(res, url);
    }
    await page.goto(`${app.url}/award/2014`);
    assert.equal(await page.locator('h1').textContent(), 'Ales Bialiatski');
    const report = page.locator('#report-title + p a');
    assert.equal(await report.getAttribute('download'), '');
    const href = (await report.getAttribute('href')) ?? '';
    const file = await context.request.get(app.url + href);
    assert.equal(file.status(), 200);
    assert.equal(file.headers()['content-type'], 'application/pdf');
    assert.match(file.headers()['content-disposition'] ?? '', /^attachment; filename="defender-of-the-year-2014-report\.pdf"$/);
    assert.equal(file.headers()['x-content-type-options'], 'nosniff');

    // An English-only recipient on the Swedish page: the texts are marked as English.
    const fallback = await page.goto(`${app.url}/sv/award/2016`);
    await check(fallback, '/sv/award/2016 (English only)');
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    assert.equal(await page.locator('[aria-labelledby="motivation-title"] .prose').getAttribute('lang'), 'en');
    assert.equal(await page.locator('[aria-labelledby="ceremony-title"] .prose').getAttribute('lang'), 'en');

    for (const url of ['/award/2017', '/sv/award/2017', '/award/2019']) {
      const res = await page.goto(app.url + url);
      assert.equal(res?.status(), 404, url);
    }
    await check(await page.goto(`${app.url}/award/2017`), '/award/2017 (a draft: not found)');
  });

  void it('an editor creates a recipient with the forms, adds a photo and the report, and publishes it', async () => {
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel(en('auth.email'), { exact: true }).fill(EMAIL);
    await page.getByLabel(en('auth.password'), { exact: true }).fill(PASSWORD);
    await submit(en('auth.login.submit'));
    await page.getByLabel(en('auth.code'), { exact: true }).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await submit(en('auth.code.submit'));
    assert.equal(pathname(), '/admin');

    await check(await page.goto(`${app.url}/admin/award`), 'admin award list');
    await follow(page.getByRole('link', { name: en('award.admin.new'), exact: true }).click());
    assert.equal(pathname(), '/admin/award/new');
    await check(await page.goto(`${app.url}/admin/award/new`), 'new recipient form');

    // First without a motivation and with a taken year: both messages come back, the name stays.
    await page.locator('#year').fill('2015');
    await page.locator('#name').fill('Typed Name Stays');
    await page.locator('#country_code').selectOption('BY');
    const failed = await submit(en('award.admin.create'));
    assert.equal(failed.status(), 400);
    assert.equal(await page.locator('#motivation_en-error').textContent(), en('award.motivation-required'));
    assert.equal(await page.locator('#name').inputValue(), 'Typed Name Stays');
    await check(failed, 'new recipient form with errors');
    await page.locator('#motivation_en').fill('For peaceful work in Belarus.\n\nA second paragraph.');
    await page.locator('#motivation_sv').fill('För fredligt arbete i Belarus.');
    const taken = await submit(en('award.admin.create'));
    assert.equal(taken.status(), 400);
    assert.equal(await page.locator('#year-error').textContent(), en('award.year-taken'));
    await page.locator('#year').fill('2019');
    await page.locator('#edition_year').fill('2018');
    await submit(en('award.admin.create'));
    assert.equal(pathname(), '/admin/award/2019');
    assert.equal(await page.locator('[role="status"]').textContent(), en('award.admin.created'));
    await check(await page.goto(`${app.url}/admin/award/2019`), 'recipient edit page');

    const jpeg = path.join(tmp, 'portrait.jpg');
    fs.writeFileSync(
      jpeg,
      await sharp({ create: { width: 900, height: 600, channels: 3, background: '#335577' } })
        .jpeg()
        .toBuffer(),
    );
    await page.locator('#file').setInputFiles(jpeg);
    await page.locator('#alt_en').fill('A portrait in front of a bookshelf');
    await page.locator('#alt_sv').fill('Ett porträtt framför en bokhylla');
    await page.locator('#credit').fill('Demo photographer');
    await submit(en('award.photo.save'));
    assert.equal(await page.locator('[role="status"]').textContent(), en('award.photo.saved'));

    const pdf = path.join(tmp, 'report.pdf');
    fs.writeFileSync(pdf, minimalPdf('A country report'));
    await page.locator('#report').setInputFiles(pdf);
    await page.locator('#report_title_en').fill('Human rights defenders in Belarus');
    await submit(en('award.report.save'));
    assert.equal(await page.locator('[role="status"]').textContent(), en('award.report.saved'));
    await check(await page.goto(`${app.url}/admin/award/2019`), 'recipient edit page with photo and report');

    await check(await page.goto(`${app.url}/admin/award/2019/preview?lang=sv`), 'preview of a draft (sv)');
    assert.equal((await page.goto(`${app.url}/award/2019`))?.status(), 404, 'not public before publishing');

    await page.goto(`${app.url}/admin/award/2019`);
    await submit(en('award.state.publish'));
    assert.equal(await page.locator('[role="status"]').textContent(), en('award.state.done'));

    const pub = await page.goto(`${app.url}/award/2019`);
    assert.equal(pub?.status(), 200);
    await check(pub, '/award/2019 (published with photo and report)');
    const img = page.locator('.recipient-photo img');
    assert.equal(await img.getAttribute('alt'), 'A portrait in front of a bookshelf');
    const photo = await context.request.get(app.url + ((await img.getAttribute('src')) ?? ''));
    assert.equal(photo.status(), 200, 'the photo loads');
    assert.equal(photo.headers()['content-type'], 'image/webp');
    assert.equal(await page.locator('#report-title + p a').textContent(), 'Human rights defenders in Belarus');
    const sv = await page.goto(`${app.url}/sv/award/2019`);
    await check(sv, '/sv/award/2019');
    assert.equal(await page.locator('.recipient-photo img').getAttribute('alt'), 'Ett porträtt framför en bokhylla');
  });

  void it('no page had an axe violation, a Nu Html Checker error, or a request to another origin', async () => {
    const results = await html.check();
    const nu = [...results].filter(([, m]) => m.length).map(([name, m]) => `${name}:\n${formatVnu(m)}`);
    console.log(`award e2e: ${results.size} documents checked by the Nu Html Checker, ${nu.length} with errors; ${problems.length} axe/layout problems`);
    assert.equal(problems.join('\n\n'), '');
    assert.deepEqual(nu, []);
    assert.deepEqual(foreign.urls, []);
  });
});
