import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemoIfEmpty } from '../../src/db/demo/load.js';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { axeOnCopy, formatViolations, horizontalOverflow, launchBrowser, newContext, recordForeignRequests, runAxe, watchCsp } from './support/browser.js';
import { formatVnu, HtmlBatch } from './support/vnu.js';

/**
 * The conference's public pages in Chromium, on the demo content (2018: four tracks,
 * workshops in two parts, English with Russian interpretation): 0 axe violations at 1280
 * and 320 px, 0 Nu Html Checker errors, no sideways scrolling at 320 px, the grid becoming
 * a list on a narrow screen, the filters working with JavaScript off, 0 foreign requests.
 */

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('en', key, params);
const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 640 };

const pages = [
  '/defenders-days',
  '/sv/defenders-days',
  '/defenders-days/2015',
  '/sv/defenders-days/2018',
  '/defenders-days/2018/programme',
  '/sv/defenders-days/2018/programme',
  '/defenders-days/2018/programme?language=en-ru&type=workshop',
  '/defenders-days/2015/programme',
  '/defenders-days/2013/programme',
  '/defenders-days/2016/programme',
  '/defenders-days/2017',
];

void describe('the conference pages in a browser', () => {
  let browser: Browser;
  let app: TestApp & { url: string };
  let context: BrowserContext;
  let page: Page;
  let foreign: { urls: string[] };
  const html = new HtmlBatch();

  before(async () => {
    browser = await launchBrowser();
    app = await listeningTestApp({ seed: async (db, mediaRoot) => void (await loadDemoIfEmpty(db, mediaRoot)) });
    context = await newContext(browser, { viewport: DESKTOP });
    foreign = recordForeignRequests(context, new URL(app.url).origin);
    page = await context.newPage();
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    html.remove();
  });

  for (const path of pages) {
    void it(`${path}: axe at 1280 and 320 px, no sideways scrolling, no CSP violation`, async () => {
      const csp = await watchCsp(context);
      const response = await page.goto(app.url + path, { waitUntil: 'load' });
      assert.equal(response?.status(), path.endsWith('/2017') ? 404 : 200);
      html.add(path, (await response?.text()) ?? '');
      const problems: string[] = [];
      await page.setViewportSize(DESKTOP);
      const wide = await runAxe(page);
      if (wide.length) problems.push(`axe at 1280px:\n${formatViolations(wide)}`);
      await page.setViewportSize(NARROW);
      const { overflow, widest } = await horizontalOverflow(page);
      if (overflow > 0) problems.push(`scrolls sideways by ${overflow}px at 320px; widest: ${widest}`);
      const narrow = await runAxe(page);
      if (narrow.length) problems.push(`axe at 320px:\n${formatViolations(narrow)}`);
      const violations = await csp.violations(page);
      if (violations.length) problems.push(`CSP: ${violations.join(', ')}`);
      await page.setViewportSize(DESKTOP);
      assert.deepEqual(problems, [], problems.join('\n'));
    });
  }

  void it('shows the programme as a days × tracks table on a wide screen and as a list on a narrow one', async () => {
    await page.setViewportSize(DESKTOP);
    await page.goto(`${app.url}/defenders-days/2018/programme`);
    const display = (sel: string) => page.evaluate<string>(`getComputedStyle(document.querySelector(${JSON.stringify(sel)})).display`);
    assert.equal(await display('table.programme'), 'table');
    assert.equal(await display('table.programme thead'), 'table-header-group');
    assert.equal(await display('.track-label'), 'none');
    const headers = await page.locator('table.programme').nth(0).locator('thead th').allTextContents();
    assert.deepEqual(headers, ['Time', 'Security', 'Law and advocacy', 'Communication', 'Well-being']);
    assert.ok((await page.locator('.session-meta', { hasText: 'Part 2(2)' }).count()) >= 4);
    assert.equal(await page.getByText('Language: English with Russian interpretation').count(), 3);
    // Part 2 points to part 1 on the same page.
    const link = page.getByRole('link', { name: 'Take part 1 first.' }).first();
    const target = (await link.getAttribute('href')) ?? '';
    assert.match(target, /^#s-[A-Za-z0-9_-]{12}$/, 'a random public id, not a row id');
    assert.equal(await page.locator(target).count(), 1);

    await page.setViewportSize(NARROW);
    assert.equal(await display('table.programme'), 'block');
    assert.equal(await display('table.programme thead'), 'none');
    assert.equal(await display('.track-label'), 'block', 'each session says its track when the column header is gone');
    assert.ok((await horizontalOverflow(page)).overflow <= 0);
    await page.setViewportSize(DESKTOP);
  });

  void it('filters the programme with JavaScript off, and the filtered page passes axe and fits 320 px', async () => {
    const off = await newContext(browser, { javaScriptEnabled: false, viewport: NARROW });
    const offForeign = recordForeignRequests(off, new URL(app.url).origin);
    const axeContext = await newContext(browser, { viewport: NARROW });
    try {
      const p = await off.newPage();
      const axePage = await axeContext.newPage();
      await p.goto(`${app.url}/defenders-days/2018/programme`);
      const all = await p.locator('.session').count();
      await p.locator('#language').selectOption('en-ru');
      await Promise.all([p.waitForEvent('load'), p.getByRole('button', { name: en('conference.filter.apply') }).click()]);
      const u = new URL(p.url());
      assert.equal(u.pathname, '/defenders-days/2018/programme');
      assert.equal(u.searchParams.get('language'), 'en-ru');
      const filtered = await p.locator('.session').count();
      assert.ok(filtered > 0 && filtered < all, `${filtered} of ${all}`);
      assert.equal(await p.locator('.count').textContent(), en('conference.programme.count', { count: filtered }));
      assert.equal(await p.locator('#language').inputValue(), 'en-ru', 'the form keeps the choice');
      await p.locator('#track').selectOption({ label: 'Well-being' });
      await Promise.all([p.waitForEvent('load'), p.getByRole('button', { name: en('conference.filter.apply') }).click()]);
      assert.equal(await p.locator('.count').textContent(), en('conference.programme.count', { count: 0 }));
      assert.equal(await p.locator('.session').count(), 0, 'no English-with-Russian session in Well-being');
      assert.equal(await p.locator('main .empty').textContent(), en('conference.programme.none-match'));
      await Promise.all([p.waitForEvent('load'), p.getByRole('link', { name: en('conference.filter.clear') }).click()]);
      assert.equal(await p.locator('.session').count(), all);
      await p.locator('#type').selectOption('ceremony');
      await Promise.all([p.waitForEvent('load'), p.getByRole('button', { name: en('conference.filter.apply') }).click()]);
      assert.equal(await p.locator('.session').count(), 1);
      assert.ok((await horizontalOverflow(p)).overflow <= 0, 'fits 320 px with JavaScript off');
      const problems = await axeOnCopy(p, axePage, 'the filtered programme with JavaScript off');
      assert.equal(problems, '', problems);
      assert.deepEqual(offForeign.urls, []);
    } finally {
      await off.close();
      await axeContext.close();
    }
  });

  void it('made no request to another origin', () => {
    assert.deepEqual(foreign.urls, []);
  });

  void it('the Nu Html Checker finds no errors in any conference page', async () => {
    assert.equal(html.size, pages.length);
    const results = await html.check();
    const failing = [...results].filter(([, messages]) => messages.length);
    assert.deepEqual(
      failing.map(([name]) => name),
      [],
      failing.map(([name, messages]) => `${name}:\n${formatVnu(messages)}`).join('\n'),
    );
  });
});
