import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { makeEvent, makeRegistrationSettings } from '../../src/db/factories.js';
import { t } from '../../src/i18n/index.js';
import { listeningTestApp, type TestApp } from '../support/app.js';
import { decodeQuotedPrintable, parseMail, startSmtp, waitFor, type ReceivedMail, type TestSmtp } from '../support/smtp.js';
import { axeOnCopy, horizontalOverflow, launchBrowser, newContext, recordForeignRequests } from './support/browser.js';
import { formatVnu, HtmlBatch } from './support/vnu.js';

/**
 * Registering for a public event in Chromium with JavaScript off: the event page
 * says how many seats are left, the form registers, the confirmation reaches a real SMTP
 * server with one recipient, a neutral subject and the event as an .ics file, the private
 * link from that mail opens the registration and cancels it, and the seat comes back on the
 * (cached) event page. A full event's waiting list moves up when someone cancels, and the
 * promoted visitor gets a mail with the seat and the calendar file. Every page of the flow
 * passes axe and the Nu Html Checker, fits a 320 px screen, and nothing is fetched from
 * another origin.
 */

const en = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) => t('en', key, params);

const OPEN = { slug: 'open-seminar', title: 'Open seminar on digital safety', capacity: 5 };
const TINY = { slug: 'tiny-workshop', title: 'Tiny workshop on secure messaging', capacity: 1 };

const DESKTOP = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 640 };

// ---------------------------------------------------------------------------------------
// Reading what the SMTP server received: enough MIME for nodemailer's messages.

interface MimePart {
  headers: Record<string, string>;
  /** decoded content (base64 and quoted-printable undone), as UTF-8 text */
  text: string;
  children: MimePart[];
}

function mimeParts(raw: string): MimePart {
  const { headers, body } = parseMail(raw);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const children = body
      .split(`--${boundary}`)
      .slice(1) // the preamble
      .filter((chunk) => !chunk.startsWith('--')) // the closing delimiter
      .map((chunk) => mimeParts(chunk.replace(/^\r?\n/, '')));
    return { headers, text: '', children };
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { headers, text, children: [] };
}

const leaves = (p: MimePart): MimePart[] => (p.children.length ? p.children.flatMap(leaves) : [p]);

interface ReadMail {
  mail: ReceivedMail;
  text: string;
  attachments: { filename: string; contentType: string; content: string }[];
}

function readMail(mail: ReceivedMail): ReadMail {
  const parts = leaves(mimeParts(mail.raw));
  const isAttachment = (p: MimePart) => /attachment|filename=/i.test(`${p.headers['content-disposition'] ?? ''} ${p.headers['content-type'] ?? ''}`);
  const body = parts.find((p) => !isAttachment(p) && /^text\/plain/i.test(p.headers['content-type'] ?? 'text/plain'));
  return {
    mail,
    text: body?.text ?? '',
    attachments: parts.filter(isAttachment).map((p) => ({
      filename: /filename="?([^";]+)"?/i.exec(`${p.headers['content-disposition'] ?? ''}; ${p.headers['content-type'] ?? ''}`)?.[1] ?? '',
      contentType: p.headers['content-type'] ?? '',
      content: p.text,
    })),
  };
}

/** Addresses in a To/Cc header: "a@x, b@y" or "Name <a@x>". */
const addressesIn = (header: string | undefined) =>
  (header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => /<([^>]+)>/.exec(s)?.[1] ?? s);

