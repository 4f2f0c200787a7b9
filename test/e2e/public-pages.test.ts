import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { localePath, locales, type Locale } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { SCROLL_TO_END, formatViolations, horizontalOverflow, launchBrowser, newContext, recordForeignRequests, runAxe, watchCsp } from './support/browser.js';
import { fixture, seedArchiveOnly, seedProgramme } from './support/seed.js';
import { formatVnu, HtmlBatch } from './support/vnu.js';

/**
 * Every public page, in every language, in a real browser under the app's own headers:
 * no accessibility violations (axe-core, WCAG 2.2 AA tags), valid HTML (Nu Html Checker),
 * no request to another origin and no CSP violation (security requirements R9 and R10,
 * docs/requirements.md), and no sideways scrolling on a 320 px wide screen.
 */

type Running = TestApp & { url: string };

interface Tab {
  app: Running;
  context: BrowserContext;
  page: Page;
  foreign: { urls: string[] };
  csp: Awaited<ReturnType<typeof watchCsp>>;
}

interface PageCase {
  name: string;
  /** English path; the Swedish one is derived */
  path: string;
  status: number;
  app: 'full' | 'empty';
}

const pages: PageCase[] = [
  { name: 'home', path: '/', status: 200, app: 'full' },
  { name: 'upcoming events', path: '/events', status: 200, app: 'full' },
  { name: 'past events', path: '/events/past', status: 200, app: 'full' },
  { name: 'past events, filtered', path: `/events/past?year=${fixture.busyYear}&type=seminar`, status: 200, app: 'full' },
  { name: 'past events, filtered, page 2', path: `/events/past?year=${fixture.busyYear}&type=seminar&page=2`, status: 200, app: 'full' },
  { name: 'past events, nothing found', path: '/events/past?q=no-such-words-anywhere', status: 200, app: 'full' },
  { name: 'rich event', path: `/events/${fixture.rich}`, status: 200, app: 'full' },
  { name: 'cancelled event', path: `/events/${fixture.cancelled}`, status: 200, app: 'full' },
  { name: 'English-only event', path: `/events/${fixture.englishOnly}`, status: 200, app: 'full' },
  { name: 'past event', path: `/events/breakfast-${fixture.busyYear}-1`, status: 200, app: 'full' },
  { name: 'videos', path: '/videos', status: 200, app: 'full' },
  { name: 'not found', path: '/no-such-page', status: 404, app: 'full' },
  { name: 'unknown event', path: '/events/no-such-event', status: 404, app: 'full' },
  { name: 'home, nothing upcoming', path: '/', status: 200, app: 'empty' },
  { name: 'upcoming events, empty', path: '/events', status: 200, app: 'empty' },
  { name: 'videos, empty', path: '/videos', status: 200, app: 'empty' },
];

const localised = (locale: Locale, path: string) => {
  const q = path.indexOf('?');
  return q === -1 ? localePath(locale, path) : localePath(locale, path.slice(0, q)) + path.slice(q);
};

const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 640 };

