/**
 * Registration for public events through the running app: contention, the same
 * address and the same form twice, cancelling and promotion, reminders, retention.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../../../src/core/shared/clock.js';
import { makeEvent, makeRegistrationSettings } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { cookieHeader, cookiesOf, signedInStaff } from '../../support/auth.js';
import { testDialects } from '../../support/db.js';
import { decodeHtml } from '../web/markup.js';

function manualClock(): Clock & { set(iso: string): void; offset(ms: number): void } {
  let shift = 0;
  return { now: () => new Date(Date.now() + shift), set: (iso) => void (shift = new Date(iso).getTime() - Date.now()), offset: (ms) => void (shift = ms) };
}

const idem = () => crypto.randomBytes(16).toString('base64url');

interface Visitor {
  cookie: string;
  csrf: string;
}

/** A visitor who has opened the form: the CSRF cookie and token, reused for every post. */
async function openForm(t: TestApp, slug: string, prefix = ''): Promise<Visitor> {
  const res = await t.app.inject({ method: 'GET', url: `${prefix}/events/${slug}/register` });
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  assert.match(String(res.headers['cache-control']), /no-store/);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
  assert.ok(csrf);
  return { csrf, cookie: cookieHeader(cookiesOf(res)) };
}

function register(t: TestApp, v: Visitor, slug: string, fields: Record<string, string>, prefix = '') {
  return t.app.inject({
    method: 'POST',
    url: `${prefix}/events/${slug}/register`,
    headers: { cookie: v.cookie },
    payload: { _csrf: v.csrf, idem: idem(), ...fields },
  });
}

const outcomeOf = (body: string) => /<main[^>]*data-outcome="(\w+)"/.exec(body)?.[1];

async function statuses(t: TestApp, eventId: number) {
  const rows = await t.database.db.selectFrom('registrations').select(['status']).where('event_id', '=', eventId).execute();
  const taken = await t.database.db.selectFrom('registration_settings').select('taken').where('event_id', '=', eventId).executeTakeFirstOrThrow();
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  return { confirmed: count('confirmed'), waitlisted: count('waitlisted'), cancelled: count('cancelled'), taken: taken.taken };
}

async function mailsTo(t: TestApp, address: string) {
  const rows = await t.database.db.selectFrom('outbox').select(['payload', 'dedupe_key']).orderBy('id').execute();
  return rows
    .map((r) => ({
      key: r.dedupe_key ?? '',
      ...(t.services.outbox.decode(r.payload) as { to: string; subject: string; text: string; attachments?: { filename: string; content: string }[] }),
    }))
    .filter((m) => m.to === address);
}

const linkIn = (text: string) => /https?:\/\/\S+\/registration\/([A-Za-z0-9_-]+)/.exec(text)?.[1];

