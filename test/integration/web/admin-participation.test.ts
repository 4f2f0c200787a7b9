import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { makeEdition } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { postForm, signedInStaff, type Staff } from '../../support/auth.js';
import { seedConference, type ConferenceIds } from '../../support/conference-seed.js';
import { testDialects } from '../../support/db.js';
import { participant, staffPrincipal, type TestParticipant } from '../../support/participation.js';
import { decodeHtml } from './markup.js';

/**
 * The staff pages of participation under /admin/conference/:year: invitations (the link shown
 * once, or mailed and never shown; revoking after a confirmation), open calls (form, list) and
 * their applications (answers, reviews, decisions: accepting makes and mails an invitation),
 * and logistics (participants, one participant with notes, visa letters and badges as PDFs
 * that parse, the CSV export after a fresh second factor, erasure once the conference is
 * over). Every logistics read leaves an audit entry; an editor gets 403 on all of logistics
 * and the calls, and sees no participant data on the programme editor's edition page; a
 * reviewer reads and scores applications and nothing else.
 */

const closed = (field: string) => `CLOSED-padmin-${field}`;
const text = (html: string) => decodeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const LEGAL_GIVEN = 'Ivana';
const LEGAL_FAMILY = 'Testova-Markovic';
const PSEUDONYM = 'Larkspur-P';

/** The text of every page of a PDF, read back with pdf.js as a viewer would. */
async function pdfText(bytes: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n');
}

/** The portal form with a visa letter asked for and the legal identity given. */
const withVisa = (displayName: string, extra: Record<string, string> = {}) => ({
  display_name: displayName,
  photo_consent: 'never',
  visa_letter: '1',
  given_names: LEGAL_GIVEN,
  family_names: LEGAL_FAMILY,
  nationality: 'KE',
  passport_number: 'PX1234567',
  date_of_birth: '1985-03-14',
  email: 'lark@example.org',
  emergency: 'A friend, +46 70 000 00 00',
  travel_from: 'Nairobi',
  arrival: '2018-04-08',
  departure: '2018-04-13',
  visa_notes: 'Embassy in Nairobi',
  accommodation: 'Single room',
  access: '',
  dietary: 'Vegetarian-marker',
  interpretation: 'Swahili',
  ...extra,
});

