import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { t as translate } from '../../../src/i18n/index.js';
import { testApp, type TestApp } from '../../support/app.js';
import { cookiesOf, formToken, signedInStaff, type Staff, jarOf, mergeCookies } from '../../support/auth.js';
import { testDialects } from '../../support/db.js';

/**
 * Passkeys over HTTP, the paths a browser cannot take: the JSON routes refuse without a
 * pending sign-in, without a recent re-authentication, without the CSRF header, and with
 * an answer to another challenge (which also uses the challenge up). The happy path, with
 * Chromium's virtual authenticator, is test/e2e/passkeys.test.ts.
 */

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

for (const dialect of testDialects()) {
  void describe(`passkeys over HTTP (${dialect})`, () => {
    let t: TestApp;
    let staff: Staff;
    const CREDENTIAL_ID = b64url('a credential id of sixteen+ bytes');

    /** A JSON POST as assets/passkeys.js makes it: the page's token in x-csrf-token. */
    const postJson = async (url: string, page: string, cookie: string, body: unknown = {}, withToken = true) => {
      const form = await formToken(t, page, cookie);
      return t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: form.cookie, 'content-type': 'application/json', ...(withToken ? { 'x-csrf-token': form.csrf } : {}) },
        payload: JSON.stringify(body),
      });
    };
    /** The password step only: the cookies of a pending sign-in. */
    const pendingSignIn = async () => {
      const form = await formToken(t, '/admin/login');
      const res = await t.app.inject({
        method: 'POST',
        url: '/admin/login',
        headers: { cookie: form.cookie },
        payload: { email: staff.email, password: staff.password, _csrf: form.csrf },
      });
      assert.equal(res.statusCode, 303);
      return mergeCookies(form.cookie, res);
    };
    const audits = async (action: string) => t.database.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', action).execute();

    before(async () => {
      t = await testApp({ dialect });
      await t.services.worker.stop();
      staff = await signedInStaff(t, 'editor');
    });
    after(async () => t?.close());

    void it('the code page shows no passkey button to an account without a passkey', async () => {
      const cookie = await pendingSignIn();
      const res = await t.app.inject({ method: 'GET', url: '/admin/login/code', headers: { cookie } });
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /data-passkey=/);
      const options = await postJson('/admin/login/passkey/options', '/admin/login/code', cookie);
      assert.equal(options.statusCode, 404, 'no passkey to ask for');
    });

    void it('refuses the sign-in routes without a pending sign-in, and points back to the password', async () => {
      const { cookie } = await formToken(t, '/admin/login');
      for (const url of ['/admin/login/passkey/options', '/admin/login/passkey']) {
        const res = await postJson(url, '/admin/login', cookie, { response: {} });
        assert.equal(res.statusCode, 404, url);
        assert.match(String(res.headers['content-type']), /application\/json/);
        assert.equal(res.json<{ next: string }>().next, '/admin/login', url);
        assert.equal(cookiesOf(res)['dd_session'], undefined);
      }
    });

    void it('refuses a JSON post without the CSRF header', async () => {
      const cookie = await pendingSignIn();
      const res = await postJson('/admin/login/passkey/options', '/admin/login/code', cookie, {}, false);
      assert.equal(res.statusCode, 403);
    });

    void it('refuses an answer to another challenge, and uses the challenge up', async () => {
      await t.database.db
        .insertInto('webauthn_credentials')
        .values({
          user_id: staff.userId,
          credential_id: CREDENTIAL_ID,
          public_key: b64url('not a real key'),
          counter: 0,
          transports: 'internal',
          label: 'Planted',
          created_at: new Date().toISOString(),
          last_used_at: null,
        })
        .execute();
      const cookie = await pendingSignIn();
      const page = await t.app.inject({ method: 'GET', url: '/admin/login/code', headers: { cookie } });
      assert.match(page.body, /<button type="button" hidden data-passkey="login"/, 'the button is there, hidden until the script runs');
      assert.match(page.body, /<script src="\/assets\/passkeys\.[0-9a-f]{10}\.js" defer><\/script>/);

      const opts = await postJson('/admin/login/passkey/options', '/admin/login/code', cookie);
      assert.equal(opts.statusCode, 200);
      const { options } = opts.json<{ options: { challenge: string; rpId: string; allowCredentials: { id: string }[] } }>();
      assert.equal(options.rpId, 'events.test');
      assert.deepEqual(
        options.allowCredentials.map((c) => c.id),
        [CREDENTIAL_ID],
      );

      const answer = (challenge: string) => ({
        response: {
          id: CREDENTIAL_ID,
          rawId: CREDENTIAL_ID,
          type: 'public-key',
          clientExtensionResults: {},
          response: {
            clientDataJSON: b64url(JSON.stringify({ type: 'webauthn.get', challenge, origin: 'http://events.test' })),
            authenticatorData: b64url(Buffer.alloc(37)),
            signature: b64url('signature'),
          },
        },
      });
      const wrong = await postJson('/admin/login/passkey', '/admin/login/code', cookie, answer(b64url('another challenge')));
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.json<{ error: string }>().error, translate('en', 'auth.passkey.failed'));
      assert.equal(cookiesOf(wrong)['dd_session'], undefined);
      // The challenge was used up by the failed try: even its right value is refused now.
      const again = await postJson('/admin/login/passkey', '/admin/login/code', cookie, answer(options.challenge));
      assert.equal(again.statusCode, 401);
      const failed = await audits('auth.login-failed');
      assert.ok(failed.length >= 2);
      // A malformed body is refused the same way, without an exception.
      await postJson('/admin/login/passkey/options', '/admin/login/code', cookie);
      const junk = await postJson('/admin/login/passkey', '/admin/login/code', cookie, { response: 'junk' });
      assert.equal(junk.statusCode, 401);
      // No challenge is left waiting on the pending session.
      const session = await t.database.db
        .selectFrom('sessions')
        .select('challenge')
        .where('user_id', '=', staff.userId)
        .where('stage', '=', 'password')
        .execute();
      assert.ok(session.every((s) => s.challenge === null));
    });

    void it('refuses to add or remove a passkey without a recent re-authentication', async () => {
      // The JSON form of a redirect: the script goes to the confirmation page.
      const options = await postJson('/admin/account/passkeys/options', '/admin/account', staff.cookie);
      assert.equal(options.statusCode, 200);
      assert.deepEqual(options.json(), { next: '/admin/account/reauth?next=%2Fadmin%2Faccount' });
      const add = await postJson('/admin/account/passkeys', '/admin/account', staff.cookie, { response: {}, label: 'x' });
      assert.deepEqual(add.json(), { next: '/admin/account/reauth?next=%2Fadmin%2Faccount' });
      // The service refuses on its own too.
      const principal = await t.services.auth.authenticate(jarOf(staff.cookie)['dd_session'] ?? '');
      assert.ok(principal);
      await assert.rejects(t.services.passkeys.registrationOptions(principal), { code: 'forbidden' });
      await assert.rejects(t.services.passkeys.register(principal, {}, 'x'), { code: 'forbidden' });
      const row = await t.database.db.selectFrom('webauthn_credentials').select('id').where('user_id', '=', staff.userId).executeTakeFirstOrThrow();
      const form = await formToken(t, '/admin/account', staff.cookie);
      assert.match(form.cookie, /dd_session=/);
      const remove = await t.app.inject({
        method: 'POST',
        url: `/admin/account/passkeys/${row.id}/remove`,
        headers: { cookie: form.cookie },
        payload: { _csrf: form.csrf },
      });
      assert.equal(remove.statusCode, 303);
      assert.equal(remove.headers.location, '/admin/account/reauth?next=%2Fadmin%2Faccount');
      assert.equal((await t.database.db.selectFrom('webauthn_credentials').select('id').where('user_id', '=', staff.userId).execute()).length, 1);
      assert.equal((await audits('auth.passkey-removed')).length, 0);
    });

    void it('after re-authentication: registration options, an invalid answer refused, removal audited', async () => {
      const reauth = await formToken(t, '/admin/account/reauth', staff.cookie);
      const ok = await t.app.inject({
        method: 'POST',
        url: '/admin/account/reauth',
        headers: { cookie: reauth.cookie },
        payload: { code: staff.recoveryCodes[0] ?? '', _csrf: reauth.csrf },
      });
      assert.equal(ok.statusCode, 303);
      const options = await postJson('/admin/account/passkeys/options', '/admin/account', staff.cookie);
      assert.equal(options.statusCode, 200);
      const o = options.json<{ options: { rp: { id: string }; excludeCredentials: { id: string }[]; authenticatorSelection: { userVerification: string } } }>()
        .options;
      assert.equal(o.rp.id, 'events.test');
      assert.deepEqual(
        o.excludeCredentials.map((c) => c.id),
        [CREDENTIAL_ID],
      );
      assert.equal(o.authenticatorSelection.userVerification, 'preferred');
      const bad = await postJson('/admin/account/passkeys', '/admin/account', staff.cookie, {
        response: { id: 'x', rawId: 'x', type: 'public-key', response: {} },
        label: 'Bad',
      });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json<{ error: string }>().error, translate('en', 'auth.passkey.add-failed'));

      const account = await t.app.inject({ method: 'GET', url: '/admin/account', headers: { cookie: staff.cookie } });
      assert.match(account.body, /Planted/);
      assert.match(account.body, /data-passkey="register"/);
      const row = await t.database.db.selectFrom('webauthn_credentials').select('id').where('user_id', '=', staff.userId).executeTakeFirstOrThrow();
      const form = await formToken(t, '/admin/account', staff.cookie);
      const remove = await t.app.inject({
        method: 'POST',
        url: `/admin/account/passkeys/${row.id}/remove`,
        headers: { cookie: form.cookie },
        payload: { _csrf: form.csrf },
      });
      assert.equal(remove.statusCode, 303);
      assert.equal(remove.headers.location, '/admin/account?done=passkey-removed');
      assert.equal((await t.database.db.selectFrom('webauthn_credentials').select('id').where('user_id', '=', staff.userId).execute()).length, 0);
      assert.equal((await audits('auth.passkey-removed')).length, 1);
      // Someone else's passkey, or one already gone: not found.
      const again = await t.app.inject({
        method: 'POST',
        url: `/admin/account/passkeys/${row.id}/remove`,
        headers: { cookie: form.cookie },
        payload: { _csrf: form.csrf },
      });
      assert.equal(again.statusCode, 404);
    });
  });
}