const manageLinkIn = (text: string, origin: string) => {
  const escaped = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}/registration/[A-Za-z0-9_-]+`).exec(text)?.[0];
};

/** The one VEVENT of an .ics text, parsed with ical.js (throws when it does not parse). */
function calendarEventOf(ics: string) {
  const vevent = new ICAL.Component(ICAL.parse(ics) as unknown[]).getFirstSubcomponent('vevent');
  assert.ok(vevent, 'the calendar holds an event');
  return { vevent, event: new ICAL.Event(vevent) };
}

void describe('registering for an event with JavaScript off', () => {
  let browser: Browser;
  let smtp: TestSmtp;
  let app: TestApp & { url: string };
  let origin = '';
  /** one JavaScript-off context per visitor; all record requests to other origins */
  const contexts: BrowserContext[] = [];
  const foreign: { urls: string[] }[] = [];
  /** axe needs timers, which a page without JavaScript does not run: it checks a copy of each page here */
  let axeContext: BrowserContext;
  let axePage: Page;
  const problems: string[] = [];
  const html = new HtmlBatch();

  before(async () => {
    // One after the other: if one fails, after() still sees and stops the others.
    smtp = await startSmtp();
    browser = await launchBrowser();
    // PUBLIC_URL is the address the browser uses, so the link in the mail opens as it is.
    app = await listeningTestApp({
      origin: 'localhost',
      env: { SMTP_URL: smtp.url },
      seed: async (db) => {
        const startsAt = new Date(Date.now() + 14 * 86_400_000).toISOString();
        for (const e of [OPEN, TINY]) {
          const { id } = await makeEvent(db, {
            slug: e.slug,
            startsAt,
            online: true,
            texts: { en: { title: e.title, summary: 'A public event with registration.' }, sv: { title: `${e.title} (sv)` } },
          });
          await makeRegistrationSettings(db, id, { capacity: e.capacity, waitlist: true });
        }
      },
    });
    origin = new URL(app.url).origin;
    app.services.worker.start();
    axeContext = await newContext(browser);
    axePage = await axeContext.newPage();
  });

  after(async () => {
    for (const c of contexts) await c.close();
    await axeContext?.close();
    await browser?.close();
    await app?.services.worker.stop();
    await app?.close();
    await smtp?.close();
    html.remove();
  });

  /** A new visitor: their own browser context (cookies), JavaScript off. */
  async function visitor(): Promise<Page> {
    const context = await newContext(browser, { javaScriptEnabled: false, viewport: DESKTOP });
    contexts.push(context);
    foreign.push(recordForeignRequests(context, origin));
    return context.newPage();
  }

  /** Clicks and waits for the page it leads to; returns that page's response (a POST's answer too). */
  async function follow(page: Page, click: Promise<void>): Promise<Response> {
    const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), click]);
    assert.ok(response, 'a navigation with a response');
    return response;
  }

  const path = (page: Page) => new URL(page.url()).pathname;
  /**
   * The seat count the public event page shows. The page is sent with `Cache-Control: public,
   * max-age=60`, so a browser that saw it in the last minute shows its own copy on a plain
   * visit; a reload asks the server, whose page cache keys on the content version that every
   * seat taken or given back bumps. That server answer is what is checked here.
   */
  const seatsOnEventPage = async (page: Page, slug: string) => {
    const url = `${app.url}/events/${slug}`;
    await page.goto(url);
    const res = await page.reload();
    assert.equal(res?.status(), 200);
    assert.match(String(res?.headers()['cache-control']), /public/);
    return (await page.locator('.registration-box .seats').textContent())?.trim();
  };

  /** axe (on a copy), the Nu Html Checker (the markup as served) and, when asked, the 320 px check. */
  async function checkPage(page: Page, response: Response, what: string, narrow = false) {
    html.add(what, await response.text());
    const problem = await axeOnCopy(page, axePage, what);
    if (problem) problems.push(problem);
    if (narrow) {
      await page.setViewportSize(NARROW);
      const { overflow, widest } = await horizontalOverflow(page);
      if (overflow > 0) problems.push(`${what}: scrolls sideways by ${overflow}px at ${NARROW.width}px; widest: ${widest}`);
      await page.setViewportSize(DESKTOP);
    }
  }

  /** The mails the SMTP server has received for one address, read. */
  const mailsTo = (address: string) => smtp.received.filter((m) => m.rcptTo.includes(address)).map(readMail);
  async function nextMailTo(address: string, count: number, what: string): Promise<ReadMail> {
    await waitFor(() => mailsTo(address).length >= count, `${what} to ${address} at the SMTP server`, 15_000);
    const mail = mailsTo(address)[count - 1];
    assert.ok(mail);
    return mail;
  }

  /** What every registration mail must be: one recipient, no copies, the neutral subject. */
  function assertPrivateMail(m: ReadMail, address: string) {
    assert.deepEqual(m.mail.rcptTo, [address], 'exactly one envelope recipient');
    assert.deepEqual(addressesIn(m.mail.headers.to), [address], 'To holds one address');
    assert.equal(m.mail.headers.cc, undefined, 'no Cc');
    assert.equal(m.mail.headers.bcc, undefined, 'no Bcc');
    assert.equal(m.mail.headers.subject, en('mail.registration.subject'));
    assert.equal(m.mail.headers.subject, 'Your registration', 'the subject names neither the event nor the organisation');
  }

  function assertCalendarAttached(m: ReadMail, title: string) {
    const ics = m.attachments.filter((a) => a.filename === 'event.ics');
    assert.equal(ics.length, 1, `one event.ics attachment (attachments: ${m.attachments.map((a) => a.filename).join(', ') || 'none'})`);
    assert.match(ics[0]?.contentType ?? '', /^text\/calendar/);
    const { vevent, event } = calendarEventOf(ics[0]?.content ?? '');
    assert.equal(event.summary, title);
    assert.match(String(vevent.getFirstPropertyValue('url')), new RegExp(`/events/${title === OPEN.title ? OPEN.slug : TINY.slug}$`));
  }

  const first = { email: 'first.visitor@example.org', name: 'Första Besökare', manage: '' };

  void it('registers from the event page: seats left, the form, the confirmation', async () => {
    const page = await visitor();
    assert.equal(await seatsOnEventPage(page, OPEN.slug), en('registration.seats-left', { n: OPEN.capacity }));

    const form = await follow(page, page.getByRole('link', { name: en('registration.register-link') }).click());
    assert.equal(form.status(), 200);
    assert.equal(path(page), `/events/${OPEN.slug}/register`);
    assert.equal(await page.locator('h1').textContent(), en('registration.form-title', { title: OPEN.title }));
    await checkPage(page, form, 'registration form', true);

    await page.getByLabel(en('registration.email'), { exact: true }).fill(first.email);
    await page.getByLabel(en('registration.name-or-alias'), { exact: true }).fill(first.name);
    const answer = await follow(page, page.getByRole('button', { name: en('registration.submit'), exact: true }).click());
    assert.equal(answer.status(), 200);
    assert.equal(answer.request().method(), 'POST');
    assert.equal(await page.locator('main').getAttribute('data-outcome'), 'confirmed');
    assert.equal(await page.locator('h1').textContent(), en('registration.done-title'));
    assert.equal((await page.locator('main [role="status"]').textContent())?.trim(), en('registration.done-seat', { title: OPEN.title }));
    await checkPage(page, answer, 'registration answer (seat)', true);

    // The seat count on the public (cached) page went down.
    assert.equal(await seatsOnEventPage(page, OPEN.slug), en('registration.seats-left', { n: OPEN.capacity - 1 }));
  });

  void it('mails the confirmation to a real SMTP server: one recipient, neutral subject, the link and an .ics', async () => {
    const m = await nextMailTo(first.email, 1, 'the confirmation');
    assertPrivateMail(m, first.email);
    assert.match(m.text, new RegExp(en('mail.registration.confirmed', { title: OPEN.title }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.doesNotMatch(m.text, new RegExp(first.name), 'the mail does not repeat the name');
    assertCalendarAttached(m, OPEN.title);
    const link = manageLinkIn(m.text, origin);
    assert.ok(link, `a private link to ${origin}/registration/… in:\n${m.text}`);
    first.manage = link;
  });

  void it('opens the private link from the mail and cancels; the seat comes back', async () => {
    const page = await visitor(); // another browser: the link works on its own
    const manage = await page.goto(first.manage);
    assert.equal(manage?.status(), 200);
    assert.ok(manage);
    assert.equal(await page.locator('main').getAttribute('data-status'), 'confirmed');
    assert.equal(await page.locator('h1').textContent(), en('registration.manage-title'));
    assert.equal((await page.locator('dl.facts dd').textContent())?.trim(), first.name);
    assert.match(String(manage.headers()['cache-control']), /no-store/);
    await checkPage(page, manage, 'manage page', true);

    const cancelled = await follow(page, page.getByRole('button', { name: en('registration.manage-cancel'), exact: true }).click());
    assert.equal(cancelled.status(), 200);
    assert.equal(await page.locator('main').getAttribute('data-status'), 'cancelled');
    assert.equal(await page.locator('h1').textContent(), en('registration.cancelled-title'));
    assert.equal((await page.locator('main [role="status"]').textContent())?.trim(), en('registration.cancelled-text', { title: OPEN.title }));
    assert.equal(await page.getByRole('button', { name: en('registration.manage-cancel') }).count(), 0, 'no cancel button any more');
    await checkPage(page, cancelled, 'manage page, cancelled');

    // The link still opens, and says it is cancelled.
    await page.goto(first.manage);
    assert.equal(await page.locator('main').getAttribute('data-status'), 'cancelled');
    assert.equal((await page.locator('p.seats').textContent())?.trim(), en('registration.manage-status-cancelled'));

    assert.equal(await seatsOnEventPage(page, OPEN.slug), en('registration.seats-left', { n: OPEN.capacity }), 'one more seat left again');

    const m = await nextMailTo(first.email, 2, 'the cancellation');
    assertPrivateMail(m, first.email);
    assert.match(m.text, /is cancelled/);
    assert.equal(m.attachments.length, 0, 'no calendar file for a cancelled registration');
  });

  void it('puts a second visitor of a full event on the waiting list, and promotes them when the first cancels', async () => {
    const a = { email: 'seat.holder@example.org', name: 'Seat Holder' };
    const b = { email: 'next.in.line@example.org', name: 'Next In Line' };

    const pageA = await visitor();
    assert.equal(await seatsOnEventPage(pageA, TINY.slug), en('registration.seat-left'));
    await follow(pageA, pageA.getByRole('link', { name: en('registration.register-link') }).click());
    await pageA.getByLabel(en('registration.email'), { exact: true }).fill(a.email);
    await pageA.getByLabel(en('registration.name-or-alias'), { exact: true }).fill(a.name);
    await follow(pageA, pageA.getByRole('button', { name: en('registration.submit'), exact: true }).click());
    assert.equal(await pageA.locator('main').getAttribute('data-outcome'), 'confirmed');

    const pageB = await visitor();
    assert.equal(await seatsOnEventPage(pageB, TINY.slug), en('registration.waitlist-open'));
    const form = await follow(pageB, pageB.getByRole('link', { name: en('registration.waitlist-link') }).click());
    assert.equal(path(pageB), `/events/${TINY.slug}/register`);
    await checkPage(pageB, form, 'registration form (waiting list)', true);
    await pageB.getByLabel(en('registration.email'), { exact: true }).fill(b.email);
    await pageB.getByLabel(en('registration.name-or-alias'), { exact: true }).fill(b.name);
    const answer = await follow(pageB, pageB.getByRole('button', { name: en('registration.submit-waitlist'), exact: true }).click());
    assert.equal(answer.status(), 200);
    assert.equal(await pageB.locator('main').getAttribute('data-outcome'), 'waitlisted');
    assert.equal((await pageB.locator('main [role="status"]').textContent())?.trim(), en('registration.done-waitlist', { title: TINY.title, position: 1 }));
    await checkPage(pageB, answer, 'registration answer (waiting list)', true);

    const waitlisted = await nextMailTo(b.email, 1, 'the waiting-list mail');
    assertPrivateMail(waitlisted, b.email);
    assert.match(waitlisted.text, /number 1 on the waiting list/);
    assert.equal(waitlisted.attachments.length, 0, 'no calendar file without a seat');
    const linkB = manageLinkIn(waitlisted.text, origin);
    assert.ok(linkB);
    await pageB.goto(linkB);
    assert.equal(await pageB.locator('main').getAttribute('data-status'), 'waitlisted');

    // A cancels through the link in their mail.
    const linkA = manageLinkIn((await nextMailTo(a.email, 1, 'the confirmation')).text, origin);
    assert.ok(linkA);
    await pageA.goto(linkA);
    await follow(pageA, pageA.getByRole('button', { name: en('registration.manage-cancel'), exact: true }).click());
    assert.equal(await pageA.locator('main').getAttribute('data-status'), 'cancelled');

    // B's promotion reaches the SMTP server, with the seat and the calendar file.
    const promoted = await nextMailTo(b.email, 2, 'the promotion mail');
    assertPrivateMail(promoted, b.email);
    assert.match(promoted.text, new RegExp(en('mail.registration.promoted', { title: TINY.title }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(promoted.text, /seat/);
    assertCalendarAttached(promoted, TINY.title);
    assert.equal(manageLinkIn(promoted.text, origin), linkB, 'the promotion carries the same private link');

    // B's private page now says they have a seat; the event is full again, with nobody waiting.
    const manage = await pageB.goto(linkB);
    assert.ok(manage);
    assert.equal(await pageB.locator('main').getAttribute('data-status'), 'confirmed');
    assert.equal((await pageB.locator('p.seats').textContent())?.trim(), en('registration.manage-status-confirmed'));
    await checkPage(pageB, manage, 'manage page (promoted)');
    assert.equal(await seatsOnEventPage(pageB, TINY.slug), en('registration.waitlist-open'));
  });

  void it('had no axe violations, no HTML errors and no request to another origin on the way', async () => {
    assert.ok(html.size >= 7, `pages saved for the checker: ${html.size}`);
    const results = await html.check();
    for (const [name, messages] of results) if (messages.length) problems.push(`Nu Html Checker, ${name}:\n${formatVnu(messages)}`);
    assert.deepEqual(problems, [], problems.join('\n'));
    assert.deepEqual(
      foreign.flatMap((f) => f.urls),
      [],
    );
    // Each mail went to one address; nothing else reached the server.
    assert.ok(smtp.received.length >= 6, `mails received: ${smtp.received.length}`);
    for (const m of smtp.received) assert.equal(m.rcptTo.length, 1);
  });
});
