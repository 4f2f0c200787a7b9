import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../../../src/core/shared/clock.js';
import { t as translate } from '../../../src/i18n/index.js';
import { cookieNames } from '../../../src/web/session.js';
import { testApp, type TestApp } from '../../support/app.js';
import { cookiesOf, formToken, signedInStaff, type Staff, mergeCookies } from '../../support/auth.js';
import { CONFERENCE_NOW, seedConference } from '../../support/conference-seed.js';
import { testDialects } from '../../support/db.js';
import { participant, type TestParticipant } from '../../support/participation.js';
import { softAuthenticator, type SoftAuthenticator } from '../../support/webauthn.js';
import { decodeHtml } from './markup.js';

/**
 * A participant's passkeys over HTTP, with a software authenticator: adding one only after
 * the passphrase (sent with the request for options), within 5 minutes, once per challenge;
 * signing in with it in the second step; removing it with the passphrase. A participant's
 * passkey never signs in another participant or a staff account. The browser's side, with
 * Chromium's virtual authenticator, is test/e2e/portal-passkeys.test.ts.
 */

const ORIGIN = 'http://events.test';
const RP_ID = 'events.test';
const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('en', key, params);

interface Answer {
  options?: {
    challenge: string;
    rpId?: string;
    rp?: { id: string; name: string };
    user?: { name: string; displayName: string };
    allowCredentials?: { id: string }[];
  };
  next?: string;
  error?: string;
}

