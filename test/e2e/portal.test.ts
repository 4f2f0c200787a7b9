import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { fixedClock } from '../../src/core/shared/clock.js';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { CONFERENCE_NOW, conferenceFixture as f, seedConference, type ConferenceIds } from '../support/conference-seed.js';
import { invite, staffPrincipal } from '../support/participation.js';
import { axeOnCopy, horizontalOverflow, launchBrowser, newContext, recordForeignRequests } from './support/browser.js';
import { formatVnu, HtmlBatch } from './support/vnu.js';

/**
 * Taking part by invitation in Chromium with JavaScript off (what participation must show): the
 * link from `invite()` opens the accept page, the invitee sets a sign-in name and passphrase
 * and lands in the portal, fills the portal form, picks sessions (and meets a refusal),
 * prints, makes the calendar address and the feed (parsed with ical.js) holds the picked
 * sessions; the same link a second time is refused. The public open-call pages take an
 * application. Every page passes axe and the Nu Html Checker, fits 320 px, and nothing is
 * fetched from another origin.
 */

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('en', key, params);
const sv = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('sv', key, params);
const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 640 };
const PASSPHRASE = 'quiet bells across the water';

void describe('taking part by invitation with JavaScript off', () => {
  let browser: Browser;
  let app: TestApp & { url: string };
  let ids: ConferenceIds;
  let origin = '';
  let link = '';
  let callId = 0;
  const contexts: BrowserContext[] = [];
  const foreign: { urls: string[] }[] = [];
  let axeContext: BrowserContext;
  let axePage: Page;
  const problems: string[] = [];
  const html = new HtmlBatch();
  /** the invitee's browser, kept from one step to the next (the portal cookie) */
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
    app = await listeningTestApp({
      origin: 'localhost',
      clock: fixedClock(CONFERENCE_NOW),
      seed: async (db) => {
        ids = await seedConference(db, (field) => `Closed ${field}`);
      },
    });
    origin = new URL(app.url).origin;
    const { token } = await invite(app, ids.editionId, { role: 'defender' });
    link = `${app.url}/invitation/${token}`;
    const admin = await staffPrincipal(app);
    const next = await app.services.invitations.editionIdOf(f.draftProgrammeYear);
    callId = await app.services.calls.saveCall(admin, next, null, {
      role: 'defender',
      status: 'open',
      deadline: '2019-07-01',
      title_en: 'Call for defenders working on land rights',
      body_en: 'Who may apply.\n\nHow we decide.',
    });
    axeContext = await newContext(browser);
    axePage = await axeContext.newPage();
    page = await visitor();
  });

  after(async () => {
    for (const c of contexts) await c.close();
    await axeContext?.close();
    await browser?.close();
    await app?.close();
    html.remove();
  });

  async function visitor(): Promise<Page> {
    const context = await newContext(browser, { javaScriptEnabled: false, viewport: DESKTOP });
    contexts.push(context);
    foreign.push(recordForeignRequests(context, origin));
    return context.newPage();
  }

  async function follow(p: Page, click: Promise<void>): Promise<Response> {
    const [response] = await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), click]);
    assert.ok(response, 'a navigation with a response');
    return response;
  }

  const path = (p: Page) => new URL(p.url()).pathname;
  /** The sign-in name shown once after accepting. */
  let signIn = '';

  /** axe (on a copy), the Nu Html Checker (the markup as served), no sideways scrolling at 320 px. */
  async function checkPage(p: Page, response: Response, what: string) {
    html.add(what, await response.text());
    const problem = await axeOnCopy(p, axePage, what);
    if (problem) problems.push(problem);
    await p.setViewportSize(NARROW);
    const { overflow, widest } = await horizontalOverflow(p);
    if (overflow > 0) problems.push(`${what}: scrolls sideways by ${overflow}px at ${NARROW.width}px; widest: ${widest}`);
    await p.setViewportSize(DESKTOP);
  }

  void it('accepts the invitation from its link and lands in the portal', async () => {
    const res = await page.goto(link);
    assert.ok(res);
    assert.equal(res.status(), 200);
    assert.equal(await page.title(), en('portal.invitation.title'));
    assert.equal(await page.locator('h1').textContent(), en('portal.invitation.title'));
    await checkPage(page, res, 'accept page');

    await page.getByLabel(en('portal.invitation.sign-in'), { exact: true }).fill('harbour-lantern');
    await page.getByLabel(en('portal.invitation.display-name'), { exact: true }).fill('Lantern');
    await page.getByLabel(en('portal.invitation.passphrase'), { exact: true }).fill(PASSPHRASE);
    await page.getByLabel(en('portal.invitation.passphrase-again'), { exact: true }).fill(PASSPHRASE);
    const accepted = await follow(page, page.getByRole('button', { name: en('portal.invitation.submit') }).click());
    assert.equal(accepted.status(), 200);
    assert.equal(await page.title(), en('portal.accepted.title'));
    signIn = ((await page.locator('#sign-in-name').textContent()) ?? '').trim();
    assert.match(signIn, /^harbour-lantern-[2-9a-z]{4}$/, 'the word with four random characters');
    await checkPage(page, accepted, 'sign-in name shown once');
    const overview = await follow(page, page.getByRole('link', { name: en('portal.accepted.continue') }).click());
    assert.equal(overview.status(), 200);
    assert.equal(path(page), '/portal');
    assert.equal(await page.title(), en('portal.overview.title'));
    assert.equal((await page.locator('.lead').textContent())?.trim(), en('portal.overview.welcome', { name: 'Lantern' }));
    await checkPage(page, overview, 'portal overview');
  });

  void it('fills the portal form and finds it saved', async () => {
    const form = await follow(page, page.getByRole('link', { name: en('portal.nav.profile'), exact: true }).click());
    assert.equal(form.status(), 200);
    assert.equal(path(page), '/portal/profile');
    await checkPage(page, form, 'portal form');

    await page.getByLabel(en('portal.profile.display-name'), { exact: true }).fill('Lantern of the harbour');
    await page.getByLabel(en('portal.profile.photo.never'), { exact: true }).check();
    await page.getByLabel(en('portal.profile.visa-letter'), { exact: true }).check();
    await page.getByLabel(en('portal.profile.given-names'), { exact: true }).fill('Leyla');
    await page.getByLabel(en('portal.profile.family-names'), { exact: true }).fill('Yunus');
    await page.getByLabel(en('portal.profile.nationality'), { exact: true }).selectOption('AZ');
    await page.getByLabel(en('portal.profile.passport'), { exact: true }).fill('C01234567');
    await page.getByLabel(en('portal.profile.born'), { exact: true }).fill('1975-06-17');
    await page.getByLabel(en('portal.profile.from'), { exact: true }).fill('Baku');
    await page.getByLabel(en('portal.profile.arrival'), { exact: true }).fill('2018-04-08');
    await page.getByLabel(en('portal.profile.departure'), { exact: true }).fill('2018-04-13');
    await page.getByLabel(en('portal.profile.dietary'), { exact: true }).fill('No pork');
    await page.getByLabel(en('portal.profile.join'), { exact: true }).check();
    const saved = await follow(page, page.getByRole('button', { name: en('portal.profile.submit'), exact: true }).click());
    assert.equal(saved.status(), 200);
    assert.equal(`${path(page)}${new URL(page.url()).search}`, '/portal/profile?saved=1');
    assert.equal((await page.locator('main [role="status"]').textContent())?.trim(), en('portal.profile.saved'));
    assert.equal(await page.getByLabel(en('portal.profile.passport'), { exact: true }).inputValue(), 'C01234567');
    assert.equal(await page.getByLabel(en('portal.profile.born'), { exact: true }).inputValue(), '1975-06-17');
    assert.ok(await page.getByLabel(en('portal.profile.photo.never'), { exact: true }).isChecked());
    assert.ok(await page.getByLabel(en('portal.profile.visa-letter'), { exact: true }).isChecked());
    await checkPage(page, saved, 'portal form, saved');

    // A refused form comes back with its messages (the visa letter needs a passport number).
    await page.getByLabel(en('portal.profile.passport'), { exact: true }).fill('');
    const refused = await follow(page, page.getByRole('button', { name: en('portal.profile.submit'), exact: true }).click());
    assert.equal(refused.status(), 400);
    assert.ok((await page.locator('#errors').textContent())?.includes(en('participation.required')));
    await checkPage(page, refused, 'portal form, refused');
  });

  void it('picks sessions, meets a refusal, and prints the programme', async () => {
    const programme = await follow(page, page.getByRole('link', { name: en('portal.nav.programme'), exact: true }).click());
    assert.equal(programme.status(), 200);
    await checkPage(page, programme, 'personal programme');

    const choose = (id: number) =>
      page
        .locator(`#s-${id}`)
        .getByRole('button', { name: en('portal.programme.pick'), exact: true })
        .click();
    for (const id of [ids.sessions.part1, ids.sessions.keynote]) {
      const res = await follow(page, choose(id));
      assert.equal(res.status(), 200);
      assert.equal((await page.locator('main [role="status"]').textContent())?.trim(), en('portal.programme.done-picked'));
      assert.equal(await page.locator(`#s-${id}`).getAttribute('data-picked'), 'true');
    }
    const refused = await follow(page, choose(ids.sessions.closed));
    assert.equal(refused.status(), 400);
    assert.equal((await page.locator('#form').textContent())?.trim(), en('participation.session-clash'));
    assert.equal(await page.locator(`#s-${ids.sessions.closed}`).getAttribute('data-picked'), 'false');
    await checkPage(page, refused, 'personal programme, refused');

    const sv_ = await page.goto(`${app.url}/sv/portal/programme`);
    assert.ok(sv_);
    assert.equal(await page.locator('h1').textContent(), sv('portal.programme.title'));
    await checkPage(page, sv_, 'personal programme (sv)');

    const print = await page.goto(`${app.url}/portal/programme/print`);
    assert.ok(print);
    assert.equal(print.status(), 200);
    const items = await page.locator('main li').allTextContents();
    assert.equal(items.length, 2, items.join(' | '));
    assert.ok(items.some((x) => x.includes(f.titles.keynote.en)));
    assert.ok(items.some((x) => x.includes(f.titles.digital.en)));
    await checkPage(page, print, 'printable programme');
  });

  void it('makes the calendar address; the feed holds the picked sessions', async () => {
    await page.goto(`${app.url}/portal`);
    const calendar = await follow(page, page.getByRole('link', { name: en('portal.nav.calendar'), exact: true }).click());
    assert.equal(calendar.status(), 200);
    assert.equal(await page.locator('main').getAttribute('data-feed'), 'off');
    await checkPage(page, calendar, 'calendar page, no address');

    const made = await follow(page, page.getByRole('button', { name: en('portal.cal.make'), exact: true }).click());
    assert.equal(made.status(), 200);
    assert.equal(await page.locator('main').getAttribute('data-feed'), 'on');
    const url = await page.getByLabel(en('portal.cal.url'), { exact: true }).inputValue();
    assert.match(url, new RegExp(`^${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/portal/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    await checkPage(page, made, 'calendar page, with an address');

    const feed = await page.context().request.get(url);
    assert.equal(feed.status(), 200);
    assert.match(feed.headers()['content-type'] ?? '', /^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(await feed.text()) as unknown[]).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    assert.deepEqual(events.map((e) => e.summary).sort(), [`${f.titles.digital.en} (1/2)`, f.titles.keynote.en].sort());

    // Stopping the feed asks first.
    const confirm = await follow(page, page.getByRole('button', { name: en('portal.cal.revoke'), exact: true }).click());
    assert.equal(await page.locator('h1').textContent(), en('portal.cal.confirm-title'));
    await checkPage(page, confirm, 'calendar, confirm stopping');
    await follow(page, page.getByRole('button', { name: en('portal.cal.confirm'), exact: true }).click());
    assert.equal(await page.locator('main').getAttribute('data-feed'), 'off');
    assert.equal((await page.context().request.get(url)).status(), 404, 'the stopped address is not found');
  });

  void it('refuses the same invitation link a second time, in another browser too', async () => {
    for (const p of [page, await visitor()]) {
      const res = await p.goto(link);
      assert.ok(res);
      assert.equal(res.status(), 404);
      assert.equal((await p.locator('main [role="alert"]').textContent())?.trim(), en('participation.link-unusable'));
      assert.equal(await p.locator('input[name="passphrase"]').count(), 0);
      await checkPage(p, res, 'used invitation link');
    }
  });

  void it('signs out and back in', async () => {
    await page.goto(`${app.url}/portal`);
    const out = await follow(page, page.getByRole('button', { name: en('portal.nav.signout'), exact: true }).click());
    assert.equal(path(page), '/portal/login');
    await checkPage(page, out, 'sign-in page');
    await page.getByLabel(en('portal.login.sign-in'), { exact: true }).fill(signIn);
    await page.getByLabel(en('portal.login.passphrase'), { exact: true }).fill(PASSPHRASE);
    await follow(page, page.getByRole('button', { name: en('portal.login.submit'), exact: true }).click());
    assert.equal(path(page), '/portal');
    assert.equal((await page.locator('.lead').textContent())?.trim(), en('portal.overview.welcome', { name: 'Lantern of the harbour' }));
  });

  void it('applies to an open call', async () => {
    const p = await visitor();
    const list = await p.goto(`${app.url}/calls`);
    assert.ok(list);
    assert.equal(list.status(), 200);
    await checkPage(p, list, 'open calls');
    const call = await follow(p, p.getByRole('link', { name: 'Call for defenders working on land rights' }).click());
    assert.equal(path(p), `/calls/${callId}`);
    await checkPage(p, call, 'an open call');
    await p.getByLabel(en('calls.name'), { exact: true }).fill('Ayşe');
    await p.getByLabel(en('calls.email'), { exact: true }).fill('ayse@example.org');
    await p.getByLabel(en('calls.country'), { exact: true }).selectOption('TR');
    await p.getByLabel(en('calls.motivation'), { exact: true }).fill('I defend farmers who lost their land.');
    const thanks = await follow(p, p.getByRole('button', { name: en('calls.submit'), exact: true }).click());
    assert.equal(thanks.status(), 200);
    assert.equal(await p.locator('h1').textContent(), en('calls.thanks-title'));
    await checkPage(p, thanks, 'application sent');
  });

  void it('had no axe violations, no HTML errors and no request to another origin on the way', async () => {
    assert.ok(html.size >= 15, `pages saved for the checker: ${html.size}`);
    const results = await html.check();
    for (const [name, messages] of results) if (messages.length) problems.push(`Nu Html Checker, ${name}:\n${formatVnu(messages)}`);
    assert.deepEqual(problems, [], problems.join('\n'));
    assert.deepEqual(
      foreign.flatMap((x) => x.urls),
      [],
    );
  });
});
