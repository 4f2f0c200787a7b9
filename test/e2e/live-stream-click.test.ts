import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { t, type Locale } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { isForeign, launchBrowser, newContext } from './support/browser.js';
import { fixture, seedProgramme } from './support/seed.js';

/**
 * Security requirement R10 (docs/requirements.md): a live stream or a recording is only a link. Nothing is
 * loaded from the stream's or the video's host while the visitor is on the page; only
 * their own click goes there, and it carries no referrer.
 */

const LIVE_HOST = new URL(fixture.liveStreamUrl).host;
const VIDEO_HOST = new URL(fixture.recordingUrl).host;

void describe('live stream and recording load only after a click', () => {
  let browser: Browser;
  let app: TestApp & { url: string };

  before(async () => {
    // One after the other: if one fails, after() still sees and stops the other (a stray Chromium would hang the run).
    browser = await launchBrowser();
    app = await listeningTestApp({ seed: (db, mediaRoot) => seedProgramme(db, mediaRoot) });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A context whose every request to another origin is recorded and aborted. */
  async function guardedPage(): Promise<{ context: BrowserContext; page: Page; foreign: Request[] }> {
    const context = await newContext(browser);
    const origin = new URL(app.url).origin;
    const foreign: Request[] = [];
    await context.route('**/*', (route) => {
      if (isForeign(route.request().url(), origin)) {
        foreign.push(route.request());
        return route.abort('blockedbyclient');
      }
      return route.continue();
    });
    return { context, page: await context.newPage(), foreign };
  }

  const hostsOf = (requests: Request[]) => requests.map((r) => new URL(r.url()).host);

  for (const [locale, prefix] of [
    ['en', ''],
    ['sv', '/sv'],
  ] as [Locale, string][]) {
    void it(`the ${locale} event page links to the stream and the recording and loads neither`, async () => {
      const { context, page, foreign } = await guardedPage();
      try {
        const response = await page.goto(`${app.url}${prefix}/events/${fixture.rich}`, { waitUntil: 'networkidle' });
        assert.equal(response?.status(), 200);

        const live = page.getByRole('link', { name: t(locale, 'event.live.open', { host: LIVE_HOST }) });
        const recording = page.getByRole('link', { name: t(locale, 'event.recording.open', { host: VIDEO_HOST }) });
        assert.equal(await live.getAttribute('href'), fixture.liveStreamUrl);
        assert.equal(await recording.getAttribute('href'), fixture.recordingUrl);
        for (const link of [live, recording]) {
          const rel = ((await link.getAttribute('rel')) ?? '').split(/\s+/);
          assert.ok(rel.includes('noopener') && rel.includes('noreferrer'), `rel="${rel.join(' ')}"`);
        }
        // Nothing that could fetch from there by itself: no player, no frame, no hint to connect early.
        assert.equal(await page.locator('iframe, video, audio, embed, object, portal').count(), 0, 'no embedded player');
        const hints = await page
          .locator('link[rel~="preconnect"], link[rel~="dns-prefetch"], link[rel~="prefetch"], link[rel~="preload"], link[rel~="prerender"]')
          .count();
        assert.equal(hints, 0, 'no resource hints');

        // Pointing at and focusing the links loads nothing either.
        await live.hover();
        await recording.focus();
        await page.waitForLoadState('networkidle');
        assert.deepEqual(hostsOf(foreign), [], 'no request to another origin while on the page');
      } finally {
        await context.close();
      }
    });
  }

  for (const [kind, host, url] of [
    ['live stream', LIVE_HOST, fixture.liveStreamUrl],
    ['recording', VIDEO_HOST, fixture.recordingUrl],
  ] as const) {
    void it(`a click on the ${kind} link is the first and only request to ${host}, without a referrer`, async () => {
      const { context, page, foreign } = await guardedPage();
      try {
        await page.goto(`${app.url}/events/${fixture.rich}`, { waitUntil: 'networkidle' });
        assert.deepEqual(hostsOf(foreign), [], 'nothing before the click');
        const requested = page.waitForRequest((r) => new URL(r.url()).host === host);
        await page.locator(`a[href="${url}"]`).click();
        const request = await requested;
        assert.equal(request.url(), url);
        assert.equal(request.isNavigationRequest(), true, 'the click navigates away; nothing is embedded');
        assert.equal(request.headers()['referer'], undefined, 'no Referer header leaves the site');
        assert.deepEqual(hostsOf(foreign), [host], 'exactly one request, to the link target');
      } finally {
        await context.close();
      }
    });
  }

  void it('the home page, the list and the videos page request nothing from the stream or video hosts', async () => {
    const { context, page, foreign } = await guardedPage();
    try {
      for (const path of ['/', '/events', '/videos', '/sv/videos', `/events/past?year=${fixture.busyYear}`]) {
        const response = await page.goto(app.url + path, { waitUntil: 'networkidle' });
        assert.equal(response?.status(), 200, path);
      }
      assert.deepEqual(hostsOf(foreign), []);
    } finally {
      await context.close();
    }
  });
});
