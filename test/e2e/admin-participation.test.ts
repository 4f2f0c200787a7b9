import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { seedConference, type ConferenceIds } from '../support/conference-seed.js';
import { participant, staffPrincipal } from '../support/participation.js';
import { axeOnCopy, horizontalOverflow, launchBrowser, newContext, recordForeignRequests } from './support/browser.js';
import { formatVnu, HtmlBatch } from './support/vnu.js';

/**
 * The staff pages of participation in Chromium with JavaScript off: a logistics staff member
 * signs in, makes an invitation whose link is shown once, revokes one after confirming, makes
 * and edits an open call, reads, reviews and decides applications, and opens the participants,
 * one participant and the erasure page. Every page: 0 axe-core violations at 1280 and 320 px
 * (checked on a JavaScript-on copy), no sideways scrolling at 320 px, 0 Nu Html Checker
 * errors, nothing requested from another origin.
 */

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('en', key, params);
const PASSWORD = 'logistics keeps the needs of everyone';
const EMAIL = 'lena.logistics@example.org';
const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 640 };
const closed = (field: string) => `CLOSED-e2e-padmin-${field}`;

void describe('the participation pages of the workspace in the browser, JavaScript off', () => {
  let browser: Browser;
  let app: TestApp & { url: string };
  let context: BrowserContext;
  let page: Page;
  let axeContext: BrowserContext;
  let axePage: Page;
  let foreign: { urls: string[] };
  let secret = '';
  let ids: ConferenceIds;
  let callId = 0;
  let participantId = 0;
  const problems: string[] = [];
  const html = new HtmlBatch();
  const base = '/admin/conference/2018';

  before(async () => {
    browser = await launchBrowser();
    app = await listeningTestApp({ seed: async (db) => void (ids = await seedConference(db, closed)) });
    await app.services.worker.stop();
    const { enrolUrl } = await app.services.accounts.createUser(null, { email: EMAIL, displayName: 'Lena Logistics', role: 'logistics' });
    const token = enrolUrl.split('/').pop() as string;
    const start = await app.services.accounts.startEnrolment(token);
    secret = start.secret;
    const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) });
    await app.services.accounts.completeEnrolment(token, { password: PASSWORD, confirm: PASSWORD, sealedSecret: start.sealedSecret, code });

    // A call with two applications, one reviewed; a participant who asked for a visa letter, with long needs.
    const admin = await staffPrincipal(app, 'admin');
    callId = await app.services.calls.saveCall(admin, ids.editionId, null, {
      role: 'defender',
      status: 'open',
      deadline: '2099-06-30',
      title_en: 'Defenders working on land rights',
      body_en: 'Tell us about your work.',
      title_sv: 'Försvarare som arbetar med markrättigheter',
    });
    for (const [name, key] of [
      ['Amina With A Considerably Long Name For Narrow Screens', 'e2e-key-one-aaaaaaaa'],
      ['Bo', 'e2e-key-two-aaaaaaaa'],
    ] as const) {
      await app.services.calls.apply(
        callId,
        {
          name,
          email: `${name.split(' ')[0]?.toLowerCase()}.applicant-with-a-long-address@example.org`,
          country: 'CO',
          organisation: 'Colectivo',
          motivation: 'We defend communities.\n\nA second paragraph with a longwordthatdoesnotbreakeasilyanywhereinthelayout.',
          idempotency_key: key,
        },
        'en',
      );
    }
    const first = await app.database.db
      .selectFrom('participation_applications')
      .select('id')
      .where('call_id', '=', callId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await app.services.calls.review(admin, ids.editionId, callId, first.id, { score: '5', comment: 'Clear and urgent.' });
    const p = await participant(app, ids.editionId, { displayName: 'Kestrel' });
    participantId = p.participantId;
    await app.services.portal.saveProfile(p.portal, {
      display_name: 'Kestrel',
      photo_consent: 'ask',
      visa_letter: '1',
      given_names: 'Maria Fernanda',
      family_names: 'Example-Person',
      nationality: 'CO',
      passport_number: 'AB1234567',
      date_of_birth: '1980-01-02',
      email: 'kestrel.with-a-long-address@example.org',
      emergency: 'A colleague at the office, +57 000 000',
      travel_from: 'Bogotá',
      arrival: '2018-04-08',
      departure: '2018-04-13',
      visa_notes: 'Swedish embassy in Bogotá',
      accommodation: 'A quiet room, away from the street, on a low floor if possible',
      access: 'Step-free access',
      dietary: 'No pork',
      interpretation: 'Spanish',
    });
    await participant(app, ids.editionId, { displayName: 'Plover' });

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
  const open = async (url: string, what: string) => {
    const res = await page.goto(app.url + url);
    assert.equal(res?.status(), 200, url);
    await check(res, what);
  };

  void it('signs in and finds the participation pages from the edition', async () => {
    await page.goto(`${app.url}/admin/login`);
    await page.getByLabel(en('auth.email'), { exact: true }).fill(EMAIL);
    await page.getByLabel(en('auth.password'), { exact: true }).fill(PASSWORD);
    await submit(en('auth.login.submit'));
    await page.getByLabel(en('auth.code'), { exact: true }).fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await submit(en('auth.code.submit'));
    assert.equal(pathname(), '/admin');
    // The edition's page belongs to the programme editor (checked in admin-conference.test.ts); here only its link is followed.
    assert.equal((await page.goto(app.url + base))?.status(), 200);
    await follow(page.getByRole('link', { name: en('padmin.nav.invitations'), exact: true }).click());
    assert.equal(pathname(), `${base}/invitations`);
  });

  void it('makes an invitation whose link is shown once, and revokes one after confirming', async () => {
    await open(`${base}/invitations`, 'invitations, empty');
    // Errors first: the form comes back with the messages.
    await page.locator('#label').fill('');
    await page.locator('#days').fill('999');
    const failed = await submit(en('padmin.inv.submit'));
    assert.equal(failed.status(), 400);
    await check(failed, 'invitation form with errors');

    await page.locator('#role').selectOption('panellist');
    await page.locator('#label').fill('Panellist from Bogotá, via the partner organisation');
    await page.locator('#days').fill('21');
    const shown = await submit(en('padmin.inv.submit'));
    assert.equal(shown.status(), 200);
    assert.match((await page.locator('#invitation-link').textContent()) ?? '', /\/invitation\/[A-Za-z0-9_-]{20,}$/);
    await check(shown, 'the one-time link');

    await page.goto(`${app.url}${base}/invitations`);
    await page.locator('#label').fill('Defender, by mail');
    await page.locator('#email').fill('someone@example.org');
    await submit(en('padmin.inv.submit'));
    assert.equal(await page.locator('[role="status"]').textContent(), en('padmin.inv.mailed-done'));
    await check(await page.goto(`${app.url}${base}/invitations?done=mailed`), 'invitations with rows');

    await follow(page.getByRole('link', { name: en('padmin.inv.revoke-label', { label: 'Defender, by mail' }), exact: true }).click());
    await check(await page.goto(page.url()), 'revoke confirmation');
    await submit(en('padmin.inv.revoke.confirm'));
    assert.equal(await page.locator('[role="status"]').textContent(), en('padmin.inv.revoked-done'));
  });

  void it('makes and edits an open call, and reads, reviews and decides its applications', async () => {
    await open(`${base}/calls`, 'calls');
    await open(`${base}/calls/new`, 'new call form');
    await page.locator('#role').selectOption('trainer');
    await page.locator('#status').selectOption('open');
    await page.locator('#deadline').fill('2099-02-01');
    await page.locator('#title_en').fill('Trainers on digital security');
    await page.locator('#body_en').fill('Share what you know.');
    await submit(en('padmin.call.create'));
    assert.match(pathname(), /^\/admin\/conference\/2018\/calls\/\d+$/);
    assert.equal(await page.locator('[role="status"]').textContent(), en('padmin.call.created'));
    await check(await page.goto(page.url()), 'call edit form');

    const apps = `${base}/calls/${callId}/applications`;
    await open(apps, 'applications');
    const firstSection = page.locator('section[id^="application-"]').first();
    await firstSection.getByLabel('3', { exact: true }).check();
    await firstSection.getByLabel(en('padmin.apps.review.comment'), { exact: true }).fill('Good, needs a visa.');
    await follow(firstSection.getByRole('button', { name: en('padmin.apps.review.submit'), exact: true }).click());
    assert.equal(await page.locator('[role="status"]').textContent(), en('padmin.apps.reviewed-done'));
    await follow(firstSection.getByRole('button', { name: en('padmin.apps.decide.accept'), exact: true }).click());
    assert.equal(await page.locator('[role="status"]').textContent(), en('padmin.apps.decided-done'));
    await check(await page.goto(app.url + apps), 'applications after a decision');
  });

  void it('shows the participants, one participant and the erasure page', async () => {
    await open(`${base}/participants`, 'participants');
    await follow(page.getByRole('link', { name: 'Kestrel', exact: true }).click());
    assert.equal(pathname(), `${base}/participants/${participantId}`);
    await check(await page.goto(page.url()), 'one participant');
    await page.locator('#notes').fill('Meet at the airport.');
    await submit(en('padmin.part.notes-save'));
    assert.equal(await page.locator('[role="status"]').textContent(), en('admin.saved'));
    await open(`${base}/participation/erase`, 'erasure');
  });

  void it('no page had an axe violation, a Nu Html Checker error, sideways scrolling or a request to another origin', async () => {
    const results = await html.check();
    const nu = [...results].filter(([, m]) => m.length).map(([name, m]) => `${name}:\n${formatVnu(m)}`);
    console.log(
      `participation e2e: ${results.size} documents checked by the Nu Html Checker, ${nu.length} with errors; ${problems.length} axe/layout problems`,
    );
    assert.ok(results.size >= 13, `${results.size} pages checked`);
    // All three at once, so one run shows every kind of problem.
    assert.deepEqual({ axeAndLayout: problems, nu, foreign: foreign.urls }, { axeAndLayout: [], nu: [], foreign: [] });
  });
});
