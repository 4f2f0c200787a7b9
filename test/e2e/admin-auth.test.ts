import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { launchBrowser, newContext, recordForeignRequests, axeOnCopy } from './support/browser.js';

/**
 * The staff sign-in pages in a browser with JavaScript off: enrol from the link (reading
 * the key from the page, as someone without a camera would), keep the recovery codes,
 * sign in with password and code, reach the dashboard; axe-core finds nothing on any of
 * the account pages, including their error states.
 */

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('en', key, params);
const PASSWORD = 'four unrelated words, said slowly';

void describe('staff accounts in the browser, JavaScript off', () => {
  let browser: Browser;
  let app: TestApp & { url: string };
  let context: BrowserContext;
  let page: Page;
  /** axe needs timers, which a page without JavaScript does not run: it checks a copy of each page in a second context. */
  let axeContext: BrowserContext;
  let axePage: Page;
  let foreign: { urls: string[] };
  let enrolPath = '';
  let secret = '';
  let recoveryCodes: string[] = [];
  const email = 'rosa.admin@example.org';
  const problems: string[] = [];

  before(async () => {
    [browser, app] = await Promise.all([launchBrowser(), listeningTestApp()]);
    await app.services.worker.stop(); // the new-browser mail stays in the outbox
    enrolPath = new URL((await app.services.accounts.createUser(null, { email, displayName: 'Rosa Admin', role: 'admin' })).enrolUrl).pathname;
    context = await newContext(browser, { javaScriptEnabled: false });
    foreign = recordForeignRequests(context, new URL(app.url).origin);
    page = await context.newPage();
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
  /**
   * axe on the page as it is now (also the answer to a POST): its markup is served at the
   * same address to the JavaScript-on page, which loads the same stylesheet from the app.
   */
  const axe = async (what: string) => {
    const problem = await axeOnCopy(page, axePage, what);
    if (problem) problems.push(problem);
  };
  const field = (label: string) => page.getByLabel(label, { exact: true });
  const submit = (name: string) => follow(page.getByRole('button', { name, exact: true }).click());

  void it('enrols from the link: key read from the page, a wrong code first, then the recovery codes', async () => {
    const res = await page.goto(app.url + enrolPath);
    assert.equal(res?.status(), 200);
    assert.equal(await page.locator('h1').textContent(), en('auth.enrol.title'));
    assert.equal(await page.locator('.qr svg').count(), 1, 'the QR code is an inline SVG');
    await axe('enrolment');
    secret = ((await page.locator('#secret').textContent()) ?? '').replace(/\s/g, '');
    assert.match(secret, /^[A-Z2-7]{16,}$/);

    await field(en('auth.password.new')).fill(PASSWORD);
    await field(en('auth.password.confirm')).fill(PASSWORD);
    await field(en('auth.code')).fill('000000');
    await submit(en('auth.enrol.submit'));
    assert.equal(await page.locator('#code-error').textContent(), en('login.code-wrong'));
    assert.equal(await field(en('auth.password.new')).inputValue(), '', 'passwords are not sent back');
    assert.equal(((await page.locator('#secret').textContent()) ?? '').replace(/\s/g, ''), secret, 'the same key');
    await axe('enrolment with errors');

    await field(en('auth.password.new')).fill(PASSWORD);
    await field(en('auth.password.confirm')).fill(PASSWORD);
    await field(en('auth.code')).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) }));
    await submit(en('auth.enrol.submit'));
    assert.equal(await page.locator('h1').textContent(), en('auth.recovery.title'));
    assert.equal(await page.locator('#recovery-codes li').count(), 10);
    recoveryCodes = await page.locator('#recovery-codes li').allTextContents();
    await axe('recovery codes');
  });

  void it('signs in with password and code and sees the dashboard', async () => {
    await follow(page.getByRole('link', { name: en('auth.recovery.continue') }).click());
    assert.equal(path(), '/admin/login');
    await axe('sign in');
    await field(en('auth.email')).fill(email);
    await field(en('auth.password')).fill('not the password at all');
    await submit(en('auth.login.submit'));
    assert.equal(await page.locator('#errors').textContent(), en('login.failed'));
    assert.equal(await field(en('auth.email')).inputValue(), email, 'the address is kept');
    await axe('sign in, failed');

    await field(en('auth.password')).fill(PASSWORD);
    await submit(en('auth.login.submit'));
    assert.equal(path(), '/admin/login/code');
    await axe('code');
    // The next time step: the enrolment code's step is used up.
    await field(en('auth.code')).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await submit(en('auth.code.submit'));
    assert.equal(path(), '/admin');
    assert.equal(await page.locator('h1').textContent(), en('admin.nav.dashboard'));
  });

  void it('has no axe violations on the account and staff pages', async () => {
    await follow(page.getByRole('link', { name: en('admin.nav.account') }).click());
    assert.equal(path(), '/admin/account');
    assert.equal(await page.locator('table tbody tr').count(), 1);
    await axe('your account');
    await page.goto(`${app.url}/admin/account/reauth?next=/admin/users`);
    await axe('re-authentication');
    // Making an account needs the second factor again. The sign-in used the newest code the
    // server accepts, so confirm with a recovery code (kept from the enrolment page).
    await field(en('auth.code')).fill(recoveryCodes[0] ?? '');
    await submit(en('auth.reauth.submit'));
    assert.equal(path(), '/admin/users');
    await axe('staff accounts');
    await follow(page.getByRole('link', { name: en('auth.users.create-link') }).click());
    await axe('new account');
    await field(en('auth.email')).fill('sam@localhost'); // the browser accepts it (no JavaScript needed for that check), the server does not;
    await field(en('auth.name')).fill('Sam Editor');
    await submit(en('auth.users.create'));
    assert.ok(await page.locator('#email-error').isVisible());
    assert.equal(await field(en('auth.name')).inputValue(), 'Sam Editor');
    await axe('new account with errors');
    await field(en('auth.email')).fill('sam@example.org');
    await field(en('auth.role')).selectOption('editor');
    await submit(en('auth.users.create'));
    assert.equal(await page.locator('h1').textContent(), en('auth.users.created-title'));
    assert.match(await field(en('auth.users.created-link')).inputValue(), /\/admin\/enrol\/[\w-]{43}$/);
    await axe('account created');
    await page.goto(`${app.url}/admin/users`);
    await follow(page.getByRole('link', { name: 'Sam Editor' }).click());
    await axe('one account');
    await follow(page.getByRole('link', { name: en('admin.nav.audit') }).click());
    assert.equal(path(), '/admin/audit');
    assert.ok((await page.locator('table tbody tr').count()) > 0, 'the sign-ins above are in the audit trail');
    await axe('audit trail');
    await page.goto(`${app.url}/admin/reset`);
    await axe('password reset');
  });

  void it('signs out', async () => {
    await page.goto(`${app.url}/admin`);
    await submit(en('admin.signout'));
    assert.equal(path(), '/admin/login');
    assert.equal(await page.locator('.banner-notice').textContent(), en('auth.login.signed-out'));
    await page.goto(`${app.url}/admin/account`);
    assert.equal(path(), '/admin/login');
  });

  void it('found no accessibility problem and made no request to another origin', () => {
    assert.equal(problems.join('\n'), '');
    assert.deepEqual(foreign.urls, []);
  });
});