for (const dialect of testDialects()) {
  void describe(`admin participation pages (${dialect})`, () => {
    let t: TestApp;
    let admin: Staff;
    let logistics: Staff;
    let editor: Staff;
    let reviewer: Staff;
    let ids: ConferenceIds;
    let past: { id: number; year: number };
    let future: { id: number; year: number };

    before(async () => {
      t = await testApp({
        dialect,
        seed: async (db) => {
          ids = await seedConference(db, closed);
          past = await makeEdition(db, { year: 2017, startsOn: '2017-04-03', endsOn: '2017-04-06' });
          future = await makeEdition(db, { year: 2099, startsOn: '2099-04-06', endsOn: '2099-04-09', status: 'draft' });
        },
      });
      await t.services.worker.stop();
      admin = await signedInStaff(t, 'admin');
      logistics = await signedInStaff(t, 'logistics');
      editor = await signedInStaff(t, 'editor');
      reviewer = await signedInStaff(t, 'reviewer');
    });
    after(async () => t?.close());

    const db = () => t.database.db;
    const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    // The CSRF token comes from the dashboard, so that fetching it reads (and audits) nothing.
    const post = (url: string, payload: Record<string, string>, cookie: string) => postForm(t, '/admin', url, payload, cookie);
    const audits = (action: string) => db().selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
    const outboxLike = (prefix: string) => db().selectFrom('outbox').selectAll().where('dedupe_key', 'like', `${prefix}%`).orderBy('id').execute();
    const mailOf = (payload: string) => t.services.outbox.decode(payload) as { to: string; subject: string; text: string };
    const base = '/admin/conference/2018';

    void it('creates an invitation with a link shown once, or mailed with no link shown, and revokes after a confirmation', async () => {
      const list = await get(`${base}/invitations`, logistics.cookie);
      assert.equal(list.statusCode, 200);
      assert.match(text(list.body), /No invitations yet\./);
      assert.match(list.body, /<label for="label"/);
      assert.match(list.body, /<select id="role" name="role"/);
      assert.match(list.body, /<input id="days" name="days" type="number" value="30"/);

      // Without an address: the link, once, with the warning.
      const made = await post(`${base}/invitations`, { role: 'trainer', label: 'Trainer from Kampala', email: '', days: '14', locale: 'en' }, logistics.cookie);
      assert.equal(made.statusCode, 200, made.body.slice(0, 300));
      assert.match(text(made.body), /Copy it now: it is not shown again\. Pass it on by a channel you trust/);
      const token = /http:\/\/events\.test\/invitation\/([A-Za-z0-9_-]{20,})/.exec(made.body)?.[1];
      assert.ok(token, 'the link is on the page');
      assert.equal(made.headers['cache-control'], 'no-store');
      const offer = await t.services.invitations.offer(token);
      assert.equal(offer.role, 'trainer');
      assert.equal(offer.editionYear, 2018);
      const row = await db()
        .selectFrom('participation_invitations')
        .selectAll()
        .where('edition_id', '=', ids.editionId)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.doesNotMatch(JSON.stringify(row), new RegExp(token), 'the token is not stored');
      assert.doesNotMatch(JSON.stringify(row), /Kampala/, 'the label is sealed');

      const after1 = await get(`${base}/invitations`, logistics.cookie);
      const page = text(after1.body);
      assert.match(page, /Trainer from Kampala/);
      assert.match(page, /Trainer Open Link shown once/);
      assert.doesNotMatch(after1.body, new RegExp(token), 'the link is not shown again');
      assert.doesNotMatch(after1.body, /\/invitation\//);

      // With an address: mailed (one outbox row, to that address alone), no link on any page.
      const before = (await outboxLike(`part:${ids.editionId}:invitation:`)).length;
      const mailed = await post(
        `${base}/invitations`,
        { role: 'defender', label: 'Defender by mail', email: 'invitee@example.org', days: '30', locale: 'sv' },
        logistics.cookie,
      );
      assert.equal(mailed.statusCode, 303);
      assert.equal(mailed.headers.location, `${base}/invitations?done=mailed`);
      assert.doesNotMatch(mailed.body, /invitation\//);
      const rows = await outboxLike(`part:${ids.editionId}:invitation:`);
      assert.equal(rows.length, before + 1);
      const mail = mailOf(rows.at(-1)?.payload ?? '');
      assert.equal(mail.to, 'invitee@example.org');
      assert.match(mail.text, /http:\/\/events\.test\/sv\/invitation\/[A-Za-z0-9_-]{20,}/);
      const shown = await get(mailed.headers.location, logistics.cookie);
      assert.match(text(shown.body), /The invitation is queued to be mailed\. Its link is not shown anywhere\./);
      assert.match(text(shown.body), /Defender by mail Defender Open Mail/);
      assert.doesNotMatch(shown.body, /\/invitation\//);
      const created = await audits('invitation.created');
      assert.deepEqual(JSON.parse(created.at(-1)?.details ?? '{}'), { edition: ids.editionId, role: 'defender', mailed: true, code: false });

      // A form with errors comes back with the messages and what was typed.
      const bad = await post(`${base}/invitations`, { role: 'boss', label: '', email: 'not an address', days: '500', locale: 'en' }, logistics.cookie);
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /role="alert"/);
      assert.match(bad.body, /id="label-error"/);
      assert.match(bad.body, /id="days-error"[^>]*>Give a number of days from 1 to 120\./);
      assert.match(bad.body, /id="email" name="email" type="email" value="not an address"/);

      // Revoking: a confirmation first, then the link no longer works and the queued mail is not sent.
      const mailedId = Number(created.at(-1)?.object_id);
      const confirm = await get(`${base}/invitations/${mailedId}/revoke`, logistics.cookie);
      assert.equal(confirm.statusCode, 200);
      assert.match(text(confirm.body), /Revoke this invitation\?.*Defender by mail/);
      const revoked = await post(`${base}/invitations/${mailedId}/revoke`, {}, logistics.cookie);
      assert.equal(revoked.statusCode, 303);
      assert.equal(revoked.headers.location, `${base}/invitations?done=revoked`);
      assert.equal((await outboxLike(`part:${ids.editionId}:invitation:${mailedId}`)).length, 0, 'the queued mail is gone');
      const revokedRow = await db().selectFrom('participation_invitations').select('status').where('id', '=', mailedId).executeTakeFirstOrThrow();
      assert.equal(revokedRow.status, 'revoked');
      assert.match(text((await get(`${base}/invitations`, logistics.cookie)).body), /Defender by mail Defender Revoked/);
      const again = await post(`${base}/invitations/${mailedId}/revoke`, {}, logistics.cookie);
      assert.equal(again.statusCode, 400);
      assert.match(text(again.body), /This invitation is no longer open\./);
      assert.equal((await get(`${base}/invitations/999999/revoke`, logistics.cookie)).statusCode, 404);
      assert.equal((await get('/admin/conference/1990/invitations', logistics.cookie)).statusCode, 404);

      // The workspace speaks Swedish to a browser that prefers it.
      const sv = await t.app.inject({ method: 'GET', url: `${base}/invitations`, headers: { cookie: logistics.cookie, 'accept-language': 'sv-SE,sv;q=0.9' } });
      assert.match(text(sv.body), /Inbjudningar, 2018/);
      assert.match(text(sv.body), /Trainer from Kampala Utbildare Öppen Länk som visades en gång/);

      // Neither editors nor reviewers invite.
      for (const who of [editor, reviewer]) {
        assert.equal((await get(`${base}/invitations`, who.cookie)).statusCode, 403);
        assert.equal((await post(`${base}/invitations`, { role: 'defender', label: 'x', locale: 'en' }, who.cookie)).statusCode, 403);
      }
    });

    void it('creates and edits an open call through its form; the list shows status, deadline and applications', async () => {
      const calls = `${base}/calls`;
      const empty = await get(calls, reviewer.cookie);
      assert.equal(empty.statusCode, 200);
      assert.match(text(empty.body), /No calls yet\./);
      assert.doesNotMatch(empty.body, /calls\/new/, 'a reviewer cannot make calls');
      assert.equal((await get(`${calls}/new`, reviewer.cookie)).statusCode, 403);
      // Editors see no participant data: not even the calls' list.
      assert.equal((await get(calls, editor.cookie)).statusCode, 403);

      const form = await get(`${calls}/new`, logistics.cookie);
      assert.equal(form.statusCode, 200);
      for (const name of ['role', 'status', 'deadline', 'title_en', 'body_en', 'title_sv', 'body_sv'])
        assert.match(form.body, new RegExp(`id="${name}" name="${name}"`), name);

      const bad = await post(
        `${calls}/new`,
        { role: 'panellist', status: 'open', deadline: '2099-02-30', title_en: '', body_en: 'Body', title_sv: '', body_sv: '' },
        logistics.cookie,
      );
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /id="title_en-error"/);
      assert.match(bad.body, /id="deadline-error"[^>]*>Give a date as YYYY-MM-DD\./);
      assert.match(bad.body, /<textarea id="body_en"[^>]*>Body<\/textarea>/);

      const made = await post(
        `${calls}/new`,
        { role: 'panellist', status: 'draft', deadline: '2099-01-31', title_en: 'Panellists wanted', body_en: 'Tell us.', title_sv: '', body_sv: '' },
        logistics.cookie,
      );
      assert.equal(made.statusCode, 303);
      const callId = Number(/\/calls\/(\d+)\?done=created$/.exec(String(made.headers.location))?.[1]);
      assert.ok(callId > 0, String(made.headers.location));
      const edit = await get(String(made.headers.location), logistics.cookie);
      assert.match(text(edit.body), /The call has been created\./);
      assert.match(edit.body, /id="deadline" name="deadline" type="date" value="2099-01-31"/);
      assert.match(edit.body, /id="title_en" name="title_en" type="text" value="Panellists wanted"/);

      const saved = await post(
        `${calls}/${callId}`,
        {
          role: 'defender',
          status: 'open',
          deadline: '2099-03-01',
          title_en: 'Defenders wanted',
          body_en: 'Apply.',
          title_sv: 'Försvarare sökes',
          body_sv: 'Sök.',
        },
        logistics.cookie,
      );
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `${calls}/${callId}?done=saved`);
      const row = await db().selectFrom('participation_calls').selectAll().where('id', '=', callId).executeTakeFirstOrThrow();
      assert.equal(row.role, 'defender');
      assert.equal(row.status, 'open');
      assert.equal(row.deadline, '2099-03-01T23:59:59.000Z');
      assert.deepEqual(JSON.parse(row.texts), { en: { title: 'Defenders wanted', body: 'Apply.' }, sv: { title: 'Försvarare sökes', body: 'Sök.' } });
      assert.deepEqual(
        (await audits('call.updated')).map((a) => Number(a.object_id)),
        [callId],
      );

      const listed = text((await get(calls, reviewer.cookie)).body);
      assert.match(listed, /Defenders wanted Defender Open 1 March 2099 Read 0 applications/);
      assert.equal((await get(`${calls}/999999`, logistics.cookie)).statusCode, 404);
      assert.equal((await post(`${calls}/${callId}`, { role: 'defender' }, reviewer.cookie)).statusCode, 403);
    });

    void it('shows applications to reviewers, takes reviews, and lets those who invite decide; accepting mails an invitation', async () => {
      const principal = await staffPrincipal(t, 'admin');
      const callId = await t.services.calls.saveCall(principal, ids.editionId, null, {
        role: 'stakeholder',
        status: 'open',
        deadline: '2099-05-01',
        title_en: 'Stakeholders call',
        body_en: 'Come.',
      });
      const apply = (name: string, email: string, key: string) =>
        t.services.calls.apply(
          callId,
          { name, email, country: 'UG', organisation: 'Org of ' + name, motivation: `Why ${name}.\n\nSecond paragraph.`, idempotency_key: key },
          'en',
        );
      await apply('Applicant One', 'one@example.org', 'key-one-aaaaaaaaaaaaaa');
      await apply('Applicant Two', 'two@example.org', 'key-two-aaaaaaaaaaaaaa');
      const apps = await db().selectFrom('participation_applications').select(['id', 'status']).where('call_id', '=', callId).orderBy('id').execute();
      const [one, two] = apps.map((a) => a.id) as [number, number];
      const url = `${base}/calls/${callId}/applications`;

      const reads = (await audits('application.list-read')).length;
      assert.equal((await get(url, editor.cookie)).statusCode, 403, 'an editor reads no applications');
      const page = await get(url, reviewer.cookie);
      assert.equal(page.statusCode, 200);
      const shown = text(page.body);
      assert.match(shown, /Application from Applicant One/);
      assert.match(shown, /one@example\.org/);
      assert.match(shown, /Uganda/);
      assert.match(shown, /Org of Applicant Two/);
      assert.match(shown, /Why Applicant One\. Second paragraph\./);
      assert.match(shown, /Waiting for a decision/);
      assert.match(shown, /No reviews yet\./);
      assert.doesNotMatch(page.body, /name="decision"/, 'a reviewer does not decide');
      assert.equal((await audits('application.list-read')).length, reads + 1, 'reading applications is audited');

      // Reviews: one per reviewer, changed by sending again; the mean of all.
      const r1 = await post(`${url}/${one}/review`, { score: '4', comment: 'Strong case' }, reviewer.cookie);
      assert.equal(r1.statusCode, 303);
      assert.equal(r1.headers.location, `${url}?done=reviewed#application-${one}`);
      assert.equal((await post(`${url}/${one}/review`, { score: '2', comment: '' }, admin.cookie)).statusCode, 303);
      const reviewed = await get(url, reviewer.cookie);
      assert.match(text(reviewed.body), /Mean score: 3 of 5, from 2 reviews\./);
      assert.match(text(reviewed.body), /Staff \d+: 4 of 5 Strong case/);
      assert.match(reviewed.body, new RegExp(`id="score-${one}-4" name="score" type="radio" value="4" checked`), 'my own review fills the form');
      const badReview = await post(`${url}/${two}/review`, { score: '9', comment: 'x' }, reviewer.cookie);
      assert.equal(badReview.statusCode, 400);
      assert.match(badReview.body, new RegExp(`href="#score-${two}"`));
      assert.match(badReview.body, new RegExp(`id="score-${two}-error"[^>]*>Choose a score from 1 to 5\\.`));
      assert.equal((await post(`${url}/999999/review`, { score: '3' }, reviewer.cookie)).statusCode, 404);
      assert.equal((await post(`${url}/${two}/review`, { score: '3', comment: '' }, editor.cookie)).statusCode, 403, 'an editor does not review');

      // Deciding: not for reviewers; accept makes an invitation from the application and mails it.
      assert.equal((await post(`${url}/${one}/decide`, { decision: 'accept' }, reviewer.cookie)).statusCode, 403);
      const forLogistics = await get(url, logistics.cookie);
      assert.match(forLogistics.body, /name="decision" value="accept"/);
      const accepted = await post(`${url}/${one}/decide`, { decision: 'accept' }, logistics.cookie);
      assert.equal(accepted.statusCode, 303);
      assert.equal(accepted.headers.location, `${url}?done=decided#application-${one}`);
      const a1 = await db().selectFrom('participation_applications').selectAll().where('id', '=', one).executeTakeFirstOrThrow();
      assert.equal(a1.status, 'accepted');
      assert.ok(a1.invitation_id);
      const invitation = await db().selectFrom('participation_invitations').selectAll().where('id', '=', a1.invitation_id).executeTakeFirstOrThrow();
      assert.equal(invitation.application_id, one);
      assert.equal(invitation.role, 'stakeholder');
      const mails = await outboxLike(`part:${ids.editionId}:invitation:${a1.invitation_id}`);
      assert.equal(mails.length, 1);
      assert.equal(mailOf(mails[0]?.payload ?? '').to, 'one@example.org');
      assert.match(text((await get(`${base}/invitations`, logistics.cookie)).body), /Applicant One Stakeholder Open Mail, after an application/);

      const twice = await post(`${url}/${one}/decide`, { decision: 'decline' }, logistics.cookie);
      assert.equal(twice.statusCode, 400);
      assert.match(text(twice.body), /This application has already been decided\./);

      assert.equal((await post(`${url}/${two}/decide`, { decision: 'waitlist' }, logistics.cookie)).statusCode, 303);
      assert.equal((await post(`${url}/${two}/decide`, { decision: 'decline' }, logistics.cookie)).statusCode, 303);
      const a2 = await db().selectFrom('participation_applications').select('status').where('id', '=', two).executeTakeFirstOrThrow();
      assert.equal(a2.status, 'declined');
      assert.equal((await outboxLike(`part:${ids.editionId}:application:${two}:declined`)).length, 1);
      const final = text((await get(url, logistics.cookie)).body);
      assert.match(final, /Accepted: an invitation was mailed/);
      assert.match(final, /Declined/);
    });

    void it('lists participants and shows one with notes, auditing every read', async () => {
      const p = await participant(t, ids.editionId, { displayName: PSEUDONYM });
      await t.services.portal.saveProfile(p.portal, withVisa(PSEUDONYM));
      const url = `${base}/participants`;

      const listReads = (await audits('participant.list-read')).length;
      const list = await get(url, logistics.cookie);
      assert.equal(list.statusCode, 200);
      const shown = text(list.body);
      assert.match(shown, /Every opening of this page is recorded in the audit trail/);
      assert.match(shown, new RegExp(`${PSEUDONYM} Defender Photos: never No Yes`));
      assert.match(shown, /Dietary: Vegetarian-marker/);
      assert.match(shown, /Interpretation: Swahili/);
      assert.doesNotMatch(shown, new RegExp(LEGAL_FAMILY), 'no legal name in the list');
      assert.doesNotMatch(shown, /PX1234567/);
      const listed = await audits('participant.list-read');
      assert.equal(listed.length, listReads + 1);
      assert.equal(listed.at(-1)?.actor_id, logistics.userId);

      const detailUrl = `${url}/${p.participantId}`;
      const identityReads = (await audits('participant.identity-read')).length;
      const detail = await get(detailUrl, logistics.cookie);
      assert.equal(detail.statusCode, 200);
      const d = text(detail.body);
      assert.match(d, /Opening this page is recorded in the audit trail/);
      for (const s of [
        LEGAL_GIVEN,
        LEGAL_FAMILY,
        'Kenya',
        'PX1234567',
        '14 March 1985',
        'lark@example.org',
        'A friend',
        'Nairobi',
        'Embassy in Nairobi',
        'Single room',
        'Swahili',
      ])
        assert.ok(d.includes(s), s);
      assert.match(detail.body, /visa-letter\.pdf/);
      const identityRead = await audits('participant.identity-read');
      assert.equal(identityRead.length, identityReads + 1);
      assert.equal(String(identityRead.at(-1)?.object_id), String(p.participantId));
      assert.doesNotMatch(identityRead.at(-1)?.details ?? '', /Ivana|Larkspur|PX/, 'ids only in the audit trail');

      const saved = await post(`${detailUrl}/notes`, { notes: 'Needs a ground-floor room' }, logistics.cookie);
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, `${detailUrl}?done=saved#notes-title`);
      const withNotes = await get(detailUrl, logistics.cookie);
      assert.match(withNotes.body, /<textarea id="notes"[^>]*>Needs a ground-floor room<\/textarea>/);
      assert.equal((await audits('participant.notes-saved')).length, 1);
      const sealed = await db().selectFrom('participants').select('notes_sealed').where('id', '=', p.participantId).executeTakeFirstOrThrow();
      assert.doesNotMatch(sealed.notes_sealed ?? '', /ground-floor/, 'notes are sealed');
      const tooLong = await post(`${detailUrl}/notes`, { notes: 'x'.repeat(5001) }, logistics.cookie);
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /id="notes-error"/);

      // Another edition's participant is not found under this one; an empty edition says so.
      assert.equal((await get(`/admin/conference/${future.year}/participants/${p.participantId}`, logistics.cookie)).statusCode, 404);
      assert.equal((await get(`${url}/999999`, logistics.cookie)).statusCode, 404);
      const none = await get(`/admin/conference/${future.year}/participants`, logistics.cookie);
      assert.match(text(none.body), /No participants yet\./);
    });

    void it('makes visa letters and badges as PDFs that parse; a pseudonym’s badge carries no legal name', async () => {
      const p = await participant(t, ids.editionId, { displayName: 'Swiftlet-P' });
      await t.services.portal.saveProfile(p.portal, withVisa('Swiftlet-P'));
      const plain = await participant(t, ids.editionId, { displayName: 'Heronry-P' });
      const url = `${base}/participants/${p.participantId}`;

      const letter = await get(`${url}/visa-letter.pdf`, logistics.cookie);
      assert.equal(letter.statusCode, 200);
      assert.equal(letter.headers['content-type'], 'application/pdf');
      assert.equal(letter.headers['cache-control'], 'no-store');
      assert.match(String(letter.headers['content-disposition']), /^attachment; filename="visa-letter-2018-\d+\.pdf"$/);
      assert.equal(letter.rawPayload.subarray(0, 4).toString('latin1'), '%PDF');
      const letterText = await pdfText(letter.rawPayload);
      assert.match(letterText, new RegExp(`${LEGAL_GIVEN} ${LEGAL_FAMILY}`));
      assert.match(letterText, /PX1234567/);
      assert.equal((await audits('participant.visa-letter-made')).length >= 1, true);
      const swedish = await get(`${url}/visa-letter.pdf?lang=sv`, logistics.cookie);
      assert.equal(swedish.statusCode, 200);
      assert.match(await pdfText(swedish.rawPayload), /Passnummer|PX1234567/);

      // No visa letter asked for: a clear message, no PDF.
      const refused = await get(`${base}/participants/${plain.participantId}/visa-letter.pdf`, logistics.cookie);
      assert.equal(refused.statusCode, 400);
      assert.match(String(refused.headers['content-type']), /^text\/html/);
      assert.match(text(refused.body), /No visa letter: this participant has not asked for one/);
      // Travel support with the identity but no visa letter asked: still no letter.
      await t.services.portal.saveProfile(plain.portal, withVisa('Heronry-P', { visa_letter: '', travel_support: '1' }));
      assert.equal((await get(`${base}/participants/${plain.participantId}/visa-letter.pdf`, logistics.cookie)).statusCode, 400);

      const badge = await get(`${url}/badge.pdf`, logistics.cookie);
      assert.equal(badge.statusCode, 200);
      assert.equal(badge.headers['content-type'], 'application/pdf');
      assert.match(String(badge.headers['content-disposition']), /^attachment; filename="badge-2018-\d+\.pdf"$/);
      assert.equal(badge.rawPayload.subarray(0, 4).toString('latin1'), '%PDF');
      const badgeText = await pdfText(badge.rawPayload);
      assert.match(badgeText, /Swiftlet-P/);
      assert.doesNotMatch(badgeText, new RegExp(`${LEGAL_GIVEN}|${LEGAL_FAMILY}`), 'no legal name on the badge');

      const all = await get(`${base}/badges.pdf`, logistics.cookie);
      assert.equal(all.statusCode, 200);
      assert.equal(all.headers['content-type'], 'application/pdf');
      assert.match(String(all.headers['content-disposition']), /^attachment; filename="badges-2018\.pdf"$/);
      const allText = await pdfText(all.rawPayload);
      assert.match(allText, /Swiftlet-P/);
      assert.match(allText, /Heronry-P/);
      assert.doesNotMatch(allText, new RegExp(`${LEGAL_GIVEN}|${LEGAL_FAMILY}`));
      const made = await audits('participant.badges-made');
      assert.ok(made.length >= 2);
      assert.equal((await get(`${base}/participants/999999/badge.pdf`, logistics.cookie)).statusCode, 404);
    });

    void it('exports CSV only after a fresh second factor, audited', async () => {
      const page = `${base}/participants`;
      const url = `${page}/export`;
      const early = await post(url, {}, logistics.cookie);
      assert.equal(early.statusCode, 303);
      const back = `${page}?done=reauth`;
      assert.equal(early.headers.location, `/admin/account/reauth?next=${encodeURIComponent(back)}`);
      assert.equal((await audits('export.participants')).length, 0, 'nothing exported');

      const reauth = await postForm(
        t,
        '/admin/account/reauth',
        '/admin/account/reauth',
        { code: logistics.recoveryCodes[0] ?? '', next: back },
        logistics.cookie,
      );
      assert.equal(reauth.statusCode, 303);
      assert.equal(reauth.headers.location, back);
      assert.match(text((await get(back, logistics.cookie)).body), /Press “Download CSV” again to export\./);

      const res = await post(url, {}, logistics.cookie);
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
      assert.equal(res.headers['content-disposition'], 'attachment; filename="participants-2018.csv"');
      assert.equal(res.headers['cache-control'], 'no-store');
      const lines = res.body.split('\r\n').filter(Boolean);
      assert.match(lines[0] ?? '', /^"id","role","display_name",/);
      assert.ok(lines.some((l) => l.includes(`"${PSEUDONYM}"`) && l.includes(`"${LEGAL_FAMILY}"`)));
      const exports = await audits('export.participants');
      assert.equal(exports.length, 1);
      assert.equal(exports[0]?.actor_id, logistics.userId);
      assert.deepEqual(JSON.parse(exports[0]?.details ?? '{}'), { rows: lines.length - 1 });
      // A GET is no export.
      assert.equal((await get(url, logistics.cookie)).statusCode, 404);
    });

    void it('refuses every logistics route to an editor, who sees no participant data on the edition page', async () => {
      const someone: TestParticipant = await participant(t, ids.editionId, { displayName: 'Editor-never-sees-this' });
      const denied = (await audits('access.denied')).length;
      const gets = [
        `${base}/participants`,
        `${base}/participants/${someone.participantId}`,
        `${base}/participants/${someone.participantId}/visa-letter.pdf`,
        `${base}/participants/${someone.participantId}/badge.pdf`,
        `${base}/badges.pdf`,
        `${base}/participation/erase`,
        `${base}/invitations`,
      ];
      for (const url of gets) {
        const res = await get(url, editor.cookie);
        assert.equal(res.statusCode, 403, url);
        assert.doesNotMatch(res.body, /Editor-never-sees-this/);
      }
      const posts = [`${base}/participants/${someone.participantId}/notes`, `${base}/participants/export`, `${base}/participation/erase`];
      for (const url of posts) assert.equal((await post(url, { notes: 'x', confirm: '2018' }, editor.cookie)).statusCode, 403, url);
      assert.equal((await audits('access.denied')).length, denied + gets.length + posts.length, 'every refusal is audited');

      const edition = await get(base, editor.cookie);
      assert.equal(edition.statusCode, 200);
      const shown = text(edition.body);
      assert.doesNotMatch(shown, new RegExp(`Editor-never-sees-this|Swiftlet-P|Heronry-P|${PSEUDONYM}|lark@example`));
      assert.doesNotMatch(shown, new RegExp(`${LEGAL_GIVEN}|${LEGAL_FAMILY}|PX1234567|Vegetarian-marker`));
      assert.doesNotMatch(edition.body, /\/participants/);
      assert.doesNotMatch(edition.body, /\/invitations/);
      assert.doesNotMatch(edition.body, /\/calls"/, 'editors do not review applications');
      const forLogistics = await get(base, logistics.cookie);
      assert.match(forLogistics.body, /href="\/admin\/conference\/2018\/participants"/);
      assert.match(forLogistics.body, /href="\/admin\/conference\/2018\/invitations"/);
    });

    void it('gives reviewers the calls from their dashboard, and nothing of the closed part or the participants', async () => {
      const dashboard = await get('/admin', reviewer.cookie);
      assert.equal(dashboard.statusCode, 200);
      assert.match(dashboard.body, /href="\/admin\/conference\/2018\/calls"/);
      assert.match(text(dashboard.body), /Applications to review/);
      assert.doesNotMatch((await get('/admin', editor.cookie)).body, /Applications to review/);
      const calls = await get(`${base}/calls`, reviewer.cookie);
      assert.equal(calls.statusCode, 200);
      assert.doesNotMatch(calls.body, new RegExp(`href="${base}"`), 'no link to the edition page they may not open');
      for (const url of ['/admin/conference', base, `${base}/participants`, `${base}/invitations`, '/admin/events'])
        assert.equal((await get(url, reviewer.cookie)).statusCode, 403, url);
    });

    void it('erases an edition only once it is over and its year is typed; only totals remain', async () => {
      // Not over yet: no form, and the service refuses too.
      const early = await get(`/admin/conference/${future.year}/participation/erase`, admin.cookie);
      assert.equal(early.statusCode, 200);
      assert.match(text(early.body), /is not over yet/);
      assert.doesNotMatch(early.body, /name="confirm"/);
      const refusedEarly = await post(`/admin/conference/${future.year}/participation/erase`, { confirm: String(future.year) }, admin.cookie);
      assert.equal(refusedEarly.statusCode, 400);
      assert.match(text(refusedEarly.body), /is not over yet/);
      assert.equal((await audits('participation.erased')).length, 0);

      const p = await participant(t, past.id, { displayName: 'Gone-soon', role: 'panellist' });
      await t.services.portal.saveProfile(p.portal, withVisa('Gone-soon'));
      const url = `/admin/conference/${past.year}/participation/erase`;
      // A session that has not given its second factor again in the last five minutes.
      const eraser = await signedInStaff(t, 'logistics');
      const form = await get(url, eraser.cookie);
      assert.equal(form.statusCode, 200);
      assert.match(text(form.body), /destroys the edition's data key.*cannot be undone/);
      assert.match(form.body, /<label for="confirm"/);
      assert.match(text(form.body), /asks for your second factor again/);

      // Without a fresh second factor: sent to give it, and nothing is erased, by the route or the service.
      const unconfirmed = await post(url, { confirm: String(past.year) }, eraser.cookie);
      assert.equal(unconfirmed.statusCode, 303);
      const back = `${url}?done=reauth-erase`;
      assert.equal(unconfirmed.headers.location, `/admin/account/reauth?next=${encodeURIComponent(back)}`);
      const stale = await staffPrincipal(t, 'logistics', new Date(Date.now() - 6 * 60_000).toISOString());
      await assert.rejects(t.services.logistics.eraseNow(stale, past.id), (e: Error & { code?: string }) => e.code === 'forbidden');
      assert.equal((await db().selectFrom('participants').select('id').where('edition_id', '=', past.id).execute()).length, 1, 'nothing erased');
      assert.equal((await audits('participation.erased')).length, 0);
      assert.ok((await db().selectFrom('data_keys').select('wrapped').where('scope', '=', `edition:${past.id}`).executeTakeFirstOrThrow()).wrapped);

      const reauth = await postForm(t, '/admin/account/reauth', '/admin/account/reauth', { code: eraser.recoveryCodes[0] ?? '', next: back }, eraser.cookie);
      assert.equal(reauth.statusCode, 303);
      assert.equal(reauth.headers.location, back);
      assert.match(text((await get(back, eraser.cookie)).body), /Confirmed\. Type the year and press “Erase now” again to erase\./);

      const wrong = await post(url, { confirm: '2018' }, eraser.cookie);
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /id="confirm-error"[^>]*>Type the year of this edition exactly\./);
      assert.equal((await db().selectFrom('participants').select('id').where('edition_id', '=', past.id).execute()).length, 1, 'nothing erased');

      const done = await post(url, { confirm: String(past.year) }, eraser.cookie);
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, `/admin/conference/${past.year}/participants?done=erased`);
      assert.equal((await db().selectFrom('participants').select('id').where('edition_id', '=', past.id).execute()).length, 0);
      const key = await db().selectFrom('data_keys').selectAll().where('scope', '=', `edition:${past.id}`).executeTakeFirstOrThrow();
      assert.equal(key.wrapped, null, 'the data key is destroyed');
      const erased = await audits('participation.erased');
      assert.equal(erased.length, 1);
      assert.equal(erased[0]?.actor_id, eraser.userId);

      const after = await get(done.headers.location, eraser.cookie);
      const shown = text(after.body);
      assert.match(shown, /The participant data of this edition has been erased\. Only the totals remain\./);
      assert.match(shown, /What remains after erasure/);
      assert.match(shown, /Panellist 1 0 0/);
      assert.match(shown, /No participants yet\./);
      assert.doesNotMatch(shown, /Gone-soon/);
      // Other editions keep their data.
      assert.ok((await db().selectFrom('participants').select('id').where('edition_id', '=', ids.editionId).execute()).length > 0);
    });
  });
}
