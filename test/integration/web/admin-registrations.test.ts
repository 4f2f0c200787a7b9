import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { makeEvent, makeRegistrationSettings } from '../../../src/db/factories.js';
import { utcToZonedInput, zonedTimeToUtc } from '../../../src/core/shared/zoned-time.js';
import type { Locale } from '../../../src/i18n/index.js';
import { testApp, type TestApp } from '../../support/app.js';
import { formToken, postForm, signedInStaff, type Staff } from '../../support/auth.js';
import { rowCount, testDialects } from '../../support/db.js';
import { decodeHtml } from './markup.js';

/**
 * Registration for public events, the organisers' side over HTTP: registration settings, the registrants and their
 * counts, the printable check-in list, the CSV export (after a fresh second factor, audited,
 * formulas neutralised) and the message to everyone registered (one mail per person).
 */

const idem = () => crypto.randomBytes(18).toString('base64url');
/** Text as @kitajs/html escapes it (`>` stays: it cannot open a tag). */
const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

for (const dialect of testDialects()) {
  describe(`admin registrations (${dialect})`, () => {
    let t: TestApp;
    let admin: Staff;
    let editor: Staff;
    let logistics: Staff;

    const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    const post = (page: string, url: string, payload: Record<string, string>, cookie: string) => postForm(t, page, url, payload, cookie);

    /** Registers through the service, as the public form does. */
    const register = async (slug: string, email: string, name: string, extra: Record<string, string> = {}, locale: Locale = 'en') =>
      (await t.services.registrations.register(slug, locale, { email, name, idem: idem(), ...extra })).outcome;

    const statusOf = async (eventId: number) => {
      const rows = await t.database.db.selectFrom('registrations').select(['id', 'status']).where('event_id', '=', eventId).orderBy('id').execute();
      return rows.map((r) => r.status);
    };
    const audits = (action: string) => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
    const outbox = () => t.database.db.selectFrom('outbox').select(['dedupe_key', 'payload']).orderBy('id').execute();
    /** The private link of a registration, from its confirmation mail. */
    const tokenOf = async (email: string) => {
      for (const row of await outbox()) {
        const mail = t.services.outbox.decode(row.payload) as { to: string; text: string };
        const token = /\/registration\/([A-Za-z0-9_-]{20,100})/.exec(mail.text)?.[1];
        if (mail.to === email && token) return token;
      }
      throw new Error(`no mail with a link for ${email}`);
    };

    before(async () => {
      t = await testApp({ dialect });
      admin = await signedInStaff(t, 'admin');
      editor = await signedInStaff(t, 'editor');
      logistics = await signedInStaff(t, 'logistics');
    });
    after(async () => t?.close());

    it('saves the settings; a form with errors comes back with 400, what was typed, and saves nothing', async () => {
      const event = await makeEvent(t.database.db, { slug: 'reg-settings' });
      const page = `/admin/events/${event.id}/registration`;
      const form = await get(page, editor.cookie);
      assert.equal(form.statusCode, 200);
      for (const name of ['enabled', 'capacity', 'waitlist', 'deadline', 'alias_allowed', 'q0_label_en', 'q0_purpose_en', 'q4_retention', 'q4_required'])
        assert.match(form.body, new RegExp(`<label for="${name}"`), `${name} has a label`);
      assert.match(form.body, /<input id="deadline" name="deadline" type="datetime-local"/);
      assert.match(form.body, /Europe\/Stockholm/, 'the deadline says which time zone');

      const before = await Promise.all([
        rowCount(t.database.db, 'registration_settings'),
        rowCount(t.database.db, 'registration_questions'),
        rowCount(t.database.db, 'audit_log'),
      ]);
      const bad = await post(
        page,
        page,
        {
          enabled: '1',
          capacity: 'many',
          deadline: 'tomorrow',
          q0_label_en: 'Dietary needs <b>& allergies</b>',
          q1_purpose_en: 'A purpose without its question',
          q2_label_en: 'Organisation',
          q2_purpose_en: 'To seat people together',
          q2_label_sv: 'Organisation',
          q3_label_en: 'Pronouns',
          q3_purpose_en: 'For the badge',
          q3_retention: '99999',
        },
        editor.cookie,
      );
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /id="errors"/);
      assert.match(bad.body, /Enter a whole number of seats/);
      assert.match(bad.body, /Enter a date and time as YYYY-MM-DD HH:MM/);
      assert.match(bad.body, /id="q0_purpose_en-error"[^>]*>Say why you ask this question/);
      assert.match(bad.body, /id="q1_label_en-error"[^>]*>Enter the question in English, or clear the row/);
      assert.match(bad.body, /id="q2_purpose_sv-error"[^>]*>Enter both the Swedish question and its purpose/);
      assert.match(bad.body, /id="q3_retention-error"[^>]*>Enter a number of days from 0 to 3650/);
      assert.match(bad.body, /<input id="capacity"[^>]*value="many"[^>]*aria-invalid="true"/);
      assert.ok(decodeHtml(bad.body).includes('value="Dietary needs <b>& allergies</b>"'), 'the typed question is kept');
      assert.doesNotMatch(bad.body.replace(/"[^"]*"/g, '""'), /<b>& allergies/, 'and escaped');
      assert.match(bad.body, /<input id="enabled" name="enabled" type="checkbox" value="1" checked/, 'ticked boxes stay ticked');
      assert.doesNotMatch(bad.body, /<input id="waitlist"[^>]* checked/, 'unticked boxes stay unticked');
      const afterBad = await Promise.all([
        rowCount(t.database.db, 'registration_settings'),
        rowCount(t.database.db, 'registration_questions'),
        rowCount(t.database.db, 'audit_log'),
      ]);
      assert.deepEqual(afterBad, before, 'nothing saved');

      // A valid form: the deadline is typed in the event's zone and stored in UTC.
      const starts = (await t.database.db.selectFrom('events').select('starts_at').where('id', '=', event.id).executeTakeFirstOrThrow()).starts_at;
      const deadlineLocal = utcToZonedInput(new Date(Date.parse(starts) - 86_400_000), 'Europe/Stockholm');
      const ok = await post(
        page,
        page,
        {
          enabled: '1',
          capacity: '40',
          waitlist: '1',
          deadline: deadlineLocal,
          q0_label_en: 'Dietary needs & allergies',
          q0_purpose_en: 'So the caterer can plan',
          q0_label_sv: 'Kost & allergier',
          q0_purpose_sv: 'Så att cateringen kan planera',
          q0_retention: '14',
          q0_required: '1',
        },
        editor.cookie,
      );
      assert.equal(ok.statusCode, 303, ok.body.slice(0, 2000));
      assert.equal(ok.headers.location, `${page}?done=saved`);
      const row = await t.database.db.selectFrom('registration_settings').selectAll().where('event_id', '=', event.id).executeTakeFirstOrThrow();
      assert.equal(row.enabled, 1);
      assert.equal(row.capacity, 40);
      assert.equal(row.waitlist, 1);
      assert.equal(row.alias_allowed, 0, 'alias turned off');
      assert.equal(row.deadline, zonedTimeToUtc(deadlineLocal, 'Europe/Stockholm').toISOString());
      const questions = await t.database.db.selectFrom('registration_questions').selectAll().where('event_id', '=', event.id).execute();
      assert.equal(questions.length, 1);
      assert.equal(questions[0]?.retention_days, 14);
      assert.equal(questions[0]?.required, 1);
      assert.equal((await audits('registration.settings-changed')).length, 1);

      const shown = await get(`${page}?done=saved`, editor.cookie);
      assert.match(shown.body, /Saved\./);
      assert.match(shown.body, /<input id="capacity"[^>]*value="40"/);
      assert.match(shown.body, new RegExp(`<input id="deadline"[^>]*value="${deadlineLocal}"`));
      assert.match(shown.body, /<input id="q0_label_en"[^>]*value="Dietary needs &amp; allergies"/, '& kept as typed on the next save');
      assert.match(shown.body, /So the caterer can plan/, 'the purpose is shown');
      assert.match(shown.body, /<input id="q0_retention"[^>]*value="14"/, 'and the retention');
      assert.match(shown.body, new RegExp(`<input type="hidden" id="q0_id" name="q0_id" value="${questions[0]?.id}"`));
      assert.match(shown.body, /<input id="q0_required"[^>]* checked/);
      assert.doesNotMatch(shown.body, /<input id="alias_allowed"[^>]* checked/);

      // Clearing a question's fields removes it.
      const cleared = await post(page, page, { enabled: '1', capacity: '40', waitlist: '1', q0_id: String(questions[0]?.id) }, editor.cookie);
      assert.equal(cleared.statusCode, 303);
      assert.equal(await rowCount(t.database.db, 'registration_questions'), 0);
      // Another event's question id is a stale form, not a way to edit it.
      const stale = await post(page, page, { q0_id: '999999', q0_label_en: 'Q', q0_purpose_en: 'P' }, editor.cookie);
      assert.equal(stale.statusCode, 400);
      assert.equal(await rowCount(t.database.db, 'registration_questions'), 0);

      assert.equal((await get(page, logistics.cookie)).statusCode, 403, 'logistics cannot change the settings');
      assert.equal((await get('/admin/events/999999/registration', editor.cookie)).statusCode, 404);
    });

    it('more seats promote the waiting list in order; the edit page shows the counts', async () => {
      const event = await makeEvent(t.database.db, { slug: 'reg-promote' });
      await makeRegistrationSettings(t.database.db, event.id, { capacity: 2 });
      for (const n of [1, 2, 3, 4]) await register(event.slug, `person${n}@example.org`, `Person ${n}`);
      assert.deepEqual(await statusOf(event.id), ['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);

      const edit = await get(`/admin/events/${event.id}`, admin.cookie);
      assert.match(edit.body, /Registrants \(2 confirmed, 2 waiting\)/);

      const page = `/admin/events/${event.id}/registration`;
      assert.match((await get(page, admin.cookie)).body, /2 of 2 seats are taken/);
      const res = await post(page, page, { enabled: '1', capacity: '3', waitlist: '1', alias_allowed: '1' }, admin.cookie);
      assert.equal(res.statusCode, 303);
      assert.deepEqual(await statusOf(event.id), ['confirmed', 'confirmed', 'confirmed', 'waitlisted'], 'the first on the list moved up');
      const third = await t.database.db
        .selectFrom('registrations')
        .select('id')
        .where('event_id', '=', event.id)
        .orderBy('id')
        .offset(2)
        .limit(1)
        .executeTakeFirstOrThrow();
      const promoted = (await outbox()).filter((r) => r.dedupe_key === `reg:${third.id}:promoted`);
      assert.equal(promoted.length, 1, 'and got a mail');
      assert.equal((t.services.outbox.decode(promoted[0]!.payload) as { to: string }).to, 'person3@example.org');
      assert.equal(
        (await t.database.db.selectFrom('registration_settings').select('taken').where('event_id', '=', event.id).executeTakeFirstOrThrow()).taken,
        3,
      );

      // No limit: everyone waiting gets a seat.
      await post(page, page, { enabled: '1', capacity: '', waitlist: '1', alias_allowed: '1' }, admin.cookie);
      assert.deepEqual(await statusOf(event.id), ['confirmed', 'confirmed', 'confirmed', 'confirmed']);

      const adminEdit = await get(`/admin/events/${event.id}`, admin.cookie);
      assert.match(adminEdit.body, new RegExp(`<a href="/admin/events/${event.id}/registrants"[^>]*>Registrants \\(4 confirmed, 0 waiting\\)</a>`));
      assert.match(adminEdit.body, new RegExp(`<a href="/admin/events/${event.id}/registration"`));
      const editorEdit = await get(`/admin/events/${event.id}`, editor.cookie);
      assert.match(editorEdit.body, /4 confirmed, 0 on the waiting list\./, 'counts only for an editor');
      assert.doesNotMatch(editorEdit.body, /\/registrants"/, 'no link an editor could not open');
    });

    it('lists registrants with counts, escaped, and audits the reading; an editor gets 403', async () => {
      const event = await makeEvent(t.database.db, { slug: 'reg-list' });
      const { questionIds } = await makeRegistrationSettings(t.database.db, event.id, {
        capacity: 2,
        questions: [{ label: 'Organisation', purpose: 'To seat people together', retentionDays: 7 }],
      });
      const q = `q${questionIds[0]}`;
      await register(event.slug, 'zoe@example.org', 'Zoë <script>alert(1)</script>', { [q]: '<img src=x onerror=alert(2)>' });
      await register(event.slug, 'carl@example.org', 'Cancelled Carl');
      await register(event.slug, 'ali@example.org', 'Ali & "Bo" <b>bold</b>');
      await register(event.slug, 'wanda@example.org', 'Waiting Wanda');
      await t.services.registrations.cancel(await tokenOf('carl@example.org'), 'en');
      assert.deepEqual(await statusOf(event.id), ['confirmed', 'cancelled', 'confirmed', 'waitlisted']);

      const readsBefore = (await audits('registrations.read')).length;
      const url = `/admin/events/${event.id}/registrants`;
      const res = await get(url, logistics.cookie);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(res.body, /Confirmed<\/dt><dd>2<\/dd>/);
      assert.match(res.body, /On the waiting list<\/dt><dd>1<\/dd>/);
      assert.match(res.body, /Cancelled<\/dt><dd>1<\/dd>/);
      assert.match(res.body, /Personal data deleted<\/dt><dd>0<\/dd>/);
      assert.ok(res.body.includes(escaped('Zoë <script>alert(1)</script>')), 'the name, escaped');
      assert.ok(res.body.includes(escaped('Ali & "Bo" <b>bold</b>')));
      assert.ok(res.body.includes(escaped('<img src=x onerror=alert(2)>')), 'the answer, escaped');
      assert.doesNotMatch(res.body, /<script>alert|<b>bold|<img src=x/);
      for (const email of ['zoe@example.org', 'carl@example.org', 'ali@example.org', 'wanda@example.org']) assert.ok(res.body.includes(email));
      assert.match(res.body, /To seat people together/, 'the question’s purpose');
      assert.match(res.body, /deleted 7 days after the event/, 'and its retention');
      assert.match(
        res.body,
        new RegExp(`<form method="post" action="/admin/events/${event.id}/registrants.csv" class="inline-form"><input type="hidden" name="_csrf"`),
      );
      assert.match(res.body, new RegExp(`href="/admin/events/${event.id}/registrants/check-in"`));
      assert.match(res.body, new RegExp(`href="/admin/events/${event.id}/registrants/message"`));
      const reads = await audits('registrations.read');
      assert.equal(reads.length, readsBefore + 1, 'reading the list is audited');
      assert.equal(reads.at(-1)?.actor_id, logistics.userId);

      // Logistics reaches the list from the events list.
      assert.match((await get('/admin/events', logistics.cookie)).body, new RegExp(`<a href="/admin/events/${event.id}/registrants"`));
      assert.doesNotMatch((await get('/admin/events', editor.cookie)).body, /\/registrants"/);

      // The printable list: confirmed only, by name, with a box to tick.
      const list = await get(`${url}/check-in`, logistics.cookie);
      assert.equal(list.statusCode, 200);
      const ali = list.body.indexOf(escaped('Ali & "Bo" <b>bold</b>'));
      const zoe = list.body.indexOf(escaped('Zoë <script>alert(1)</script>'));
      assert.ok(ali > 0 && zoe > ali, 'sorted by name');
      assert.doesNotMatch(list.body, /Cancelled Carl|Waiting Wanda/);
      assert.doesNotMatch(list.body, /@example\.org/, 'no addresses on paper');
      assert.equal(list.body.match(/class="tick-box"/g)?.length, 2);
      assert.match(list.body, /2 confirmed/);
      assert.doesNotMatch(list.body, /style=|<script/, 'print styles come from the stylesheet');

      // Nobody yet: the empty state.
      const empty = await makeEvent(t.database.db, { slug: 'reg-empty' });
      await makeRegistrationSettings(t.database.db, empty.id);
      const none = await get(`/admin/events/${empty.id}/registrants`, admin.cookie);
      assert.equal(none.statusCode, 200);
      assert.match(none.body, /Nobody has registered yet\./);
      assert.match((await get(`/admin/events/${empty.id}/registrants/check-in`, admin.cookie)).body, /Nobody has a seat yet\./);

      // An editor may edit the event, but not read who registered.
      const denied = (await audits('access.denied')).length;
      assert.equal((await get(url, editor.cookie)).statusCode, 403);
      assert.equal((await get(`${url}/check-in`, editor.cookie)).statusCode, 403);
      assert.equal((await get(`${url}/message`, editor.cookie)).statusCode, 403);
      const tok = await formToken(t, `/admin/events/${event.id}`, editor.cookie);
      const csv = await t.app.inject({
        method: 'POST',
        url: `/admin/events/${event.id}/registrants.csv`,
        headers: { cookie: tok.cookie },
        payload: { _csrf: tok.csrf },
      });
      assert.equal(csv.statusCode, 403);
      assert.equal((await audits('access.denied')).length, denied + 4);
      assert.equal((await get('/admin/events/999999/registrants', admin.cookie)).statusCode, 404);
    });

    it('exports CSV only after a fresh second factor, audited, with formulas neutralised', async () => {
      const event = await makeEvent(t.database.db, { slug: 'reg-export' });
      const { questionIds } = await makeRegistrationSettings(t.database.db, event.id, { questions: [{ label: 'Diet', purpose: 'Catering' }] });
      const q = `q${questionIds[0]}`;
      await register(event.slug, 'eq@example.org', '=HYPERLINK("http://evil.example/","x")', { [q]: '=1+2' });
      await register(event.slug, 'plus@example.org', '+1+1');
      await register(event.slug, 'minus@example.org', '-2');
      await register(event.slug, 'at@example.org', '@SUM(A1)');
      await register(event.slug, 'plain@example.org', 'Plain "Quoted" Name');

      const page = `/admin/events/${event.id}/registrants`;
      const url = `/admin/events/${event.id}/registrants.csv`;
      const early = await post(page, url, {}, logistics.cookie);
      assert.equal(early.statusCode, 303);
      const back = `${page}?done=reauth`;
      assert.equal(early.headers.location, `/admin/account/reauth?next=${encodeURIComponent(back)}`);
      assert.equal((await audits('export.registrants')).length, 0, 'nothing exported');

      // The second factor again (a recovery code here); the flow leads back to the registrants page.
      const reauth = await post('/admin/account/reauth', '/admin/account/reauth', { code: logistics.recoveryCodes[0] ?? '', next: back }, logistics.cookie);
      assert.equal(reauth.statusCode, 303);
      assert.equal(reauth.headers.location, back);
      const again = await get(back, logistics.cookie);
      assert.match(again.body, /Press “Download CSV” again to export/);

      const res = await post(page, url, {}, logistics.cookie);
      assert.equal(res.statusCode, 200, res.body.slice(0, 500));
      assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(res.headers['content-disposition'], `attachment; filename="registrants-${event.id}.csv"`);
      assert.equal(res.headers['cache-control'], 'no-store');
      const lines = res.body.split('\r\n').filter(Boolean);
      assert.equal(lines[0], '"status","name","email","registered_at","Diet"');
      assert.equal(lines.length, 6);
      assert.ok(lines[1]?.startsWith(`"confirmed","'=HYPERLINK(""http://evil.example/"",""x"")","eq@example.org","`), lines[1]);
      assert.ok(lines[1]?.endsWith(`","'=1+2"`), 'the answer is neutralised too');
      assert.ok(lines.some((l) => l.includes(`"'+1+1"`)));
      assert.ok(lines.some((l) => l.includes(`"'-2"`)));
      assert.ok(lines.some((l) => l.includes(`"'@SUM(A1)"`)));
      assert.ok(lines.some((l) => l.includes(`"Plain ""Quoted"" Name"`)));
      for (const line of lines) assert.doesNotMatch(line, /(^|,)"[=+\-@]/, `no cell starts a formula: ${line}`);

      const exports = await audits('export.registrants');
      assert.equal(exports.length, 1);
      assert.equal(exports[0]?.actor_id, logistics.userId);
      assert.equal(String(exports[0]?.object_id), String(event.id));
      assert.deepEqual(JSON.parse(exports[0]?.details ?? '{}'), { rows: 5 });
      assert.doesNotMatch(exports[0]?.details ?? '', /example\.org/, 'no personal data in the audit entry');

      // A GET is no export.
      assert.equal((await get(url, logistics.cookie)).statusCode, 404);
    });

    it('sends a confirmed message as one mail per registrant, each to one address', async () => {
      const event = await makeEvent(t.database.db, { slug: 'reg-message', texts: { en: { title: 'Message event' }, sv: { title: 'Meddelandeevenemang' } } });
      await makeRegistrationSettings(t.database.db, event.id, { capacity: 2 });
      await register(event.slug, 'one@example.org', 'One');
      await register(event.slug, 'two@example.org', 'Två', {}, 'sv');
      await register(event.slug, 'three@example.org', 'Three');
      await register(event.slug, 'gone@example.org', 'Gone');
      await t.services.registrations.cancel(await tokenOf('gone@example.org'), 'en');
      assert.deepEqual(await statusOf(event.id), ['confirmed', 'confirmed', 'waitlisted', 'cancelled']);

      const page = `/admin/events/${event.id}/registrants/message`;
      const form = await get(page, logistics.cookie);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /It will be sent to 3 people\./);
      assert.match(form.body, /<label for="message_en"/);
      assert.match(form.body, /<label for="message_sv"/);
      assert.match(form.body, /<input id="confirm" name="confirm" type="checkbox" value="1"(?! checked)/);
      const messages = async () => (await outbox()).filter((r) => /^reg:\d+:message:/.test(r.dedupe_key ?? ''));

      const key = /name="idem" value="([A-Za-z0-9_-]+)"/.exec(form.body)?.[1];
      assert.ok(key, 'the form carries an idempotency key');
      const text = 'Doors open at 17:30 <b>sharp</b> & bring ID.';
      const unconfirmed = await post(page, page, { message_en: text, idem: key }, logistics.cookie);
      assert.equal(unconfirmed.statusCode, 400);
      assert.match(unconfirmed.body, /id="confirm-error"[^>]*>Tick the box to confirm/);
      assert.ok(unconfirmed.body.includes(escaped(text)), 'the text comes back, escaped');
      assert.doesNotMatch(unconfirmed.body, /<b>sharp/);
      assert.ok(unconfirmed.body.includes(`name="idem" value="${key}"`), 'the key survives an error');
      const empty = await post(page, page, { message_en: '', confirm: '1', idem: key }, logistics.cookie);
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /Write the message in English\./);
      assert.equal((await messages()).length, 0, 'nothing queued before it is confirmed');

      const send = () => post(page, page, { message_en: text, message_sv: 'Dörrarna öppnas 17.30.', confirm: '1', idem: key }, logistics.cookie);
      const [sent, again] = [await send(), await send()];
      assert.equal(sent.statusCode, 303);
      assert.equal(sent.headers.location, `/admin/events/${event.id}/registrants?sent=3`);
      assert.equal(again.headers.location, `/admin/events/${event.id}/registrants?sent=3`, 'a double submit sends nothing twice');
      assert.match((await get(String(sent.headers.location), logistics.cookie)).body, /The message is on its way to 3 people\./);

      const mails = (await messages()).map((r) => t.services.outbox.decode(r.payload) as Record<string, unknown> & { to: unknown; text: string });
      assert.equal(mails.length, 3, 'one mail per confirmed or waiting registrant');
      assert.deepEqual(mails.map((m) => m.to).sort(), ['one@example.org', 'three@example.org', 'two@example.org']);
      for (const m of mails) {
        assert.equal(typeof m.to, 'string');
        assert.doesNotMatch(String(m.to), /[,;]/, 'one recipient');
        assert.equal(m.cc, undefined);
        assert.equal(m.bcc, undefined);
      }
      assert.ok(mails.find((m) => m.to === 'two@example.org')?.text.includes('Dörrarna öppnas 17.30.'), 'Swedish for the Swedish registrant');
      assert.ok(mails.find((m) => m.to === 'one@example.org')?.text.includes(text), 'English for the others');
      const audited = await audits('registrations.messaged');
      assert.equal(audited.length, 1);
      assert.deepEqual(JSON.parse(audited[0]?.details ?? '{}'), { mails: 3 });

      assert.equal((await get(page, editor.cookie)).statusCode, 403);
      assert.equal((await get('/admin/events/999999/registrants/message', admin.cookie)).statusCode, 404);
    });
  });
}
