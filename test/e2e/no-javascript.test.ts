import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, newContext, recordForeignRequests } from './support/browser.js';
import { fixture, seedProgramme } from './support/seed.js';

/**
 * The public site with JavaScript switched off in the browser (security requirement R11,
 * docs/requirements.md): browsing, the archive filter, pagination, the language switch and the
 * calendar file all work by links and a plain GET form.
 */

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('en', key, params);
const sv = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('sv', key, params);

void describe('the public site with JavaScript off', () => {
  let browser: Browser;
  let app: TestApp & { url: string };
  let context: BrowserContext;
  let page: Page;
  let foreign: { urls: string[] };

  before(async () => {
    // One after the other: if one fails, after() still sees and stops the other (a stray Chromium would hang the run).
    browser = await launchBrowser();
    app = await listeningTestApp({ seed: (db, mediaRoot) => seedProgramme(db, mediaRoot) });
    context = await newContext(browser, { javaScriptEnabled: false, acceptDownloads: true });
    foreign = recordForeignRequests(context, new URL(app.url).origin);
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  });

  const main = () => page.locator('main');
  const cards = () => page.locator('main .cards > li');
  const path = () => {
    const u = new URL(page.url());
    return u.pathname + u.search;
  };
  /** Clicks a link or button and waits for the page it leads to. */
  const follow = async (locator: ReturnType<Page['locator']>): Promise<void> => {
    await Promise.all([page.waitForEvent('load'), locator.click()]);
  };

  void it('really has JavaScript off (a <noscript> block is rendered)', async () => {
    await page.route(`${app.url}/__noscript-probe`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>probe</title><noscript><p id="off">off</p></noscript><p id="on">page</p>' }),
    );
    await page.goto(`${app.url}/__noscript-probe`);
    assert.equal(await page.locator('#off').isVisible(), true);
    await page.unroute(`${app.url}/__noscript-probe`);
  });

  void it('goes from the home page to the events list', async () => {
    const res = await page.goto(`${app.url}/`);
    assert.equal(res?.status(), 200);
    assert.equal(await page.locator('h1').textContent(), en('home.title'));
    await follow(page.getByRole('navigation', { name: en('nav.label') }).getByRole('link', { name: en('nav.events'), exact: true }));
    assert.equal(path(), '/events');
    assert.equal(await page.locator('h1').textContent(), en('events.title'));
    // Upcoming, soonest first: the cancelled screening, the rich panel, the English-only clinic (and the live one).
    const titles = await main().locator('.card-title').allTextContents();
    for (const title of [fixture.titles.rich.en, fixture.titles.cancelled.en, fixture.titles.englishOnly])
      assert.ok(titles.includes(title), `${title} in ${titles.join(' | ')}`);
    assert.ok(!titles.some((x) => /MARKER/.test(x)), 'no draft or hidden event');
  });

  void it('opens an event', async () => {
    await follow(main().getByRole('link', { name: fixture.titles.rich.en }));
    assert.equal(path(), `/events/${fixture.rich}`);
    assert.equal(await page.locator('h1').textContent(), fixture.titles.rich.en);
    assert.match((await page.locator('.banner-notice').textContent()) ?? '', /starts at 18:00/);
    assert.equal(await page.locator('.people li').count(), 4);
    assert.equal(await page.getByRole('link', { name: en('event.live.open', { host: 'live.example.org' }) }).getAttribute('href'), fixture.liveStreamUrl);
    assert.equal(
      await page.locator('.lead-image img').evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0),
      true,
      'the image loads',
    );
  });

  void it('opens the event’s .ics file as text/calendar', async () => {
    const link = page.getByRole('link', { name: en('event.calendar') });
    assert.equal(await link.getAttribute('href'), `/events/${fixture.rich}.ics`);
    const responseSeen = page.waitForResponse((r) => new URL(r.url()).pathname === `/events/${fixture.rich}.ics`);
    const downloadSeen = page.waitForEvent('download');
    await link.click();
    const [response, download] = await Promise.all([responseSeen, downloadSeen]);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-type'] ?? '', /^text\/calendar/);
    const body = fs.readFileSync(await download.path(), 'utf8');
    const vevent = new ICAL.Component(ICAL.parse(body) as unknown[]).getFirstSubcomponent('vevent');
    assert.ok(vevent, 'the calendar holds an event');
    const event = new ICAL.Event(vevent);
    assert.equal(event.summary, fixture.titles.rich.en);
    assert.equal(vevent.getFirstPropertyValue('url'), `http://events.test/events/${fixture.rich}`);
    assert.equal(vevent.getFirstPropertyValue('status'), 'CONFIRMED');
    // The browser stayed on the event page.
    assert.equal(path(), `/events/${fixture.rich}`);
  });

  void it('filters past events by type and year with the form', async () => {
    await follow(page.getByRole('navigation', { name: en('nav.label') }).getByRole('link', { name: en('nav.past'), exact: true }));
    assert.equal(path(), '/events/past');
    assert.equal(await page.locator('h1').textContent(), en('events.past.title'));
    const total = fixture.busyYearSeminars + 4; // the busy year's seminars and the quieter year's four events
    assert.equal(await page.locator('.count').textContent(), en('events.count', { count: total }));

    await page.getByLabel(en('filter.type')).selectOption('seminar');
    await page.getByLabel(en('filter.year')).selectOption(String(fixture.busyYear));
    await follow(page.getByRole('button', { name: en('filter.apply') }));
    const u = new URL(page.url());
    assert.equal(u.pathname, '/events/past');
    assert.equal(u.searchParams.get('type'), 'seminar');
    assert.equal(u.searchParams.get('year'), String(fixture.busyYear));
    assert.equal(await page.locator('h1').textContent(), en('events.past.year', { year: fixture.busyYear }));
    assert.equal(await page.locator('.count').textContent(), en('events.count', { count: fixture.busyYearSeminars }));
    assert.equal(await cards().count(), 20);
    const kickers = await main().locator('.card .kicker span').allTextContents();
    assert.deepEqual(new Set(kickers), new Set([en('event.type.seminar')]));
    // The form shows what was chosen.
    assert.equal(await page.getByLabel(en('filter.type')).inputValue(), 'seminar');
    assert.equal(await page.getByLabel(en('filter.year')).inputValue(), String(fixture.busyYear));
  });

  void it('follows the pagination and keeps the filter', async () => {
    const pager = page.getByRole('navigation', { name: en('pager.label') });
    assert.equal(await pager.locator('span').textContent(), en('pager.status', { page: 1, pages: 2 }));
    await follow(pager.getByRole('link', { name: en('pager.next') }));
    const u = new URL(page.url());
    assert.equal(u.searchParams.get('page'), '2');
    assert.equal(u.searchParams.get('type'), 'seminar');
    assert.equal(u.searchParams.get('year'), String(fixture.busyYear));
    assert.equal(await cards().count(), fixture.busyYearSeminars - 20);
    assert.equal(await pager.locator('span').textContent(), en('pager.status', { page: 2, pages: 2 }));
    // The oldest seminars are on the last page.
    assert.ok((await main().locator('.card-title').allTextContents()).includes('Breakfast seminar 1: defenders in Belarus'));
    assert.equal(await pager.getByRole('link', { name: en('pager.next') }).count(), 0);
    assert.equal(await pager.getByRole('link', { name: en('pager.prev') }).count(), 1);
  });

  void it('switches to Swedish with the language links, on the same page', async () => {
    await follow(page.locator('.lang-switch').getByRole('link', { name: 'Svenska' }));
    const u = new URL(page.url());
    assert.equal(u.pathname, '/sv/events/past');
    assert.equal(u.searchParams.get('page'), '2');
    assert.equal(u.searchParams.get('type'), 'seminar');
    assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
    assert.equal(await page.locator('h1').textContent(), sv('events.past.year', { year: fixture.busyYear }));
    assert.equal(await cards().count(), fixture.busyYearSeminars - 20);
    assert.equal(await page.getByLabel(sv('filter.type')).inputValue(), 'seminar');
    // Events without a Swedish text are shown in English and marked so.
    assert.ok((await main().locator('.card-title[lang="en"]').count()) > 0);

    await follow(page.getByRole('navigation', { name: sv('nav.label') }).getByRole('link', { name: sv('nav.events'), exact: true }));
    assert.equal(path(), '/sv/events');
    await follow(main().getByRole('link', { name: fixture.titles.rich.sv }));
    assert.equal(path(), `/sv/events/${fixture.rich}`);
    assert.equal(await page.locator('h1').textContent(), fixture.titles.rich.sv);
    assert.equal(await page.getByRole('link', { name: sv('event.calendar') }).getAttribute('href'), `/sv/events/${fixture.rich}.ics`);

    await follow(page.locator('.lang-switch').getByRole('link', { name: 'English' }));
    assert.equal(path(), `/events/${fixture.rich}`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  });

  void it('made no request to another origin on the way', () => {
    assert.deepEqual(foreign.urls, []);
  });
});
