import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { loadDemoBootcamp } from '../../src/db/demo/bootcamp-data.js';
import { makeBootcampCourse } from '../../src/db/factories.js';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { axeOnCopy, horizontalOverflow, launchBrowser, newContext, recordForeignRequests } from './support/browser.js';
import { formatVnu, HtmlBatch } from './support/vnu.js';

/**
 * The bootcamp in Chromium with JavaScript off: /bootcamp and a course page in English and
 * Swedish (the demo courses; a draft is not found), then an editor who adds a training
 * concept, creates a course through the workspace's forms (a refused form first, which
 * comes back with what was typed), publishes it and finds it public. Every page: 0 axe-core
 * violations at 1280 and 320 px (checked on a JavaScript-on copy), no sideways scrolling at
 * 320 px, 0 Nu Html Checker errors, nothing requested from another origin.
 */

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('en', key, params);
const sv = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('sv', key, params);
const PASSWORD = 'courses between the conferences';
const EMAIL = 'erik.editor@example.org';
const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 640 };

void describe('the bootcamp pages in the browser, JavaScript off', () => {
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

  before(async () => {
    browser = await launchBrowser();
    app = await listeningTestApp({
      seed: async (db) => {
        await loadDemoBootcamp(db, new Date());
        await makeBootcampCourse(db, { slug: 'a-draft-course', status: 'draft', texts: { en: { title: 'A draft course' } } });
      },
    });
    await app.services.worker.stop();
    const { enrolUrl } = await app.services.accounts.createUser(null, { email: EMAIL, displayName: 'Erik Editor', role: 'editor' });
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

  async function follow(click: Promise<void>): Promise<Response> {
    const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), click]);
    assert.ok(response, 'a navigation with a response');
    return response;
  }
  const submit = (name: string) => follow(page.getByRole('button', { name, exact: true }).click());

  void it('/bootcamp: upcoming courses first, then past ones, in English and Swedish; a draft is not found', async () => {
    const res = await page.goto(`${app.url}/`);
    await follow(page.getByRole('link', { name: en('nav.bootcamp'), exact: true }).click());
    assert.equal(pathname(), '/bootcamp');
    assert.ok(res);
    const list = await page.goto(`${app.url}/bootcamp`);
    assert.equal(list?.status(), 200);
    await check(list, '/bootcamp');
    assert.deepEqual(await page.locator('[aria-labelledby="upcoming-title"] li a').allTextContents(), ['Staying well under pressure']);
    assert.deepEqual(await page.locator('[aria-labelledby="past-title"] li a').allTextContents(), [
      'Documenting abuses on video',
      'Safer communication for small organisations',
    ]);
    assert.equal(await page.getByRole('link', { name: 'A draft course' }).count(), 0);

    const svList = await page.goto(`${app.url}/sv/bootcamp`);
    await check(svList, '/sv/bootcamp');
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    await follow(page.getByRole('link', { name: 'Att må bra under press' }).click());
    assert.equal(pathname(), '/sv/bootcamp/staying-well-under-pressure');

    for (const url of ['/bootcamp/a-draft-course', '/sv/bootcamp/a-draft-course', '/bootcamp/no-such-course']) {
      assert.equal((await page.goto(app.url + url))?.status(), 404, url);
    }
    await check(await page.goto(`${app.url}/bootcamp/a-draft-course`), '/bootcamp/a-draft-course (a draft: not found)');
  });

  void it('a course page: concepts, goals, language, places, audience, and only trainers with consent', async () => {
    const res = await page.goto(`${app.url}/bootcamp/staying-well-under-pressure`);
    assert.equal(res?.status(), 200);
    await check(res, '/bootcamp/staying-well-under-pressure');
    assert.equal(await page.locator('h1').textContent(), 'Staying well under pressure');
    assert.equal(await page.locator('#goals-title + ol li').count(), 3);
    const facts = (await page.locator('dl.facts').textContent()) ?? '';
    assert.match(facts, /Psychosocial security/);
    assert.match(facts, /English with Russian interpretation/);
    assert.match(facts, /20 places/);
    const trainers = await page.locator('[aria-labelledby="trainers-title"] li').allTextContents();
    assert.deepEqual(trainers, ['Irina Volkova, Digital security trainer (demo)'], 'a trainer without a public profile is not named');
    assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /Karin Holm/);
    assert.equal(await page.locator('#audience-title + p').textContent(), en('bootcamp.audience.applications'));

    const svPage = await page.goto(`${app.url}/sv/bootcamp/documenting-abuses-on-video`);
    await check(svPage, '/sv/bootcamp/documenting-abuses-on-video');
    assert.equal(await page.locator('h1').textContent(), 'Dokumentera övergrepp på video');
    assert.equal(await page.locator('.banner').textContent(), sv('bootcamp.course.closed'));
    assert.match((await page.locator('dl.facts').textContent()) ?? '', /Strategisk processföring/);
  });

  void it('an editor adds a concept, creates a course with the forms (a refused form first) and publishes it', async () => {
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel(en('auth.email'), { exact: true }).fill(EMAIL);
    await page.getByLabel(en('auth.password'), { exact: true }).fill(PASSWORD);
    await submit(en('auth.login.submit'));
    await page.getByLabel(en('auth.code'), { exact: true }).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await submit(en('auth.code.submit'));
    assert.equal(pathname(), '/admin');

    await follow(page.getByRole('link', { name: en('admin.nav.bootcamp'), exact: true }).click());
    assert.equal(pathname(), '/admin/bootcamp');
    await check(await page.goto(`${app.url}/admin/bootcamp`), 'admin bootcamp list');
    await check(await page.goto(`${app.url}/admin/bootcamp?status=draft`), 'admin bootcamp list, drafts');

    await check(await page.goto(`${app.url}/admin/bootcamp/concepts`), 'training concepts');
    await page.locator('#name_en').fill('Advocacy with the UN');
    await page.locator('#name_sv').fill('Påverkansarbete i FN');
    await submit(en('bootcamp.concepts.add'));
    assert.equal(await page.locator('[role="status"]').textContent(), en('bootcamp.concepts.created'));
    await check(await page.goto(page.url()), 'training concept rename page');

    await page.goto(`${app.url}/admin/bootcamp`);
    await follow(page.getByRole('link', { name: en('bootcamp.admin.new'), exact: true }).click());
    assert.equal(pathname(), '/admin/bootcamp/new');
    await check(await page.goto(`${app.url}/admin/bootcamp/new`), 'new course form');

    // First without the English title and with the last day before the first: both messages, what was typed stays.
    await page.locator('#slug').fill('un-advocacy-2027');
    await page.locator('#title_sv').fill('Påverkansarbete i FN 2027');
    await page.locator('#capacity').fill('15');
    await page.locator('#starts_on').fill('2027-05-10');
    await page.locator('#ends_on').fill('2027-05-01');
    await page.locator('#audience').selectOption('applications');
    await page.getByLabel('Advocacy with the UN', { exact: true }).check();
    await page.getByLabel('Jonas Alm', { exact: true }).check();
    await page.locator('#goal_en_1').fill('Write a shadow report');
    const failed = await submit(en('bootcamp.admin.create'));
    assert.equal(failed.status(), 400);
    assert.equal(await page.locator('#title_en-error').textContent(), en('bootcamp.form.title-required'));
    assert.equal(await page.locator('#ends_on-error').textContent(), en('bootcamp.form.end-before-start'));
    assert.equal(await page.locator('#title_sv').inputValue(), 'Påverkansarbete i FN 2027');
    assert.equal(await page.locator('#goal_en_1').inputValue(), 'Write a shadow report');
    assert.ok(await page.getByLabel('Jonas Alm', { exact: true }).isChecked());
    await check(failed, 'new course form with errors');

    await page.locator('#title_en').fill('Advocacy at the UN, 2027');
    await page.locator('#ends_on').fill('2027-06-11');
    await submit(en('bootcamp.admin.create'));
    assert.match(pathname(), /^\/admin\/bootcamp\/\d+$/);
    assert.equal(await page.locator('[role="status"]').textContent(), en('bootcamp.admin.created'));
    const editUrl = page.url().split('?')[0] ?? '';
    await check(await page.goto(editUrl), 'course edit page');
    assert.equal((await page.goto(`${app.url}/bootcamp/un-advocacy-2027`))?.status(), 404, 'not public before publishing');

    await page.goto(editUrl);
    await submit(en('bootcamp.admin.publish'));
    assert.equal(await page.locator('[role="status"]').textContent(), en('bootcamp.admin.state-done'));
    const pub = await page.goto(`${app.url}/bootcamp/un-advocacy-2027`);
    assert.equal(pub?.status(), 200);
    await check(pub, '/bootcamp/un-advocacy-2027 (published)');
    assert.match((await page.locator('[aria-labelledby="trainers-title"]').textContent()) ?? '', /Jonas Alm/);
    const svPub = await page.goto(`${app.url}/sv/bootcamp/un-advocacy-2027`);
    await check(svPub, '/sv/bootcamp/un-advocacy-2027');
    assert.equal(await page.locator('h1').textContent(), 'Påverkansarbete i FN 2027');
    assert.equal(await page.locator('#goals-title + ol li').getAttribute('lang'), 'en');
  });

  void it('no page had an axe violation, a Nu Html Checker error, or a request to another origin', async () => {
    const results = await html.check();
    const nu = [...results].filter(([, m]) => m.length).map(([name, m]) => `${name}:\n${formatVnu(m)}`);
    console.log(`bootcamp e2e: ${results.size} documents checked by the Nu Html Checker, ${nu.length} with errors; ${problems.length} axe/layout problems`);
    assert.equal(problems.join('\n\n'), '');
    assert.deepEqual(nu, []);
    assert.deepEqual(foreign.urls, []);
  });
});