for (const dialect of testDialects()) {
  describe(`participants' passkeys (${dialect})`, () => {
    let t: TestApp;
    let ms = Date.parse(CONFERENCE_NOW);
    const clock: Clock = { now: () => new Date(ms) };
    const names = cookieNames(false);
    let a: TestParticipant;
    let b: TestParticipant;
    let staff: Staff;
    const keyA: SoftAuthenticator = softAuthenticator({ origin: ORIGIN, rpId: RP_ID });
    const keyB: SoftAuthenticator = softAuthenticator({ origin: ORIGIN, rpId: RP_ID });
    /** a's portal cookie after adding the passkey (adding one ends the participant's other sessions) */
    let aCookie = '';

    before(async () => {
      t = await testApp({ dialect, clock, seed: async (db) => void (await seedConference(db, (f) => `CLOSED-${f}`)) });
      await t.services.worker.stop();
      const ed = await t.database.db.selectFrom('conference_editions').select('id').orderBy('id').executeTakeFirstOrThrow();
      a = await participant(t, ed.id);
      b = await participant(t, ed.id);
      staff = await signedInStaff(t, 'editor', { epoch: () => Math.floor(ms / 1000) });
    });
    after(async () => t?.close());

    /** A JSON POST as assets/passkeys.js makes it: the page's CSRF token in x-csrf-token. */
    const postJson = async (url: string, page: string, cookie: string, body: unknown = {}, withToken = true) => {
      const form = await formToken(t, page, cookie);
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: form.cookie, 'content-type': 'application/json', ...(withToken ? { 'x-csrf-token': form.csrf } : {}) },
        payload: JSON.stringify(body),
      });
      const answer: Answer = String(res.headers['content-type']).includes('application/json') ? res.json<Answer>() : {};
      return { res, answer, cookie: mergeCookies(form.cookie, res) };
    };
    const postForm = async (page: string, url: string, payload: Record<string, string>, cookie: string) => {
      const form = await formToken(t, page, cookie);
      const res = await t.app.inject({ method: 'POST', url, headers: { cookie: form.cookie }, payload: { ...payload, _csrf: form.csrf } });
      return { res, cookie: mergeCookies(form.cookie, res) };
    };
    const signIn = (who: TestParticipant) => postForm('/portal/login', '/portal/login', { sign_in: who.signIn, passphrase: who.passphrase }, '');
    const audits = (action: string) => t.database.db.selectFrom('audit_log').select(['object_id', 'details']).where('action', '=', action).execute();
    /** Adds a passkey through the two JSON routes; the options' answer and the verification's. */
    const add = async (who: string, passphrase: string, key: SoftAuthenticator, label: string) => {
      const opts = await postJson('/portal/account/passkeys/options', '/portal/account', who, { passphrase });
      if (!opts.answer.options) return { opts, done: undefined };
      const done = await postJson('/portal/account/passkeys', '/portal/account', who, { response: key.register(opts.answer.options.challenge), label });
      return { opts, done };
    };

    it('shows the passkey section on the account page, hidden until the script runs, with a note for browsers without it', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/portal/account', headers: { cookie: a.cookie } });
      assert.equal(page.statusCode, 200);
      const body = decodeHtml(page.body);
      assert.ok(body.includes(en('portal.passkey.needs-js')));
      assert.match(page.body, /<button type="button" hidden data-passkey="register" data-options="\/portal\/account\/passkeys\/options"/);
      assert.match(page.body, /data-passphrase="passkey-passphrase"/);
      const sv = await t.app.inject({ method: 'GET', url: '/sv/portal/account', headers: { cookie: a.cookie } });
      assert.match(sv.body, /data-options="\/sv\/portal\/account\/passkeys\/options"/);
    });

    it('gives no options without the passphrase, or without the CSRF header, and audits the wrong passphrase', async () => {
      const before = (await audits('portal.reauth-failed')).length;
      for (const passphrase of ['', 'not the passphrase at all']) {
        const { res, answer } = await postJson('/portal/account/passkeys/options', '/portal/account', a.cookie, { passphrase });
        assert.equal(res.statusCode, 400);
        assert.equal(answer.error, en('portal.factor.passphrase-wrong'));
        assert.equal(answer.options, undefined);
      }
      assert.equal((await audits('portal.reauth-failed')).length, before + 2);
      const { res } = await postJson('/portal/account/passkeys/options', '/portal/account', a.cookie, { passphrase: a.passphrase }, false);
      assert.equal(res.statusCode, 403);
      const row = await t.database.db
        .selectFrom('participant_sessions')
        .select('challenge')
        .where('participant_id', '=', a.participantId)
        .executeTakeFirstOrThrow();
      assert.equal(row.challenge, null, 'no challenge was handed out');
    });

    it('adds a passkey after the passphrase, with neutral names, the label sealed; the challenge works once', async () => {
      const elsewhere = await signIn(a);
      assert.equal(elsewhere.res.headers.location, '/portal', 'no second factor yet: signed in on another browser');
      const { opts, done } = await add(a.cookie, a.passphrase, keyA, 'Kestrel phone');
      assert.equal(opts.res.statusCode, 200);
      const options = opts.answer.options;
      assert.equal(options?.rp?.id, RP_ID);
      assert.equal(options?.rp?.name, 'Portal');
      assert.deepEqual([options?.user?.name, options?.user?.displayName], ['sign-in', 'sign-in'], 'the device shows no name of the participant');
      assert.equal(done?.res.statusCode, 200, JSON.stringify(done?.answer));
      assert.equal(done?.answer.next, '/portal/account?done=passkey-added#passkeys-title');
      aCookie = done?.cookie ?? '';

      // The same answer again: the challenge is used up.
      const again = await postJson('/portal/account/passkeys', '/portal/account', aCookie, { response: keyA.register(options?.challenge ?? ''), label: 'x' });
      assert.equal(again.res.statusCode, 400);
      assert.equal(again.answer.error, en('portal.passkey.add-failed'));

      const rows = await t.database.db.selectFrom('participant_passkeys').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.participant_id, a.participantId);
      assert.equal(rows[0]?.credential_id, keyA.credentialId);
      assert.ok(rows[0]?.label && !rows[0].label.includes('Kestrel'), 'the name is sealed');
      const added = await audits('portal.passkey-added');
      assert.deepEqual(
        added.map((r) => r.object_id),
        [String(a.participantId)],
      );
      const page = await t.app.inject({ method: 'GET', url: '/portal/account?done=passkey-added', headers: { cookie: aCookie } });
      const body = decodeHtml(page.body);
      assert.ok(body.includes('Kestrel phone'));
      assert.ok(body.includes(en('portal.passkey.added-done')));
      // Adding a passkey ends the participant's other sessions, as turning on the app does; this one stays.
      assert.equal((await t.app.inject({ method: 'GET', url: '/portal', headers: { cookie: elsewhere.cookie } })).statusCode, 303);
      assert.equal((await t.app.inject({ method: 'GET', url: '/portal', headers: { cookie: aCookie } })).statusCode, 200);
    });

    it("refuses an answer to another participant's challenge, a late answer, and an answer for another site", async () => {
      // b asks for options; a posts an answer to b's challenge on a's own session: a's session has no such challenge.
      const bOpts = await postJson('/portal/account/passkeys/options', '/portal/account', b.cookie, { passphrase: b.passphrase });
      const stolen = await postJson('/portal/account/passkeys', '/portal/account', aCookie, { response: keyB.register(bOpts.answer.options?.challenge ?? '') });
      assert.equal(stolen.res.statusCode, 400);
      // More than 5 minutes after the passphrase: refused, and the challenge is gone.
      ms += 6 * 60_000;
      const late = await postJson('/portal/account/passkeys', '/portal/account', b.cookie, { response: keyB.register(bOpts.answer.options?.challenge ?? '') });
      assert.equal(late.res.statusCode, 400);
      assert.equal(late.answer.error, en('portal.passkey.add-failed'));
      // Another origin: refused by the relying party.
      const other = await postJson('/portal/account/passkeys/options', '/portal/account', b.cookie, { passphrase: b.passphrase });
      const phished = await postJson('/portal/account/passkeys', '/portal/account', b.cookie, {
        response: keyB.register(other.answer.options?.challenge ?? '', { origin: 'http://events.test.example.org' }),
      });
      assert.equal(phished.res.statusCode, 400);
      assert.equal((await t.database.db.selectFrom('participant_passkeys').select('id').where('participant_id', '=', b.participantId).execute()).length, 0);
      // b adds a passkey of their own, properly.
      const { done } = await add(b.cookie, b.passphrase, keyB, '');
      assert.equal(done?.res.statusCode, 200);
    });

    it('signs in with the passkey in the second step; the same answer does not work twice', async () => {
      ms += 60_000;
      const step1 = await signIn(a);
      assert.equal(step1.res.headers.location, '/portal/login/code', 'a passkey makes the passphrase the first step only');
      assert.equal(cookiesOf(step1.res)[names.portal], undefined);
      const page = await t.app.inject({ method: 'GET', url: '/portal/login/code', headers: { cookie: step1.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<button type="button" hidden data-passkey="login" data-options="\/portal\/login\/passkey\/options"/);
      assert.doesNotMatch(page.body, /name="code"/, 'no app, no code field');
      assert.ok(decodeHtml(page.body).includes(en('portal.passkey.signin-needs-js')), 'without JavaScript the page says what is needed');

      const opts = await postJson('/portal/login/passkey/options', '/portal/login/code', step1.cookie);
      assert.equal(opts.res.statusCode, 200);
      assert.equal(opts.answer.options?.rpId, RP_ID);
      assert.deepEqual(
        opts.answer.options?.allowCredentials?.map((c) => c.id),
        [keyA.credentialId],
        "only this participant's passkeys",
      );
      const response = keyA.assert(opts.answer.options?.challenge ?? '');
      const done = await postJson('/portal/login/passkey', '/portal/login/code', step1.cookie, { response });
      assert.equal(done.res.statusCode, 200, JSON.stringify(done.answer));
      assert.equal(done.answer.next, '/portal');
      const cookies = cookiesOf(done.res);
      assert.ok(cookies[names.portal] && cookies[names.device]);
      assert.equal((await t.app.inject({ method: 'GET', url: '/portal', headers: { cookie: done.cookie } })).statusCode, 200);
      const logins = await audits('portal.login');
      assert.deepEqual(JSON.parse(logins.at(-1)?.details ?? '{}'), { method: 'passkey' });

      // The same answer on a new pending sign-in: its challenge is another one.
      const step1b = await signIn(a);
      await postJson('/portal/login/passkey/options', '/portal/login/code', step1b.cookie);
      const replay = await postJson('/portal/login/passkey', '/portal/login/code', step1b.cookie, { response });
      assert.equal(replay.res.statusCode, 401);
      assert.equal(replay.answer.error, en('portal.passkey.failed'));
      assert.equal(cookiesOf(replay.res)[names.portal], undefined);
      const failed = await audits('portal.login-failed');
      assert.equal((JSON.parse(failed.at(-1)?.details ?? '{}') as { step?: string }).step, 'second-factor');
    });

    it("never signs in another participant or a staff account with a participant's passkey", async () => {
      ms += 60_000;
      // b's pending sign-in: a's authenticator answers b's challenge.
      const bStep = await signIn(b);
      const bOpts = await postJson('/portal/login/passkey/options', '/portal/login/code', bStep.cookie);
      assert.deepEqual(
        bOpts.answer.options?.allowCredentials?.map((c) => c.id),
        [keyB.credentialId],
      );
      const wrong = await postJson('/portal/login/passkey', '/portal/login/code', bStep.cookie, {
        response: keyA.assert(bOpts.answer.options?.challenge ?? ''),
      });
      assert.equal(wrong.res.statusCode, 401);
      assert.equal(cookiesOf(wrong.res)[names.portal], undefined);

      // A staff member with a passkey of their own: a's answer to the staff challenge is refused.
      const staffKey = softAuthenticator({ origin: ORIGIN, rpId: RP_ID });
      await t.database.db
        .insertInto('webauthn_credentials')
        .values({
          user_id: staff.userId,
          credential_id: staffKey.credentialId,
          public_key: 'AA',
          counter: 0,
          transports: '',
          label: 'Staff key',
          created_at: new Date(ms).toISOString(),
          last_used_at: null,
        })
        .execute();
      const form = await formToken(t, '/admin/login');
      const pw = await t.app.inject({
        method: 'POST',
        url: '/admin/login',
        headers: { cookie: form.cookie },
        payload: { email: staff.email, password: staff.password, _csrf: form.csrf },
      });
      const staffPending = mergeCookies(form.cookie, pw);
      const sOpts = await postJson('/admin/login/passkey/options', '/admin/login/code', staffPending);
      assert.equal(sOpts.res.statusCode, 200);
      const asStaff = await postJson('/admin/login/passkey', '/admin/login/code', staffPending, {
        response: keyA.assert(sOpts.answer.options?.challenge ?? ''),
      });
      assert.equal(asStaff.res.statusCode, 401);
      assert.equal(cookiesOf(asStaff.res)[names.session], undefined);
      // And the other way: a staff session has no say in the portal's passkey routes.
      const portalWithStaff = await postJson('/portal/login/passkey/options', '/portal/login', staff.cookie);
      assert.equal(portalWithStaff.res.statusCode, 404);
      assert.equal(portalWithStaff.answer.next, '/portal/login');
    });

    it('refuses the sign-in routes without a pending sign-in, and points back to the sign-in name', async () => {
      const { cookie } = await formToken(t, '/portal/login');
      for (const url of ['/portal/login/passkey/options', '/portal/login/passkey', '/sv/portal/login/passkey']) {
        const { res, answer } = await postJson(url, '/portal/login', cookie, { response: {} });
        assert.equal(res.statusCode, 404, url);
        assert.equal(answer.next, url.startsWith('/sv') ? '/sv/portal/login' : '/portal/login');
      }
    });

    it("removes a passkey with the passphrase only; somebody else's passkey is not found", async () => {
      const mine = await t.database.db.selectFrom('participant_passkeys').select('id').where('participant_id', '=', a.participantId).executeTakeFirstOrThrow();
      const theirs = await t.database.db
        .selectFrom('participant_passkeys')
        .select('id')
        .where('participant_id', '=', b.participantId)
        .executeTakeFirstOrThrow();
      const noPassphrase = await postForm(
        '/portal/account',
        '/portal/account/passkeys/remove',
        { passkey: String(mine.id), remove_passphrase: 'wrong one' },
        aCookie,
      );
      assert.equal(noPassphrase.res.statusCode, 400);
      assert.ok(decodeHtml(noPassphrase.res.body).includes(en('portal.factor.passphrase-wrong')));
      assert.match(noPassphrase.res.body, /id="remove_passphrase"[^>]*aria-invalid="true"/);
      const missing = await postForm('/portal/account', '/portal/account/passkeys/remove', { passkey: '999999', remove_passphrase: a.passphrase }, aCookie);
      const another = await postForm(
        '/portal/account',
        '/portal/account/passkeys/remove',
        { passkey: String(theirs.id), remove_passphrase: a.passphrase },
        aCookie,
      );
      assert.equal(another.res.statusCode, 404);
      assert.equal(another.res.body, missing.res.body, "somebody else's passkey looks absent");
      assert.equal((await t.database.db.selectFrom('participant_passkeys').select('id').execute()).length, 2);

      const removed = await postForm(
        '/portal/account',
        '/portal/account/passkeys/remove',
        { passkey: String(mine.id), remove_passphrase: a.passphrase },
        aCookie,
      );
      assert.equal(removed.res.statusCode, 303);
      assert.equal(removed.res.headers.location, '/portal/account?done=passkey-removed#passkeys-title');
      assert.deepEqual(
        (await audits('portal.passkey-removed')).map((r) => r.object_id),
        [String(a.participantId)],
      );
      ms += 60_000;
      const plain = await signIn(a);
      assert.equal(plain.res.headers.location, '/portal', 'without a second factor the passphrase signs in again');
    });
  });
}
