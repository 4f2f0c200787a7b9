import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, newContext, recordForeignRequests, axeOnCopy } from './support/browser.js';

/**
 * People and the catalogue (series, venues, partners, topics) in Chromium with JavaScript
 * off: an editor adds a person and one item of each list through the forms, sees a form
 * with errors come back with its messages and what was typed, and edits. axe-core checks
 * a JavaScript-on copy of every page on the way (as admin-workflow.test.ts does).
 */

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('en', key, params);
const PASSWORD = 'a long walk along the quay in winter';
const EMAIL = 'pia.people@example.org';

void describe('people and catalogue in the browser, JavaScript off', () => {
  let browser: Browser;
  let app: TestApp & { url: string };
  let context: BrowserContext;
  let page: Page;
  let axeContext: BrowserContext;
  let axePage: Page;
  let foreign: { urls: string[] };
  let secret = '';
  const problems: string[] = [];

  before(async () => {
    [browser, app] = await Promise.all([launchBrowser(), listeningTestApp()]);
    await app.services.worker.stop();
    const { enrolUrl } = await app.services.accounts.createUser(null, { email: EMAIL, displayName: 'Pia People', role: 'editor' });
    const token = enrolUrl.split('/').pop() as string;
    const start = await app.services.accounts.startEnrolment(token);
    secret = start.secret;
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
    await app.services.accounts.completeEnrolment(token, { password: PASSWORD, confirm: PASSWORD, sealedSecret: start.sealedSecret, code });
    context = await newContext(browser, { javaScriptEnabled: false });
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

  void it('signs in', async () => {
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel(en('auth.email'), { exact: true }).fill(EMAIL);
    await page.getByLabel(en('auth.password'), { exact: true }).fill(PASSWORD);
    await submit(en('auth.login.submit'));
    assert.equal(path(), '/admin/login/code');
    await page.getByLabel(en('auth.code'), { exact: true }).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await submit(en('auth.code.submit'));
    assert.equal(path(), '/admin');
  });

  void it('adds a person; a form with errors comes back with messages and what was typed', async () => {
    await page.goto(`${app.url}/admin/people`);
    await axe('people list (empty)');
    await follow(page.getByRole('link', { name: en('ae.people.new'), exact: true }).click());
    assert.equal(path(), '/admin/people/new');
    await axe('new person form');
    await page.locator('#name').fill('Typed Name Stays');
    await page.locator('#slug').fill('Not OK');
    await page.locator('#bio_sv').fill('Svensk text');
    await submit(en('ae.people.create'));
    assert.equal(path(), '/admin/people/new');
    assert.equal(await page.locator('#slug-error').textContent(), en('form.slug-invalid'));
    assert.equal(await page.locator('#name').inputValue(), 'Typed Name Stays');
    assert.equal(await page.locator('#bio_sv').inputValue(), 'Svensk text');
    await axe('new person form with errors');
    await page.locator('#slug').fill('typed-name');
    await page.locator('#public_profile').check();
    await page.locator('#affiliation_en').fill('Defenders’ network');
    await submit(en('ae.people.create'));
    assert.match(path(), /^\/admin\/people\/\d+$/);
    assert.equal(await page.locator('[role="status"]').textContent(), en('ae.people.created'));
    assert.ok(await page.locator('#public_profile').isChecked());
    await axe('person edit page');
    await submit(en('admin.form.save'));
    assert.equal(await page.locator('[role="status"]').textContent(), en('admin.saved'));
    await page.goto(`${app.url}/admin/people`);
    await axe('people list');
  });

  const lists = [
    { kind: 'series', fill: { '#slug': 'spring-seminars', '#name_en': 'Spring seminars', '#name_sv': 'Vårseminarier', '#description_en': 'Talks in spring.' } },
    { kind: 'venues', fill: { '#slug': 'kulturhuset', '#name': 'Kulturhuset', '#city': 'Stockholm', '#country_code': 'SE' } },
    { kind: 'partners', fill: { '#slug': 'civil-rights-defenders', '#name': 'Civil Rights Defenders', '#url': 'https://crd.example.org/' } },
    { kind: 'topics', fill: { '#slug': 'digital-security', '#name_en': 'Digital security', '#name_sv': 'Digital säkerhet' } },
  ] as const;

  for (const { kind, fill } of lists) {
    void it(`${kind}: adds and edits through the forms`, async () => {
      await page.goto(`${app.url}/admin/people`);
      await follow(
        page
          .getByRole('navigation', { name: en('ae.cat.nav') })
          .getByRole('link', { name: en(`ae.cat.${kind}`), exact: true })
          .click(),
      );
      assert.equal(path(), `/admin/${kind}`);
      await axe(`${kind} list (empty)`);
      await page.goto(`${app.url}/admin/${kind}/new`);
      await axe(`new ${kind} form`);
      // First with a bad address: the message comes back, the typed name stays.
      for (const [sel, value] of Object.entries(fill)) await page.locator(sel).fill(sel === '#slug' ? '-' : value);
      await submit(en('ae.cat.new'));
      assert.equal(path(), `/admin/${kind}/new`);
      assert.equal(await page.locator('#slug-error').textContent(), en('form.slug-invalid'));
      const nameSel = '#name_en' in fill ? '#name_en' : '#name';
      assert.equal(await page.locator(nameSel).inputValue(), (fill as Record<string, string>)[nameSel]);
      await axe(`new ${kind} form with errors`);
      await page.locator('#slug').fill(fill['#slug']);
      await submit(en('ae.cat.new'));
      assert.match(path(), new RegExp(`^/admin/${kind}/\\d+$`));
      assert.equal(await page.locator('[role="status"]').textContent(), en('ae.cat.created'));
      await axe(`${kind} edit page`);
      await submit(en('admin.form.save'));
      assert.equal(await page.locator('[role="status"]').textContent(), en('admin.saved'));
      await page.goto(`${app.url}/admin/${kind}`);
      await axe(`${kind} list`);
    });
  }

  void it('no page had an axe violation, and nothing was requested from another origin', () => {
    assert.equal(problems.join('\n\n'), '');
    assert.deepEqual(foreign.urls, []);
  });
});
