import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import type { Clock } from '../../../src/core/shared/clock.js';
import { t as translate } from '../../../src/i18n/index.js';
import { cookieNames } from '../../../src/web/session.js';
import { testApp, type TestApp } from '../../support/app.js';
import { cookiesOf, formToken, mergeCookies } from '../../support/auth.js';
import { CONFERENCE_NOW, seedConference } from '../../support/conference-seed.js';
import { testDialects } from '../../support/db.js';
import { participant, type TestParticipant } from '../../support/participation.js';
import { decodeHtml } from './markup.js';

/**
 * A participant's own second factor, over HTTP and without JavaScript: turning the
 * authenticator app on (passphrase again, a code, recovery codes shown once), signing in
 * with it (the passphrase opens only a pending step; a code, once; a recovery code, once),
 * and turning it off again.
 */

const en = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('en', key, params);

for (const dialect of testDialects()) {
  describe(`participants' second factor (${dialect})`, () => {
    let t: TestApp;
    let ms = Date.parse(CONFERENCE_NOW);
    const clock: Clock = { now: () => new Date(ms) };
    const epoch = () => Math.floor(ms / 1000);
    const names = cookieNames(false);
    let p: TestParticipant;

    before(async () => {
      t = await testApp({ dialect, clock, seed: async (db) => void (await seedConference(db, (f) => `CLOSED-${f}`)) });
      await t.services.worker.stop();
      const ed = await t.database.db.selectFrom('conference_editions').select('id').orderBy('id').executeTakeFirstOrThrow();
      p = await participant(t, ed.id);
    });
    after(async () => t?.close());

    const post = async (page: string, url: string, payload: Record<string, string>, cookie: string) => {
      const form = await formToken(t, page, cookie);
      const res = await t.app.inject({ method: 'POST', url, headers: { cookie: form.cookie }, payload: { ...payload, _csrf: form.csrf } });
      return { res, cookie: mergeCookies(form.cookie, res) };
    };
    const signIn = (passphrase = p.passphrase, cookie = '') => post('/portal/login', '/portal/login', { sign_in: p.signIn, passphrase }, cookie);
    const audits = async (action: string) => (await t.database.db.selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;

    let secret = '';
    let recovery: string[] = [];

    it('turns the app on with the passphrase and a current code, showing the recovery codes once', async () => {
      const first = await signIn();
      assert.equal(first.res.statusCode, 303);
      assert.equal(first.res.headers.location, '/portal');
      const mine = first.cookie;
      const page = await t.app.inject({ method: 'GET', url: '/portal/account', headers: { cookie: mine } });
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.match(page.body, /<svg role="img" aria-label="[^"]+"/, 'a labelled QR code');
      // The app needs no script; the one script there is the passkeys' (external, deferred), which the app does not need.
      assert.deepEqual(
        [...page.body.matchAll(/<script[^>]*>/g)].map((m) => m[0]),
        [`<script src="${/<script src="(\/assets\/passkeys\.[0-9a-f]{10}\.js)"/.exec(page.body)?.[1] ?? 'none'}" defer>`],
      );
      secret = (/<code class="secret" id="secret">([^<]+)<\/code>/.exec(page.body)?.[1] ?? '').replace(/\s/g, '');
      const sealedSecret = /name="sealedSecret" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      assert.ok(secret && sealedSecret);

      const wrong = await post(
        '/portal/account',
        '/portal/account/totp',
        { sealedSecret, code: await generate({ secret, epoch: epoch() }), passphrase: 'not my passphrase at all' },
        mine,
      );
      assert.equal(wrong.res.statusCode, 400);
      assert.ok(decodeHtml(wrong.res.body).includes(en('portal.factor.passphrase-wrong')));
      assert.equal((/<code class="secret" id="secret">([^<]+)<\/code>/.exec(wrong.res.body)?.[1] ?? '').replace(/\s/g, ''), secret, 'the same key stays');
      assert.doesNotMatch(wrong.res.body, /not my passphrase at all/);

      ms += 60_000;
      const on = await post(
        '/portal/account',
        '/portal/account/totp',
        { sealedSecret, code: await generate({ secret, epoch: epoch() }), passphrase: p.passphrase },
        mine,
      );
      assert.equal(on.res.statusCode, 200);
      recovery = [...on.res.body.matchAll(/<li><code>([0-9A-F-]+)<\/code><\/li>/g)].map((m) => m[1] as string);
      assert.equal(recovery.length, 10);
      assert.equal(await audits('portal.totp-added'), 1);
      const after = await t.app.inject({ method: 'GET', url: '/portal/account', headers: { cookie: mine } });
      assert.ok(decodeHtml(after.body).includes(en('portal.factor.on', { count: 10 })));
      assert.doesNotMatch(after.body, /[0-9A-F]{5}-[0-9A-F]{5}/, 'the codes are not shown again');
      // The session that turned it on stays; the other one (from accepting the invitation) ends.
      assert.equal((await t.app.inject({ method: 'GET', url: '/portal', headers: { cookie: p.cookie } })).statusCode, 303);
      const row = await t.database.db
        .selectFrom('participants')
        .select(['totp_secret', 'recovery_codes'])
        .where('id', '=', p.participantId)
        .executeTakeFirstOrThrow();
      assert.ok(row.totp_secret && !row.totp_secret.includes(secret), 'the secret is sealed');
      assert.ok(!recovery.some((c) => row.recovery_codes.includes(c)), 'recovery codes are stored as keyed hashes');
    });

    it('then the passphrase alone opens nothing: the code step finishes the sign-in, each code once', async () => {
      ms += 60_000;
      const step1 = await signIn();
      assert.equal(step1.res.statusCode, 303);
      assert.equal(step1.res.headers.location, '/portal/login/code');
      assert.equal(cookiesOf(step1.res)[names.portal], undefined, 'no portal session yet');
      const pendingToken = cookiesOf(step1.res)[names.portalPending] ?? '';
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/portal', headers: { cookie: `${names.portal}=${pendingToken}` } })).statusCode,
        303,
        'a pending token is no session',
      );

      const bad = await post('/portal/login/code', '/portal/login/code', { code: '000000' }, step1.cookie);
      assert.equal(bad.res.statusCode, 401);
      assert.ok(decodeHtml(bad.res.body).includes(en('login.code-wrong')));

      const code = await generate({ secret, epoch: epoch() });
      const good = await post('/portal/login/code', '/portal/login/code', { code }, step1.cookie);
      assert.equal(good.res.statusCode, 303);
      assert.equal(good.res.headers.location, '/portal');
      assert.ok(cookiesOf(good.res)[names.device], 'the browser is known from now on');
      assert.equal((await t.app.inject({ method: 'GET', url: '/portal', headers: { cookie: good.cookie } })).statusCode, 200);

      const again = await signIn();
      const replay = await post('/portal/login/code', '/portal/login/code', { code }, again.cookie);
      assert.equal(replay.res.statusCode, 401, 'a code works once');
      const r1 = await post('/portal/login/code', '/portal/login/code', { code: (recovery[0] as string).toLowerCase() }, again.cookie);
      assert.equal(r1.res.statusCode, 303, 'a recovery code, in any case');
      const third = await signIn();
      const r2 = await post('/portal/login/code', '/portal/login/code', { code: recovery[0] as string }, third.cookie);
      assert.equal(r2.res.statusCode, 401, 'a recovery code works once');
      assert.equal((await t.app.inject({ method: 'GET', url: '/sv/portal/login/code', headers: { cookie: third.cookie } })).statusCode, 200);
    });

    it('turns the app off with the passphrase; then the passphrase signs in again', async () => {
      ms += 60_000;
      const step1 = await signIn();
      const step2 = await post('/portal/login/code', '/portal/login/code', { code: await generate({ secret, epoch: epoch() }) }, step1.cookie);
      assert.equal(step2.res.statusCode, 303);
      const off = await post('/portal/account', '/portal/account/totp/remove', { passphrase: p.passphrase }, step2.cookie);
      assert.equal(off.res.statusCode, 303);
      assert.equal(off.res.headers.location, '/portal/account?done=removed');
      assert.equal(await audits('portal.totp-removed'), 1);
      const plain = await signIn();
      assert.equal(plain.res.headers.location, '/portal');
      assert.equal((await t.app.inject({ method: 'GET', url: '/sv/portal/account', headers: { cookie: plain.cookie } })).statusCode, 200);
    });
  });
}
