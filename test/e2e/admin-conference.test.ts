import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { makePerson } from '../../src/db/factories.js';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { seedConference, type ConferenceIds } from '../support/conference-seed.js';
import { axeOnCopy, horizontalOverflow, launchBrowser, newContext, recordForeignRequests } from './support/browser.js';
import { formatVnu, HtmlBatch } from './support/vnu.js';

/**
 * The programme editor in Chromium with JavaScript off: an editor signs in, opens the
 * editions, an edition, its programme and the forms of a session, a track, a room and the
 * empty chair; adds a session that clashes with another, reads the conflicts (nothing
 * saved), saves it anyway with the box, adds part 2 of a workshop, copies the edition's
 * structure and publishes the copy's programme. Every page: 0 axe-core violations at 1280
 * and 320 px (checked on a JavaScript-on copy), no sideways scrolling at 320 px, 0 Nu Html
 * Checker errors, nothing requested from another origin.
 */

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('en', key, params);
const PASSWORD = 'programme editor with conflicts shown first';
const EMAIL = 'pia.programme@example.org';
const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 640 };
const closed = (field: string) => `CLOSED-e2e-${field}`;

void describe('the programme editor in the browser, JavaScript off', () => {
  let browser: Browser;
  let app: TestApp & { url: string };
  let context: BrowserContext;
  let page: Page;
  let axeContext: BrowserContext;
  let axePage: Page;
  let foreign: { urls: string[] };
  let secret = '';
  let ids: ConferenceIds;
  const problems: string[] = [];
  const html = new HtmlBatch();

  before(async () => {
    browser = await launchBrowser();
    app = await listeningTestApp({
      seed: async (db) => {
        ids = await seedConference(db, closed);
        await makePerson(db, { slug: 'e2e-trainer', name: 'Eva Trainer With A Rather Long Name', publicProfile: true });
      },
    });
    await app.services.worker.stop();
    const { enrolUrl } = await app.services.accounts.createUser(null, { email: EMAIL, displayName: 'Pia Programme', role: 'editor' });
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

  void it('an editor signs in and reads the editions, an edition and its programme', async () => {
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel(en('auth.email'), { exact: true }).fill(EMAIL);
    await page.getByLabel(en('auth.password'), { exact: true }).fill(PASSWORD);
    await submit(en('auth.login.submit'));
    await page.getByLabel(en('auth.code'), { exact: true }).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await submit(en('auth.code.submit'));
    assert.equal(pathname(), '/admin');

    await follow(page.getByRole('link', { name: en('admin.nav.conference'), exact: true }).click());
    assert.equal(pathname(), '/admin/conference');
    await check(await page.goto(`${app.url}/admin/conference`), 'editions');
    await follow(page.getByRole('link', { name: '2018', exact: true }).click());
    await check(await page.goto(`${app.url}/admin/conference/2018`), 'edition 2018');
    await check(await page.goto(`${app.url}/admin/conference/2018/programme`), 'programme 2018');
    for (const url of [
      `/admin/conference/2018/sessions/${ids.sessions.part2}`,
      '/admin/conference/2018/tracks/new',
      `/admin/conference/2018/rooms/${ids.rooms.public}`,
      '/admin/conference/2018/empty-chairs/new',
      `/admin/conference/2018/rooms/${ids.rooms.public}/remove`,
      '/admin/conference/new',
      '/admin/conference/copy',
    ]) {
      const res = await page.goto(app.url + url);
      assert.equal(res?.status(), 200, url);
      await check(res, url);
    }
  });

  void it('shows the conflicts of a new session before saving it, and saves it anyway with the box', async () => {
    await page.goto(`${app.url}/admin/conference/2018/sessions/new`);
    await check(await page.goto(`${app.url}/admin/conference/2018/sessions/new`), 'new session form');
    // The keynote's room and time, 9 April 10:00–11:00.
    await page.locator('#day').fill('2018-04-09');
    await page.locator('#starts_time').fill('10:30');
    await page.locator('#ends_time').fill('11:30');
    await page.locator('#room_id').selectOption(String(ids.rooms.public));
    await page.locator('#title_en').fill('Clashing with the keynote');
    const shown = await submit(en('cadmin.session.create'));
    assert.equal(shown.status(), 400);
    assert.equal(await page.locator('#conflicts-title').textContent(), en('cadmin.conflicts.title', { n: 1 }));
    assert.match((await page.locator('#conflicts li').textContent()) ?? '', /The room Plenary hall is also booked for Opening keynote/);
    assert.equal(await page.locator('#title_en').inputValue(), 'Clashing with the keynote');
    await check(shown, 'session form with conflicts');

    await page.getByLabel(en('cadmin.conflicts.save-anyway', { n: 1 }), { exact: true }).check();
    const saved = await submit(en('cadmin.session.create'));
    assert.equal(saved.status(), 200);
    assert.match(pathname(), /^\/admin\/conference\/2018\/sessions\/\d+$/);
    assert.equal(await page.locator('[role="status"]').textContent(), en('cadmin.created'));
  });

  void it('refuses part 2 before part 1 with no way to save it anyway', async () => {
    await page.goto(`${app.url}/admin/conference/2018/sessions/new`);
    await page.locator('#day').fill('2018-04-09');
    await page.locator('#starts_time').fill('14:00');
    await page.locator('#ends_time').fill('15:00');
    await page.locator('#part_number').fill('2');
    await page.locator('#part_count').fill('2');
    await page.locator('#requires_session_id').selectOption(String(ids.sessions.part1));
    await page.locator('#title_en').fill('Digital security');
    const refused = await submit(en('cadmin.session.create'));
    assert.equal(refused.status(), 400);
    assert.equal(await page.getByLabel(en('cadmin.conflicts.save-anyway', { n: 1 }), { exact: true }).count(), 0);
    assert.equal(await page.locator('#day-error').textContent(), en('cadmin.conflict.part-before-previous'));
    await check(refused, 'session form with a hard conflict');
  });

  void it('copies the structure into a new edition and publishes it', async () => {
    await page.goto(`${app.url}/admin/conference/copy`);
    await page.locator('#from').selectOption('2018');
    await page.locator('#year').fill('2024');
    await page.locator('#starts_on').fill('2024-04-08');
    await page.locator('#theme_en').fill('Copied structure');
    const copied = await submit(en('cadmin.copy.submit'));
    assert.equal(copied.status(), 200);
    assert.equal(pathname(), '/admin/conference/2024');
    assert.equal(await page.locator('[role="status"]').textContent(), en('cadmin.copy.done'));
    await check(copied, 'the copy, just made');
    await submit(en('cadmin.state.publish'));
    await submit(en('cadmin.state.programme-publish'));
    assert.equal(await page.locator('[role="status"]').textContent(), en('cadmin.state.done'));
    const pub = await page.goto(`${app.url}/defenders-days/2024/programme`);
    assert.equal(pub?.status(), 200);
    assert.equal(await page.getByText(closed('session-title-en')).count(), 0, 'a closed session stays closed in the copy');
  });

  void it('no page had an axe violation, a Nu Html Checker error, sideways scrolling or a request to another origin', async () => {
    const results = await html.check();
    const nu = [...results].filter(([, m]) => m.length).map(([name, m]) => `${name}:\n${formatVnu(m)}`);
    console.log(
      `programme editor e2e: ${results.size} documents checked by the Nu Html Checker, ${nu.length} with errors; ${problems.length} axe/layout problems`,
    );
    assert.equal(problems.join('\n\n'), '');
    assert.deepEqual(nu, []);
    assert.deepEqual(foreign.urls, []);
  });
});
