import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, TEST_MASTER_KEY, type TestApp } from '../support/app.js';
import { exifOf, jpegWithMetadata, metadataLeft } from '../support/image-metadata.js';
import { launchBrowser, newContext, recordForeignRequests, axeOnCopy } from './support/browser.js';

/**
 * The organiser workflow, in Chromium with JavaScript off from start to end:
 * an account made with the CLI enrols TOTP from its link, signs in, creates an event
 * through the form with a JPEG carrying GPS and camera EXIF, publishes it; the public page
 * shows it; every served image variant carries no EXIF, GPS or XMP; a draft is 404 to a
 * visitor. axe-core finds nothing on any workspace page on the way.
 */

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('en', key, params);
const PASSWORD = 'a quiet harbour at dusk, with gulls';
const EMAIL = 'eva.editor@example.org';
const year = new Date().getUTCFullYear() + 1;

void describe('organiser workflow in the browser, JavaScript off', () => {
  let browser: Browser;
  let app: TestApp & { url: string };
  let context: BrowserContext;
  let page: Page;
  let axeContext: BrowserContext;
  let axePage: Page;
  let foreign: { urls: string[] };
  let enrolPath = '';
  let secret = '';
  const problems: string[] = [];

  before(async () => {
    [browser, app] = await Promise.all([launchBrowser(), listeningTestApp()]);
    await app.services.worker.stop();
    context = await newContext(browser, { javaScriptEnabled: false });
    foreign = recordForeignRequests(context, new URL(app.url).origin);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    // axe-core needs JavaScript (it waits on timers): it checks a copy of each page in a second context.
    axeContext = await newContext(browser);
    axePage = await axeContext.newPage();
  });

  after(async () => {
    await context?.close();
    await axeContext?.close();
    await browser?.close();
    await app?.close();
  });

  const path = () => new URL(page.url()).pathname;
  const follow = async (action: Promise<unknown>): Promise<void> => {
    await Promise.all([page.waitForEvent('load'), action]);
  };
  const submit = (name: string) => follow(page.getByRole('button', { name, exact: true }).click());
  /** axe on the page as it is now (also the answer to a POST), served at the same address to the JavaScript-on page. */
  const axe = async (what: string) => {
    const problem = await axeOnCopy(page, axePage, what);
    if (problem) problems.push(problem);
  };

  void it('the CLI makes an account against the app’s data directory and prints its enrolment link', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'user:create', '--email', EMAIL, '--role', 'editor', '--name', 'Eva Editor'], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: app.database.dataDir, MASTER_KEY: TEST_MASTER_KEY, PUBLIC_URL: app.url, NODE_ENV: 'test', DATABASE_URL: '' },
      timeout: 60_000,
    });
    assert.equal(run.status, 0, run.stderr);
    const link = /(https?:\/\/\S+\/admin\/enrol\/[\w-]+)/.exec(run.stdout)?.[1];
    assert.ok(link, run.stdout);
    enrolPath = new URL(link).pathname;
  });

  void it('enrols TOTP from the link and signs in with password and code', async () => {
    assert.equal((await page.goto(app.url + enrolPath))?.status(), 200);
    secret = ((await page.locator('#secret').textContent()) ?? '').replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    await page.getByLabel(en('auth.password.new'), { exact: true }).fill(PASSWORD);
    await page.getByLabel(en('auth.password.confirm'), { exact: true }).fill(PASSWORD);
    await page.getByLabel(en('auth.code'), { exact: true }).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) }));
    await submit(en('auth.enrol.submit'));
    assert.equal(await page.locator('h1').textContent(), en('auth.recovery.title'));

    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel(en('auth.email'), { exact: true }).fill(EMAIL);
    await page.getByLabel(en('auth.password'), { exact: true }).fill(PASSWORD);
    await submit(en('auth.login.submit'));
    assert.equal(path(), '/admin/login/code');
    // The next time step: the enrolment's code may not be used twice.
    await page.getByLabel(en('auth.code'), { exact: true }).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await submit(en('auth.code.submit'));
    assert.equal(path(), '/admin');
    await axe('dashboard');
  });

  const fillEvent = async (slug: string, title: string) => {
    await page.goto(`${app.url}/admin/events/new`);
    await page.locator('#slug').fill(slug);
    await page.locator('#type').selectOption('panel');
    await page.locator('#starts_local').fill(`${year}-06-10T18:00`);
    await page.locator('#ends_local').fill(`${year}-06-10T20:00`);
    await page.locator('#online').check();
    await page.locator('#countries').fill('SE, BY');
    await page.locator('#title_en').fill(title);
    await page.locator('#summary_en').fill('Defenders in exile talk about courts, solidarity and staying safe.');
    await page.locator('#title_sv').fill('Försvarare i exil');
  };

  void it('a form with errors comes back with messages and what was typed', async () => {
    await page.goto(`${app.url}/admin/events/new`);
    await axe('new event form');
    await page.locator('#slug').fill('past');
    await page.locator('#title_en').fill('Typed title stays');
    await submit(en('ae.event.create'));
    assert.equal(path(), '/admin/events/new');
    assert.equal(await page.locator('#slug-error').textContent(), en('event.slug-reserved'));
    assert.equal(await page.locator('#title_en').inputValue(), 'Typed title stays');
    assert.equal(await page.locator('#slug').getAttribute('aria-describedby'), 'slug-hint slug-error');
    await axe('new event form with errors');
  });

  let publicImageUrls: string[] = [];

  void it('creates an event with an image carrying GPS and camera EXIF, previews and publishes it', async () => {
    await fillEvent('exile-and-courts', 'Exile and the courts');
    await submit(en('ae.event.create'));
    assert.match(path(), /^\/admin\/events\/\d+$/);
    assert.equal(await page.locator('[role="status"]').textContent(), en('ae.event.created'));
    await axe('edit page');

    const jpeg = await jpegWithMetadata(1400, 900);
    const meta = await exifOf(jpeg);
    assert.equal(meta?.Make, 'TestCam');
    assert.ok(typeof meta?.latitude === 'number', 'the upload carries GPS');
    await page.locator('#file').setInputFiles({ name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.locator('#alt_en').fill('Blue and grey noise');
    await page.locator('#alt_sv').fill('Blått och grått brus');
    await page.locator('#credit').fill('Photo: Eva Editor');
    await submit(en('ae.image.save'));
    assert.equal(await page.locator('[role="status"]').textContent(), en('ae.image.saved'));
    assert.equal(await page.locator('.thumb img').count(), 1);
    await axe('edit page with image');

    const editPath = path();
    await page.goto(`${app.url}${editPath}/preview`);
    assert.match((await page.locator('.preview-banner').textContent()) ?? '', /Preview — not public/);
    assert.equal(await page.locator('meta[name="robots"]').getAttribute('content'), 'noindex, nofollow');
    await axe('preview');

    await page.goto(app.url + editPath);
    await submit(en('ae.state.publish'));
    assert.equal(await page.locator('[role="status"]').textContent(), en('ae.state.done'));

    await page.goto(`${app.url}/admin/events`);
    await axe('event list');
  });

  void it('the public page shows it, and every served image variant has no EXIF, GPS or XMP', async () => {
    const visitor = await newContext(browser, { javaScriptEnabled: false });
    const v = await visitor.newPage();
    const res = await v.goto(`${app.url}/events/exile-and-courts`);
    assert.equal(res?.status(), 200);
    assert.equal(await v.locator('h1').textContent(), 'Exile and the courts');
    const img = v.locator('.lead-image img');
    assert.equal(await img.getAttribute('alt'), 'Blue and grey noise');
    const srcset = (await img.getAttribute('srcset')) ?? '';
    publicImageUrls = srcset.split(',').map((s) => s.trim().split(' ')[0] ?? '');
    assert.deepEqual(
      publicImageUrls.map((u) => u.split('/').pop()),
      ['400.webp', '800.webp', '1200.webp'],
    );
    for (const u of publicImageUrls) {
      const r = await v.request.get(app.url + u);
      assert.equal(r.status(), 200);
      assert.equal(r.headers()['content-type'], 'image/webp');
      assert.deepEqual(await metadataLeft(await r.body()), [], u);
    }
    await visitor.close();
  });

  void it('a draft is 404 to a visitor', async () => {
    await fillEvent('still-a-draft', 'Still a draft');
    await submit(en('ae.event.create'));
    assert.match(path(), /^\/admin\/events\/\d+$/);
    const visitor = await newContext(browser, { javaScriptEnabled: false });
    const v = await visitor.newPage();
    assert.equal((await v.goto(`${app.url}/events/still-a-draft`))?.status(), 404);
    assert.equal((await v.goto(`${app.url}/sv/events/still-a-draft`))?.status(), 404);
    await visitor.close();
  });

  void it('no workspace page had an axe violation, and nothing was requested from another origin', () => {
    assert.equal(problems.join('\n\n'), '');
    assert.deepEqual(foreign.urls, []);
  });
});