void describe('public pages in a browser', () => {
  let browser: Browser;
  let full: Running;
  let empty: Running;
  /** one browser tab per app, reused from page to page (a new renderer costs a third of a second) */
  const tabs = new Map<PageCase['app'], Tab>();
  const html = new HtmlBatch();

  before(async () => {
    // One after the other: if one fails, after() still sees and stops the others (a stray Chromium would hang the run).
    browser = await launchBrowser();
    full = await listeningTestApp({ seed: (db, mediaRoot) => seedProgramme(db, mediaRoot) });
    empty = await listeningTestApp({ seed: (db) => seedArchiveOnly(db) });
    for (const [key, app] of [
      ['full', full],
      ['empty', empty],
    ] as const) {
      const context = await newContext(browser, { viewport: DESKTOP });
      const foreign = recordForeignRequests(context, new URL(app.url).origin);
      const csp = await watchCsp(context);
      tabs.set(key, { app, context, page: await context.newPage(), foreign, csp });
    }
  });

  after(async () => {
    for (const tab of tabs.values()) await tab.context.close();
    await browser?.close();
    await Promise.all([full?.close(), empty?.close()]);
    html.remove();
  });

  for (const locale of locales) {
    for (const p of pages) {
      const path = localised(locale, p.path);
      void it(`${p.name} (${locale}) ${path}${p.app === 'empty' ? ' [no upcoming events]' : ''}`, async () => {
        const tab = tabs.get(p.app);
        assert.ok(tab, 'the browser tab was opened');
        const { app, page, foreign, csp } = tab;
        // Each page starts with clean records (the previous one ended with the network idle).
        foreign.urls.length = 0;
        csp.console.length = 0;
        await page.setViewportSize(DESKTOP);

        const response = await page.goto(app.url + path, { waitUntil: 'load' });
        assert.ok(response, 'no response');
        assert.equal(response.status(), p.status, `HTTP status of ${path}`);
        assert.match(response.headers()['content-type'] ?? '', /^text\/html/);
        const policy = response.headers()['content-security-policy'] ?? '';
        assert.match(policy, /default-src 'self'/);
        assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval/);
        html.add(`${p.name} (${locale}) ${path}`, await response.text());

        const problems: string[] = [];
        const desktop = await runAxe(page);
        if (desktop.length) problems.push(`axe at ${DESKTOP.width}px:\n${formatViolations(desktop)}`);

        await page.setViewportSize(NARROW);
        const { overflow, widest } = await horizontalOverflow(page);
        if (overflow > 0) problems.push(`scrolls sideways by ${overflow}px at ${NARROW.width}px; widest: ${widest}`);
        const narrow = await runAxe(page);
        if (narrow.length) problems.push(`axe at ${NARROW.width}px:\n${formatViolations(narrow)}`);

        // Lazy images and anything else the page loads once scrolled through.
        await page.evaluate(SCROLL_TO_END);
        await page.waitForLoadState('networkidle');
        const violations = await csp.violations(page);
        if (violations.length || csp.console.length) problems.push(`CSP violations:\n  ${[...violations, ...csp.console].join('\n  ')}`);
        if (foreign.urls.length) problems.push(`requests to other origins:\n  ${foreign.urls.join('\n  ')}`);

        assert.deepEqual(problems, [], `${path}:\n${problems.join('\n')}`);
      });
    }
  }

  void it('shows what the pages are about (the seed reached the browser)', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${full.url}/sv/events/${fixture.englishOnly}`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'sv');
      assert.equal(await page.locator('h1').getAttribute('lang'), 'en', 'an English-only title is marked as English on a Swedish page');
      await page.goto(`${full.url}/sv/events/${fixture.rich}`);
      assert.equal(await page.locator('h1').textContent(), fixture.titles.rich.sv);
      assert.equal(await page.locator('h1').getAttribute('lang'), null);
      await page.goto(`${empty.url}/events`);
      assert.equal(await page.locator('main .empty').count(), 1, 'the empty state is shown');
      await page.goto(`${full.url}/`);
      assert.equal(await page.locator('.live a').count(), 1, 'the home page shows the event streaming now');
    } finally {
      await context.close();
    }
  });

  void it('the CSP and axe probes work under the page CSP (a blocked inline script is seen)', async () => {
    const context = await newContext(browser);
    const csp = await watchCsp(context);
    try {
      const page = await context.newPage();
      await page.goto(`${full.url}/`);
      // axe ran although script-src 'self' forbids inline scripts: it came in through CDP.
      assert.ok(Array.isArray(await runAxe(page)));
      const ran = await page.evaluate<string>(`(async () => {
        const s = document.createElement('script');
        s.textContent = 'document.body.dataset.inline = "ran"';
        document.body.append(s);
        await new Promise((r) => setTimeout(r, 50));
        return document.body.dataset.inline ?? 'blocked';
      })()`);
      assert.equal(ran, 'blocked', 'the CSP blocks inline scripts');
      assert.ok(
        (await csp.violations(page)).some((v) => v.startsWith('script-src')),
        'the violation listener saw it',
      );
    } finally {
      await context.close();
    }
  });

  void it('the Nu Html Checker finds no errors in any page', async () => {
    assert.equal(html.size, pages.length * locales.length, 'every page was saved for the checker');
    const results = await html.check();
    const failing = [...results].filter(([, messages]) => messages.length);
    assert.deepEqual(
      failing.map(([name]) => name),
      [],
      failing.map(([name, messages]) => `${name}:\n${formatVnu(messages)}`).join('\n'),
    );
  });
});
