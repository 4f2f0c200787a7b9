import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { totpCode } from '../support/auth.js';
import { formatViolations, launchBrowser, newContext, recordForeignRequests, runAxe, watchCsp } from './support/browser.js';

/**
 * Passkeys in a real browser, with Chromium's virtual authenticator (CDP WebAuthn domain):
 * sign in with a code, add a passkey on the account page (after confirming with a recovery
 * code), sign out, sign in with password and passkey (no code typed) and see the
 * dashboard; remove the passkey. The page runs under the app's CSP (no inline script) and
 * axe-core finds nothing on the pages with the passkey parts. The app's PUBLIC_URL is the
 * browser's origin (http://localhost:<port>): the relying party id must be that host.
 */

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('en', key, params);

void describe('passkeys in the browser', () => {
  let browser: Browser;
  let app: TestApp & { url: string };
  let context: BrowserContext;
  let page: Page;
  let cdp: CDPSession;
  let authenticatorId = '';
  let csp: Awaited<ReturnType<typeof watchCsp>>;
  let foreign: { urls: string[] };
  const email = 'passkey.person@example.org';
  const password = 'a sturdy passphrase for passkeys';
  let secret = '';
  let recovery: string[] = [];
  const problems: string[] = [];

  before(async () => {
    [browser, app] = await Promise.all([launchBrowser(), listeningTestApp({ origin: 'localhost' })]);
    await app.services.worker.stop();
    const { enrolUrl } = await app.services.accounts.createUser(null, { email, displayName: 'Pat Passkey', role: 'editor' });
    const token = enrolUrl.split('/').pop() as string;
    const start = await app.services.accounts.startEnrolment(token);
    secret = start.secret;
    const code = await totpCode(secret);
    recovery = (await app.services.accounts.completeEnrolment(token, { password, confirm: password, sealedSecret: start.sealedSecret, code })).recoveryCodes;
    context = await newContext(browser);
    csp = await watchCsp(context);
    foreign = recordForeignRequests(context, new URL(app.url).origin);
    page = await context.newPage();
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    }));
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
  });

  const path = () => new URL(page.url()).pathname;
  const field = (label: string) => page.getByLabel(label, { exact: true });
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const follow = async (action: Promise<unknown>) => {
    await Promise.all([page.waitForEvent('load'), action]);
  };
  const axe = async (what: string) => {
    const v = await runAxe(page);
    if (v.length) problems.push(`${what} (${page.url()}):\n${formatViolations(v)}`);
  };
  const passwordStep = async () => {
    await page.goto(`${app.url}/admin/login`);
    await field(en('auth.email')).fill(email);
    await field(en('auth.password')).fill(password);
    await follow(button(en('auth.login.submit')).click());
    assert.equal(path(), '/admin/login/code');
  };

  void it('signs in with a code; no passkey button yet', async () => {
    await passwordStep();
    assert.equal(await button(en('auth.passkey.signin')).count(), 0);
    await field(en('auth.code')).fill(await totpCode(secret, Math.floor(Date.now() / 1000) + 30));
    await follow(button(en('auth.code.submit')).click());
    assert.equal(path(), '/admin');
  });

  void it('adds a passkey on the account page, after confirming with a recovery code', async () => {
    await page.goto(`${app.url}/admin/account`);
    const add = button(en('auth.passkey.add'));
    await add.waitFor({ state: 'visible' });
    assert.equal(await page.locator('[data-passkey-nojs]').isVisible(), false, 'the no-JavaScript note is hidden by the script');
    await axe('account page with the passkey section');
    // Not confirmed yet: the script is sent to the re-authentication page.
    await follow(add.click());
    assert.equal(path(), '/admin/account/reauth');
    await field(en('auth.code')).fill(recovery[0] ?? '');
    await follow(button(en('auth.reauth.submit')).click());
    assert.equal(path(), '/admin/account');

    await field(en('auth.passkey.label')).fill('Virtual key');
    await follow(button(en('auth.passkey.add')).click());
    assert.equal(path(), '/admin/account');
    assert.equal(await page.locator('.banner-notice').textContent(), en('auth.passkey.added-done'));
    assert.equal(await page.getByRole('rowheader', { name: 'Virtual key' }).count(), 1);
    await axe('account page with a passkey');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);
    const audit = await app.database.db.selectFrom('audit_log').select('action').where('action', '=', 'auth.passkey-added').execute();
    assert.equal(audit.length, 1);
  });

  void it('signs out and in again with password and passkey, no code typed', async () => {
    await follow(button(en('admin.signout')).click());
    assert.equal(path(), '/admin/login');
    await passwordStep();
    const signin = button(en('auth.passkey.signin'));
    await signin.waitFor({ state: 'visible' });
    await axe('code page with the passkey button');
    await follow(signin.click());
    assert.equal(path(), '/admin');
    assert.equal(await page.locator('h1').textContent(), en('admin.nav.dashboard'));
    const logins = await app.database.db.selectFrom('audit_log').select('details').where('action', '=', 'auth.login').execute();
    assert.ok(
      logins.some((l) => String(l.details).includes('"method":"passkey"')),
      'the sign-in is audited with method passkey',
    );
    const key = await app.database.db.selectFrom('webauthn_credentials').select(['last_used_at']).executeTakeFirstOrThrow();
    assert.ok(key.last_used_at, 'last use recorded');
  });

  void it('removes the passkey (after confirming again in the new session)', async () => {
    await page.goto(`${app.url}/admin/account`);
    const remove = button(en('auth.passkey.remove-label', { label: 'Virtual key' }));
    await follow(remove.click());
    assert.equal(path(), '/admin/account/reauth');
    await field(en('auth.code')).fill(recovery[1] ?? '');
    await follow(button(en('auth.reauth.submit')).click());
    assert.equal(path(), '/admin/account');
    await follow(remove.click());
    assert.equal(await page.locator('.banner-notice').textContent(), en('auth.passkey.removed-done'));
    assert.equal(await page.getByRole('rowheader', { name: 'Virtual key' }).count(), 0);
    assert.equal((await app.database.db.selectFrom('webauthn_credentials').select('id').execute()).length, 0);
  });

  void it('ran under the CSP without violations, found no accessibility problem, talked to no other origin', async () => {
    assert.deepEqual(await csp.violations(page), []);
    assert.deepEqual(csp.console, []);
    assert.equal(problems.join('\n'), '');
    assert.deepEqual(foreign.urls, []);
  });
});
