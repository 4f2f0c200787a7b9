import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeEdition, makeEmptyChair } from '../../../src/db/factories.js';
import { t as tr } from '../../../src/i18n/index.js';
import { testApp, type TestApp } from '../../support/app.js';
import { postForm, signedInStaff, type Staff } from '../../support/auth.js';
import { seedConference, type ConferenceIds } from '../../support/conference-seed.js';
import { testDialects } from '../../support/db.js';
import { invite, participant, staffPrincipal, tokenOfLink } from '../../support/participation.js';
import { decodeHtml } from './markup.js';

/**
 * The staff pages that show sealed or not-yet-public personal data each record one audit
 * entry per view, naming what was read without the data itself; and an invitation that asks
 * for a second secret works through the forms with JavaScript off.
 */

const closed = (field: string) => `CLOSED-reads-${field}`;
const text = (html: string) => decodeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const en = (key: Parameters<typeof tr>[1], params?: Record<string, string | number>) => tr('en', key, params);
const LABEL = 'Invitee-note-Qwerty';
const PASS = 'a fine long passphrase 42';

for (const dialect of testDialects()) {
  void describe(`audited reads and invitation codes on the staff pages (${dialect})`, () => {
    let t: TestApp;
    let admin: Staff;
    let ids: ConferenceIds;
    let publicOnly: { id: number; year: number };

    before(async () => {
      t = await testApp({
        dialect,
        seed: async (db) => {
          ids = await seedConference(db, closed);
          publicOnly = await makeEdition(db, { year: 2031, startsOn: '2031-04-01', endsOn: '2031-04-03' });
          await makeEmptyChair(db, publicOnly.id, { name: 'Cleared Colleague', safeToShow: true, agreed: true });
        },
      });
      await t.services.worker.stop();
      admin = await signedInStaff(t, 'admin');
    });
    after(async () => t?.close());

    const db = () => t.database.db;
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
    // The CSRF token comes from the dashboard, which reads (and audits) nothing.
    const post = (url: string, payload: Record<string, string>) => postForm(t, '/admin', url, payload, admin.cookie);
    const audits = (action: string) => db().selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
    const chairId = async (name: string) =>
      (await db().selectFrom('conference_empty_chairs').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

    /** Opens the page and returns the audit entries with this action that the view added. */
    async function readsOf(url: string, action: string) {
      const before = (await audits(action)).length;
      const res = await get(url);
      assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
      return (await audits(action)).slice(before);
    }

    void it('records one read per view of every page with sealed or unpublished personal data, without the data', async () => {
      const base = '/admin/conference/2018';
      const principal = await staffPrincipal(t, 'admin');
      const { invitationId } = await invite(t, ids.editionId, { principal, label: LABEL });
      const someone = await participant(t, ids.editionId, { principal, displayName: 'Reads-Display' });
      const callId = await t.services.calls.saveCall(principal, ids.editionId, null, {
        role: 'defender',
        status: 'open',
        deadline: '2099-12-31',
        title_en: 'Call',
      });
      await t.services.calls.apply(
        callId,
        { name: 'Reads-Applicant', email: 'reads@example.org', motivation: 'Why', idempotency_key: 'reads-0000000000000000' },
        'en',
      );
      const hidden = await chairId(closed('chair-not-agreed'));
      const cleared = await chairId('Cleared Colleague');

      const pages: [string, string, string, string | number][] = [
        [`${base}/invitations`, 'invitation.list-read', 'edition', ids.editionId],
        [`${base}/invitations/${invitationId}/revoke`, 'invitation.read', 'invitation', invitationId],
        [`${base}/calls/${callId}/applications`, 'application.list-read', 'call', callId],
        [`${base}/participants`, 'participant.list-read', 'edition', ids.editionId],
        [`${base}/participants/${someone.participantId}`, 'participant.identity-read', 'participant', someone.participantId],
        [base, 'conference.empty-chairs-read', 'conference-edition', ids.editionId],
        [`${base}/empty-chairs/${hidden}`, 'conference.empty-chair-read', 'conference-empty-chair', hidden],
        [`${base}/empty-chairs/${hidden}/remove`, 'conference.empty-chair-read', 'conference-empty-chair', hidden],
        // the programme editor's form of a public session naming a trainer not named publicly, and of a closed one
        [`${base}/sessions/${ids.sessions.part1}`, 'conference.session-people-read', 'conference-session', ids.sessions.part1],
        [`${base}/sessions/${ids.sessions.closed}`, 'conference.session-people-read', 'conference-session', ids.sessions.closed],
      ];
      const entries = [];
      for (const [url, action, objectType, objectId] of pages) {
        for (let view = 1; view <= 2; view++) {
          const added = await readsOf(url, action);
          assert.equal(added.length, 1, `${url}, view ${view}: one ${action}`);
          assert.equal(added[0]?.actor_id, admin.userId);
          assert.equal(added[0]?.object_type, objectType, url);
          assert.equal(added[0]?.object_id, String(objectId), url);
          entries.push(...added);
        }
      }
      const chairs = (await audits('conference.empty-chairs-read')).at(-1);
      assert.deepEqual(JSON.parse(chairs?.details ?? '{}'), { editionId: ids.editionId, unpublished: 3 });
      const all = JSON.stringify(entries);
      for (const personal of [LABEL, 'Reads-Display', 'Reads-Applicant', 'reads@example.org', closed('chair-not-agreed'), 'CLOSED-reads'])
        assert.ok(!all.includes(personal), `no "${personal}" in the audit trail`);

      // Pages whose empty chairs are all cleared for publication read nothing that is not public.
      assert.equal((await readsOf(`/admin/conference/${publicOnly.year}`, 'conference.empty-chairs-read')).length, 0);
      assert.equal((await readsOf(`/admin/conference/${publicOnly.year}/empty-chairs/${cleared}`, 'conference.empty-chair-read')).length, 0);
      // A public session whose people are all named publicly, and one with nobody on it, read nothing that is not public.
      assert.equal((await readsOf(`${base}/sessions/${ids.sessions.keynote}`, 'conference.session-people-read')).length, 0);
      assert.equal((await readsOf(`${base}/sessions/${ids.sessions.ceremony}`, 'conference.session-people-read')).length, 0);
    });

    void it('asks for the code of an invitation made with one, in the forms, with JavaScript off', async () => {
      const base = '/admin/conference/2018/invitations';
      const made = await post(base, { role: 'defender', label: 'Coded-by-form', email: '', days: '10', locale: 'en', require_code: '1' });
      assert.equal(made.statusCode, 200, made.body.slice(0, 300));
      assert.equal(made.headers['cache-control'], 'no-store');
      const shown = text(made.body);
      assert.ok(shown.includes(en('padmin.inv.code.warning')));
      const code = /<output id="invitation-code"[^>]*>([^<]+)<\/output>/.exec(made.body)?.[1] ?? '';
      assert.match(code, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      const token = tokenOfLink(/<output id="invitation-link"[^>]*>([^<]+)<\/output>/.exec(made.body)?.[1] ?? '');
      const list = await get(base);
      assert.ok(!list.body.includes(code), 'the code is not shown again');
      assert.match(text(list.body), /Coded-by-form Defender Open Link shown once, with code/);

      const form = await t.app.inject({ method: 'GET', url: `/invitation/${token}` });
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<label for="code"/);
      const accept = (extra: Record<string, string>) =>
        postForm(
          t,
          `/invitation/${token}`,
          `/invitation/${token}`,
          { sign_in: 'coded-word', display_name: 'Coded', passphrase: PASS, passphrase_again: PASS, ...extra },
          '',
        );
      const none = await accept({});
      assert.equal(none.statusCode, 400);
      assert.ok(text(none.body).includes(en('participation.code-missing')));
      const wrong = await accept({ code: 'ZZZZ-ZZZZ' });
      assert.equal(wrong.statusCode, 400);
      assert.ok(text(wrong.body).includes(en('participation.code-wrong')));
      assert.ok(!wrong.body.includes('ZZZZ'), 'a typed code is never written back');
      const right = await accept({ code });
      assert.equal(right.statusCode, 200);
      assert.match(right.body, /<output id="sign-in-name"[^>]*>coded-word-[2-9a-z]{4}<\/output>/);

      // Mailed with a code: the page shows the code only, and the mail does not hold it.
      const mailed = await post(base, { role: 'trainer', label: 'Mailed-coded', email: 'coded@example.org', days: '10', locale: 'en', require_code: '1' });
      assert.equal(mailed.statusCode, 200);
      const mailedCode = /<output id="invitation-code"[^>]*>([^<]+)<\/output>/.exec(mailed.body)?.[1] ?? '';
      assert.ok(mailedCode);
      assert.doesNotMatch(mailed.body, /id="invitation-link"/);
      assert.ok(text(mailed.body).includes(en('padmin.inv.code.mailed')));
      const mails = await db().selectFrom('outbox').select('payload').execute();
      const mailText = mails.map((m) => JSON.stringify(t.services.outbox.decode(m.payload))).join('\n');
      assert.match(mailText, /coded@example\.org/);
      assert.ok(!mailText.includes(mailedCode) && !mailText.includes(mailedCode.replace('-', '')), 'the code is not in any mail');
    });
  });
}