for (const dialect of testDialects()) {
  describe(`registration (${dialect})`, () => {
    let t: TestApp;
    const clock = manualClock();
    const ids: Record<string, { id: number; slug: string }> = {};

    before(async () => {
      t = await testApp({
        dialect,
        clock,
        seed: async (db) => {
          const start = new Date(Date.now() + 10 * 86_400_000).toISOString();
          for (const [name, spec] of [
            ['burst', { capacity: 50 }],
            ['small', { capacity: 2 }],
            ['nowait', { capacity: 1, waitlist: false }],
            ['closed', { capacity: 10, deadline: new Date(Date.now() - 60_000).toISOString() }],
            ['retention', { capacity: 5 }],
            ['late', { capacity: 5 }],
          ] as const) {
            // The retention event ends days before the others, so its clock jump leaves theirs alone.
            const e = await makeEvent(db, {
              slug: `reg-${name}`,
              startsAt: name === 'retention' ? new Date(Date.now() + 2 * 86_400_000).toISOString() : start,
              texts: { en: { title: `Seminar ${name}` }, sv: { title: `Seminarium ${name}` } },
            });
            await makeRegistrationSettings(db, e.id, spec);
            ids[name] = e;
          }
          const off = await makeEvent(db, { slug: 'reg-off', startsAt: start });
          ids.off = off;
        },
      });
    });
    after(async () => t?.close());

    it('gives exactly 50 seats and 150 waiting-list places to 200 concurrent registrations, with no 5xx', async () => {
      const e = ids.burst!;
      const v = await openForm(t, e.slug);
      const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => register(t, v, e.slug, { email: `burst${i}@example.org`, name: `Person ${i}` })));
      const codes = answers.map((r) => r.statusCode);
      assert.deepEqual(
        codes.filter((c) => c !== 200),
        [],
      );
      const outcomes = answers.map((r) => outcomeOf(r.body));
      assert.equal(outcomes.filter((o) => o === 'confirmed').length, 50);
      assert.equal(outcomes.filter((o) => o === 'waitlisted').length, 150);
      assert.deepEqual(await statuses(t, e.id), { confirmed: 50, waitlisted: 150, cancelled: 0, taken: 50 });
      // One mail each, to one recipient; the confirmations carry the event as a calendar file.
      const mails = await t.database.db.selectFrom('outbox').select('payload').where('dedupe_key', 'like', 'reg:%').execute();
      const forBurst = mails.map((m) => t.services.outbox.decode(m.payload) as { to: string; attachments?: unknown[] }).filter((m) => m.to.startsWith('burst'));
      assert.equal(forBurst.length, 200);
      assert.equal(forBurst.filter((m) => m.attachments?.length === 1).length, 50);
    });

    it('says how many seats are left on the event page, and that the waiting list is open when full', async () => {
      const small = ids.small!;
      const page = async () => decodeHtml((await t.app.inject({ method: 'GET', url: `/events/${small.slug}` })).body);
      assert.match(await page(), /2 seats left/);
      // Browsers must check back rather than show their own copy (also when the server's page cache answers).
      for (let i = 0; i < 2; i++)
        assert.equal((await t.app.inject({ method: 'GET', url: `/events/${small.slug}` })).headers['cache-control'], 'public, no-cache');
      assert.equal((await t.app.inject({ method: 'GET', url: `/events/${ids.off!.slug}` })).headers['cache-control'], 'public, max-age=60');
      const v = await openForm(t, small.slug);
      assert.equal((await register(t, v, small.slug, { email: 'first@example.org', name: 'First' })).statusCode, 200);
      assert.match(await page(), /1 seat left/);
      assert.equal((await register(t, v, small.slug, { email: 'second@example.org', name: 'Second' })).statusCode, 200);
      assert.match(await page(), /The event is full\. The waiting list is open\./);
      const sv = decodeHtml((await t.app.inject({ method: 'GET', url: `/sv/events/${small.slug}` })).body);
      assert.match(sv, /Väntelistan är öppen/);
      // no box at all where registration is off
      assert.doesNotMatch(decodeHtml((await t.app.inject({ method: 'GET', url: `/events/${ids.off!.slug}` })).body), /seats? left|Register/);
      assert.equal((await t.app.inject({ method: 'GET', url: `/events/${ids.off!.slug}/register` })).statusCode, 404);
    });

    it('gives the same address one registration, and a double submit creates nothing twice', async () => {
      const e = ids.small!;
      const v = await openForm(t, e.slug);
      const key = idem();
      const send = (email: string) =>
        t.app.inject({
          method: 'POST',
          url: `/events/${e.slug}/register`,
          headers: { cookie: v.cookie },
          payload: { _csrf: v.csrf, idem: key, email, name: 'Twice' },
        });
      const before = await statuses(t, e.id);
      const [a, b] = await Promise.all([send('twice@example.org'), send('twice@example.org')]);
      assert.equal(a.statusCode, 200);
      assert.equal(b.statusCode, 200);
      assert.equal(outcomeOf(a.body), 'waitlisted');
      assert.equal(outcomeOf(b.body), 'waitlisted');
      assert.equal((await statuses(t, e.id)).waitlisted, before.waitlisted + 1);
      assert.equal((await mailsTo(t, 'twice@example.org')).length, 1);
      // The same form with another address: refused, nothing saved.
      const other = await send('someone-else@example.org');
      assert.equal(other.statusCode, 400);
      assert.match(decodeHtml(other.body), /already sent with another address/);
      assert.equal((await statuses(t, e.id)).waitlisted, before.waitlisted + 1);
      // The same address in a new form (other case, spaces): the same place, and the link mailed again once.
      const again = await register(t, v, e.slug, { email: '  TWICE@example.org ', name: 'Twice again' });
      assert.equal(outcomeOf(again.body), 'waitlisted');
      assert.equal((await statuses(t, e.id)).waitlisted, before.waitlisted + 1);
      const againKeys = async () => (await t.database.db.selectFrom('outbox').select('id').where('dedupe_key', 'like', 'reg:%:again:%').execute()).length;
      assert.equal(await againKeys(), 0, 'no new link within the hour of the confirmation');
      // An hour later the same address gets a new private link (to the address as first given); the old one stops working.
      const oldToken = linkIn((await mailsTo(t, 'twice@example.org'))[0]?.text ?? '');
      clock.offset(61 * 60_000);
      try {
        assert.equal(outcomeOf((await register(t, v, e.slug, { email: 'twice@example.org', name: 'Third time' })).body), 'waitlisted');
        assert.equal(await againKeys(), 1);
        const mails = await mailsTo(t, 'twice@example.org');
        assert.equal(mails.length, 2);
        const newToken = linkIn(mails[1]?.text ?? '');
        assert.ok(newToken && newToken !== oldToken);
        assert.equal((await t.app.inject({ method: 'GET', url: `/registration/${oldToken}` })).statusCode, 404);
        assert.equal((await t.app.inject({ method: 'GET', url: `/registration/${newToken}` })).statusCode, 200);
        await register(t, v, e.slug, { email: 'twice@example.org', name: 'Fourth time' });
        assert.equal(await againKeys(), 1, 'at most one new link an hour');
      } finally {
        clock.offset(0);
      }
      assert.equal((await statuses(t, e.id)).waitlisted, before.waitlisted + 1);
    });

    it('refuses bad input with the form and its messages, and keeps what was typed', async () => {
      const e = ids.small!;
      const v = await openForm(t, e.slug, '/sv');
      const res = await register(t, v, e.slug, { email: 'not an address', name: '' }, '/sv');
      assert.equal(res.statusCode, 400);
      const html = decodeHtml(res.body);
      assert.match(html, /Skriv en e-postadress som namn@example\.org/);
      assert.match(html, /Skriv ett namn eller ett alias/);
      assert.match(html, /value="not an address"/);
      const stale = await t.app.inject({
        method: 'POST',
        url: `/events/${e.slug}/register`,
        headers: { cookie: v.cookie },
        payload: { _csrf: v.csrf, idem: 'x', email: 'a@example.org', name: 'A' },
      });
      assert.equal(stale.statusCode, 400);
      const noCsrf = await t.app.inject({ method: 'POST', url: `/events/${e.slug}/register`, payload: { idem: idem(), email: 'a@example.org', name: 'A' } });
      assert.equal(noCsrf.statusCode, 403);
    });

    it('refuses when full without a waiting list, and after the deadline', async () => {
      const v = await openForm(t, ids.nowait!.slug);
      assert.equal(outcomeOf((await register(t, v, ids.nowait!.slug, { email: 'only@example.org', name: 'Only' })).body), 'confirmed');
      const full = await register(t, v, ids.nowait!.slug, { email: 'late@example.org', name: 'Late' });
      assert.equal(full.statusCode, 400);
      assert.match(decodeHtml(full.body), /no waiting list/);
      const closedForm = await t.app.inject({ method: 'GET', url: `/events/${ids.closed!.slug}/register` });
      assert.equal(closedForm.statusCode, 200);
      assert.match(decodeHtml(closedForm.body), /Registration is closed/);
      assert.doesNotMatch(closedForm.body, /name="email"/);
      const late = await register(t, v, ids.closed!.slug, { email: 'late@example.org', name: 'Late' });
      assert.equal(late.statusCode, 400);
      assert.deepEqual(await statuses(t, ids.closed!.id), { confirmed: 0, waitlisted: 0, cancelled: 0, taken: 0 });
    });

    it('cancels through the private link, promotes the first on the waiting list and mails them', async () => {
      const e = ids.small!;
      const [first] = await mailsTo(t, 'first@example.org');
      assert.ok(first);
      assert.equal(first.subject, 'Your registration');
      assert.match(first.attachments?.[0]?.content ?? '', /BEGIN:VEVENT/);
      const token = linkIn(first.text);
      assert.ok(token, first.text);
      const page = await t.app.inject({ method: 'GET', url: `/registration/${token}` });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['cache-control']), /no-store/);
      assert.match(decodeHtml(page.body), /You have a seat\./);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const cookie = cookieHeader(cookiesOf(page));
      const firstWaiting = (
        await t.database.db
          .selectFrom('registrations')
          .select('id')
          .where('event_id', '=', e.id)
          .where('status', '=', 'waitlisted')
          .orderBy('id')
          .executeTakeFirstOrThrow()
      ).id;
      const done = await t.app.inject({ method: 'POST', url: `/registration/${token}/cancel`, headers: { cookie }, payload: { _csrf: csrf } });
      assert.equal(done.statusCode, 200);
      assert.match(decodeHtml(done.body), /is cancelled/);
      const s = await statuses(t, e.id);
      assert.equal(s.confirmed, 2);
      assert.equal(s.taken, 2);
      assert.equal(s.cancelled, 1);
      const promoted = await t.database.db
        .selectFrom('registrations')
        .select(['status', 'promoted_at'])
        .where('id', '=', firstWaiting)
        .executeTakeFirstOrThrow();
      assert.equal(promoted.status, 'confirmed');
      assert.ok(promoted.promoted_at);
      const promotionMail = await t.database.db
        .selectFrom('outbox')
        .select('payload')
        .where('dedupe_key', '=', `reg:${firstWaiting}:promoted`)
        .executeTakeFirstOrThrow();
      const pm = t.services.outbox.decode(promotionMail.payload) as { to: string; text: string; attachments: unknown[] };
      assert.equal(pm.to, 'twice@example.org');
      assert.match(pm.text, /it is now yours/);
      assert.equal(pm.attachments.length, 1);
      // Cancelling twice is harmless; an unknown link is a 404.
      const twice = await t.app.inject({ method: 'POST', url: `/registration/${token}/cancel`, headers: { cookie }, payload: { _csrf: csrf } });
      assert.equal(twice.statusCode, 200);
      assert.equal((await statuses(t, e.id)).taken, 2);
      assert.equal((await t.app.inject({ method: 'GET', url: `/registration/${'x'.repeat(43)}` })).statusCode, 404);
    });

    it('queues one reminder the day before, to confirmed registrants only', async () => {
      const e = ids.small!;
      clock.set(
        new Date(
          new Date((await t.database.db.selectFrom('events').select('starts_at').where('id', '=', e.id).executeTakeFirstOrThrow()).starts_at).getTime() -
            23 * 3_600_000,
        ).toISOString(),
      );
      try {
        const first = await t.services.registrationJobs.sendReminders();
        assert.ok(first >= 2, `reminders: ${first}`);
        // Whoever registers within the last day has just had the confirmation: no reminder.
        const late = ids.late!;
        const v = await openForm(t, late.slug);
        assert.equal(outcomeOf((await register(t, v, late.slug, { email: 'late-comer@example.org', name: 'Late' })).body), 'confirmed');
        assert.equal(await t.services.registrationJobs.sendReminders(), 0);
        const lateRow = await t.database.db.selectFrom('registrations').select('reminded_at').where('event_id', '=', late.id).executeTakeFirstOrThrow();
        assert.ok(lateRow.reminded_at, 'marked, so it is not looked at again');
        const reminders = await t.database.db.selectFrom('outbox').select('dedupe_key').where('dedupe_key', 'like', 'reg:%:reminder').execute();
        const confirmedIds = (
          await t.database.db.selectFrom('registrations').select('id').where('event_id', '=', e.id).where('status', '=', 'confirmed').execute()
        ).map((r) => r.id);
        for (const id of confirmedIds)
          assert.ok(
            reminders.some((r) => r.dedupe_key === `reg:${id}:reminder`),
            `reminder for ${id}`,
          );
      } finally {
        clock.offset(0);
      }
    });

    it('deletes registrants’ personal data 30 days after the event and keeps the counts', async () => {
      const e = ids.retention!;
      const v = await openForm(t, e.slug);
      for (let i = 0; i < 7; i++) await register(t, v, e.slug, { email: `keep${i}@example.org`, name: `Keep ${i}` });
      const before = await statuses(t, e.id);
      assert.deepEqual(before, { confirmed: 5, waitlisted: 2, cancelled: 0, taken: 5 });
      const end = new Date((await t.database.db.selectFrom('events').select('ends_at').where('id', '=', e.id).executeTakeFirstOrThrow()).ends_at).getTime();
      // Some mail still queued for them.
      assert.ok((await mailsTo(t, 'keep0@example.org')).length > 0);
      clock.set(new Date(end + 29 * 86_400_000).toISOString());
      let r = await t.services.registrationJobs.applyRetention();
      assert.equal(
        (await t.database.db.selectFrom('registrations').select('id').where('event_id', '=', e.id).where('anonymised_at', 'is not', null).execute()).length,
        0,
        'nothing before 30 days',
      );
      clock.set(new Date(end + 31 * 86_400_000).toISOString());
      r = await t.services.registrationJobs.applyRetention();
      clock.offset(0);
      assert.ok(r.registrations >= 7);
      const rows = await t.database.db.selectFrom('registrations').selectAll().where('event_id', '=', e.id).execute();
      assert.equal(rows.length, 7);
      for (const row of rows) {
        assert.equal(row.email_sealed, null);
        assert.equal(row.name_sealed, null);
        assert.equal(row.email_hash, null);
        assert.equal(row.manage_token_hash, null);
        assert.ok(row.anonymised_at);
      }
      assert.deepEqual(await statuses(t, e.id), before, 'the counts stay');
      assert.equal((await mailsTo(t, 'keep0@example.org')).length, 0, 'queued mail to them is gone');
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'registrations.anonymised')
        .where('object_id', '=', String(e.id))
        .execute();
      assert.equal(audit.length, 1);
      assert.doesNotMatch(audit[0]!.details, /@/);
    });

    it('mails each registrant the change notice and the cancellation of the event, one message each', async () => {
      const e = ids.burst!;
      const staff = await signedInStaff(t, 'editor');
      const p = { userId: staff.userId, sessionId: 0, role: 'editor', displayName: 'Editor', email: staff.email, reauthAt: null };
      await t.services.adminEvents.addNotice(p, e.id, { notice_en: 'We moved to the large hall.', notice_sv: 'Vi har flyttat till stora salen.' });
      const notices = await t.database.db.selectFrom('outbox').select(['payload', 'dedupe_key']).where('dedupe_key', 'like', 'reg:%:notice:%').execute();
      const active = await t.database.db.selectFrom('registrations').select('id').where('event_id', '=', e.id).where('status', '<>', 'cancelled').execute();
      assert.equal(notices.length, active.length);
      await t.services.adminEvents.cancel(p, e.id);
      const cancelled = await t.database.db
        .selectFrom('outbox')
        .select(['payload', 'dedupe_key'])
        .where('dedupe_key', 'like', 'reg:%:event-cancelled:%')
        .execute();
      assert.equal(cancelled.length, active.length);
      const recipients = new Set(cancelled.map((m) => (t.services.outbox.decode(m.payload) as { to: string }).to));
      assert.equal(recipients.size, active.length, 'one recipient per mail, each registrant once');
      const first = t.services.outbox.decode(cancelled[0]!.payload) as { subject: string; text: string };
      assert.equal(first.subject, 'Your registration');
      assert.match(first.text, /has been cancelled/);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'event.cancelled')
        .where('object_id', '=', String(e.id))
        .executeTakeFirstOrThrow();
      assert.equal((JSON.parse(audit.details) as { mails: number }).mails, active.length);
      // A cancelled event takes no registrations (and its form page shows none).
      const v = await openForm(t, ids.late!.slug);
      assert.doesNotMatch((await t.app.inject({ method: 'GET', url: `/events/${e.slug}/register` })).body, /name="email"/);
      assert.equal((await register(t, v, e.slug, { email: 'after-cancel@example.org', name: 'After' })).statusCode, 400);
    });

    it('stores names sealed: the database holds no address or name in plaintext', async () => {
      const marker = `Marker${crypto.randomBytes(6).toString('hex')}`;
      const v = await openForm(t, ids.late!.slug);
      assert.equal((await register(t, v, ids.late!.slug, { email: `${marker.toLowerCase()}@example.org`, name: marker })).statusCode, 200);
      const rows = await t.database.db.selectFrom('registrations').selectAll().execute();
      assert.ok(!JSON.stringify(rows).includes(marker));
      assert.ok(!JSON.stringify(rows).toLowerCase().includes(marker.toLowerCase()));
    });
  });
}
