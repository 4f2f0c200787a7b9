import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Clock } from '../../src/core/shared/clock.js';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { CONFERENCE_NOW, seedConference, type ConferenceIds } from '../support/conference-seed.js';
import { participant, type TestParticipant } from '../support/participation.js';
import { formatViolations, launchBrowser, newContext, recordForeignRequests, runAxe, watchCsp } from './support/browser.js';

/**
 * A participant's passkey in Chromium, with its virtual authenticator (CDP WebAuthn domain):
 * with JavaScript off the account page says passkeys need it, the authenticator app is
 * turned on and works; with JavaScript on a passkey is added (name and passphrase), the
 * participant signs out and in with passphrase and passkey (no code typed); with JavaScript
 * off again the second step still takes the app's code, and the passkey is removed with a
 * plain form. Under the app's CSP, with axe on the pages with the passkey parts.
 */

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('en', key, params);

void describe("a participant's passkey in the browser", () => {
  let browser: Browser;
  let app: TestApp & { url: string };
  let ids: ConferenceIds;
  let who: TestParticipant;
  let ms = Date.parse(CONFERENCE_NOW);
  const clock: Clock = { now: () => new Date(ms) };
  let withJs: { context: BrowserContext; page: Page };
  let withoutJs: { context: BrowserContext; page: Page };
  let cdp: CDPSession;
  let authenticatorId = '';
  let csp: Awaited<ReturnType<typeof watchCsp>>;
  let foreign: { urls: string[] };
  let secret = '';
  const problems: string[] = [];

  before(async () => {
    browser = await launchBrowser();
    app = await listeningTestApp({
      origin: 'localhost',
      clock,
      seed: async (db) => {
        ids = await seedConference(db, (field) => `Closed ${field}`);
      },
    });
    await app.services.worker.stop();
    who = await participant(app, ids.editionId);
    const on = await newContext(browser);
    csp = await watchCsp(on);
    foreign = recordForeignRequests(on, new URL(app.url).origin);
    withJs = { context: on, page: await on.newPage() };
    cdp = await on.newCDPSession(withJs.page);
    await cdp.send('WebAuthn.enable');
    ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
    }));
    const off = await newContext(browser, { javaScriptEnabled: false });
    withoutJs = { context: off, page: await off.newPage() };
  });

  after(async () => {
    await withJs?.context.close();
    await withoutJs?.context.close();
    await browser?.close();
    await app?.close();
  });

  const path = (page: Page) => new URL(page.url()).pathname;
  const follow = async (page: Page, action: Promise<unknown>) => {
    await Promise.all([page.waitForEvent('load'), action]);
  };
  const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
  const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
  const axe = async (page: Page, what: string) => {
    const v = await runAxe(page);
    if (v.length) problems.push(`${what} (${page.url()}):\n${formatViolations(v)}`);
  };
  const appCode = async () => {
    ms += 30_000;
    return generate({ secret, epoch: Math.floor(ms / 1000) });
  };
  /** The passphrase step; answers where it went. */
  const passphraseStep = async (page: Page) => {
    await page.goto(`${app.url}/portal/login`);
    await field(page, en('portal.login.sign-in')).fill(who.signIn);
    await field(page, en('portal.login.passphrase')).fill(who.passphrase);
    await follow(page, button(page, en('portal.login.submit')).click());
    return path(page);
  };

  void it('without JavaScript: the account page says passkeys need it, and the authenticator app is turned on', async () => {
    const { page } = withoutJs;
    assert.equal(await passphraseStep(page), '/portal');
    await page.goto(`${app.url}/portal/account`);
    assert.equal(await page.getByText(en('portal.passkey.needs-js')).isVisible(), true);
    assert.equal(await button(page, en('auth.passkey.add')).isVisible(), false, 'no button that cannot work');
    secret = ((await page.locator('#secret').textContent()) ?? '').replace(/\s/g, '');
    await field(page, en('portal.factor.code')).fill(await appCode());
    await page.locator('form[action="/portal/account/totp"]').getByLabel(en('portal.factor.passphrase'), { exact: true }).fill(who.passphrase);
    await follow(page, button(page, en('portal.factor.add')).click());
    assert.equal(await page.locator('h1').textContent(), en('portal.factor.codes-title'));
  });

  void it('with JavaScript: adds a named passkey after the passphrase', async () => {
    const { page } = withJs;
    assert.equal(await passphraseStep(page), '/portal/login/code');
    await field(page, en('portal.code.label')).fill(await appCode());
    await follow(page, button(page, en('portal.code.submit')).click());
    assert.equal(path(page), '/portal');
    await page.goto(`${app.url}/portal/account`);
    const add = button(page, en('auth.passkey.add'));
    await add.waitFor({ state: 'visible' });
    assert.equal(await page.getByText(en('portal.passkey.needs-js')).isVisible(), false, 'the no-JavaScript note is hidden by the script');
    await axe(page, 'account page with the passkey section');
    // A wrong passphrase: the message, and no passkey.
    await field(page, en('auth.passkey.label')).fill('Virtual key');
    await page.locator('#passkey-passphrase').fill('not the passphrase');
    await add.click();
    await page.locator('#passkey-status', { hasText: en('portal.factor.passphrase-wrong') }).waitFor();
    assert.equal((await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials.length, 0);

    await page.locator('#passkey-passphrase').fill(who.passphrase);
    await follow(page, add.click());
    assert.equal(path(page), '/portal/account');
    assert.equal(await page.locator('.banner-notice').textContent(), en('portal.passkey.added-done'));
    assert.equal(await page.getByRole('rowheader', { name: 'Virtual key' }).count(), 1);
    await axe(page, 'account page with a passkey');
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);
    assert.equal(credentials[0]?.rpId, 'localhost');
  });

  void it('signs out and in again with passphrase and passkey, no code typed', async () => {
    const { page } = withJs;
    await follow(page, button(page, en('portal.nav.signout')).click());
    assert.equal(await passphraseStep(page), '/portal/login/code');
    const use = button(page, en('portal.passkey.signin'));
    await use.waitFor({ state: 'visible' });
    await axe(page, 'second step with the passkey button');
    await follow(page, use.click());
    assert.equal(path(page), '/portal');
    const logins = await app.database.db.selectFrom('audit_log').select('details').where('action', '=', 'portal.login').execute();
    assert.ok(
      logins.some((l) => String(l.details).includes('"method":"passkey"')),
      'the sign-in is audited with method passkey',
    );
  });

  void it('without JavaScript: the second step still takes the app code, and the passkey is removed with a form', async () => {
    const { page } = withoutJs;
    assert.equal(await passphraseStep(page), '/portal/login/code');
    assert.equal(await button(page, en('portal.passkey.signin')).isVisible(), false);
    await field(page, en('portal.code.label')).fill(await appCode());
    await follow(page, button(page, en('portal.code.submit')).click());
    assert.equal(path(page), '/portal');
    await page.goto(`${app.url}/portal/account`);
    await field(page, 'Virtual key').check();
    await page.locator('#remove_passphrase').fill(who.passphrase);
    await follow(page, button(page, en('portal.passkey.remove')).click());
    assert.equal(await page.locator('.banner-notice').textContent(), en('portal.passkey.removed-done'));
    assert.equal((await app.database.db.selectFrom('participant_passkeys').select('id').execute()).length, 0);
  });

  void it('ran under the CSP without violations, found no accessibility problem, talked to no other origin', async () => {
    assert.deepEqual(await csp.violations(withJs.page), []);
    assert.deepEqual(csp.console, []);
    assert.equal(problems.join('\n'), '');
    assert.deepEqual(foreign.urls, []);
  });
});
