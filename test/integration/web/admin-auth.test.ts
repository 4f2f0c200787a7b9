import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { cookieNames } from '../../../src/web/session.js';
import { testApp, type TestApp } from '../../support/app.js';
import { cookieHeader, cookiesOf, formToken, signIn, signedInStaff, type Staff, jarOf, mergeCookies } from '../../support/auth.js';
import { testDialects } from '../../support/db.js';

/**
 * Staff accounts over HTTP: enrolment, the two sign-in steps, throttling, sessions (idle and
 * absolute ends), cookies, CSRF, single-use links, re-authentication, the audit trail.
 */

const START = Date.parse('2031-05-12T08:00:00.000Z');
const MIN = 60_000;

/** A clock tests move by hand. */
function fakeClock() {
  const c = { ms: START, now: () => new Date(c.ms), advance: (ms: number) => void (c.ms += ms), epoch: () => Math.floor(c.ms / 1000) };
  return c;
}

const rawCookies = (res: LightMyRequestResponse): string[] => {
  const raw = res.headers['set-cookie'];
  return Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
};
/** The page without what changes from one request to the next (CSRF token) and what the user typed. */
const normalised = (body: string, typed: string[]) =>
  typed.reduce((b, s) => b.split(s).join('TYPED'), body.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"'));

for (const dialect of testDialects()) {
  describe(`staff accounts over HTTP (${dialect})`, () => {
    let t: TestApp;
    const clock = fakeClock();
    const secrets: string[] = [];
    const emails: string[] = [];
    const staff = async (role: Parameters<typeof signedInStaff>[1]): Promise<Staff> => {
      const s = await signedInStaff(t, role, { epoch: clock.epoch });
      clock.advance(MIN); // the next code for anyone is of a later time step
      secrets.push(s.password, s.secret, ...s.recoveryCodes, ...Object.values(jarOf(s.cookie)));
      emails.push(s.email);
      return s;
    };
    const get = (url: string, cookie = '') => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
    const post = async (url: string, payload: Record<string, string>, cookie = '', formUrl = url) => {
      const form = await formToken(t, formUrl, cookie);
      return t.app.inject({ method: 'POST', url, headers: { cookie: form.cookie }, payload: { ...payload, _csrf: form.csrf } });
    };
    /** The password step; returns its response and the cookies after it. */
    const passwordStep = async (email: string, password: string, next = '') => {
      const res = await post('/admin/login', { email, password, ...(next ? { next } : {}) });
      const form = await formToken(t, '/admin/login');
      return { res, cookie: mergeCookies(form.cookie, res) };
    };
    const codeStep = async (cookie: string, code: string) => {
      const form = await formToken(t, '/admin/login/code', cookie);
      const res = await t.app.inject({ method: 'POST', url: '/admin/login/code', headers: { cookie: form.cookie }, payload: { code, _csrf: form.csrf } });
      return { res, cookie: mergeCookies(form.cookie, res) };
    };
    const code = (secret: string) => generate({ secret, epoch: clock.epoch() });
    const auditRows = () => t.database.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    const actions = async () => new Set((await auditRows()).map((r) => r.action));
    const roleOf = async (id: number) => (await t.database.db.selectFrom('users').select('role').where('id', '=', id).executeTakeFirstOrThrow()).role;

    /** Enrols through the enrolment page: reads the key from the page text, as a person would. */
    const enrolOverHttp = async (path: string, password: string) => {
      const page = await get(path);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<svg role="img" aria-label="[^"]+"/, 'an inline, labelled QR code');
      assert.doesNotMatch(page.body, /<img[^>]+src="data:/, 'no data: image (the CSP forbids it)');
      const secret = (/<code class="secret" id="secret">([^<]+)<\/code>/.exec(page.body)?.[1] ?? '').replace(/\s/g, '');
      const sealedSecret = /name="sealedSecret" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const form = await formToken(t, path);
      const res = await t.app.inject({
        method: 'POST',
        url: path,
        headers: { cookie: form.cookie },
        payload: { password, confirm: password, sealedSecret, code: await code(secret), _csrf: form.csrf },
      });
      clock.advance(MIN);
      const recovery = [...res.body.matchAll(/<li><code>([0-9A-F-]+)<\/code><\/li>/g)].map((m) => m[1] as string);
      secrets.push(password, secret, sealedSecret, ...recovery, path.split('/').pop() as string);
      return { res, secret, recovery };
    };

    before(async () => {
      t = await testApp({ dialect, clock });
      // Mail is read from the outbox table here; the worker must not run against a closed database.
      await t.services.worker.stop();
    });
    after(async () => {
      await t?.close();
    });

    it('first run: the setup link creates the admin, enrolment shows recovery codes once, then sign in and out', async () => {
      const setupUrl = await t.services.accounts.ensureSetupLink();
      assert.ok(setupUrl);
      const setupPath = new URL(setupUrl).pathname;
      secrets.push(setupPath.split('/').pop() as string);
      assert.equal((await get(setupPath)).statusCode, 200);
      assert.equal((await get('/admin/setup/not-the-token')).statusCode, 404);
      // Invalid input: field messages, what was typed kept, nothing saved.
      const bad = await post(setupPath, { email: 'not-an-address', displayName: 'Ada Admin' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /id="email"[^>]*value="not-an-address"[^>]*aria-invalid="true"/);
      assert.match(bad.body, /value="Ada Admin"/);
      assert.equal((await t.database.db.selectFrom('users').select('id').execute()).length, 0);

      const email = 'ada.admin@example.org';
      emails.push(email);
      const created = await post(setupPath, { email, displayName: 'Ada Admin' });
      assert.equal(created.statusCode, 303);
      const enrolPath = String(created.headers.location);
      assert.match(enrolPath, /^\/admin\/enrol\/[\w-]{43}$/);
      assert.equal((await get(setupPath)).statusCode, 404, 'the setup link works once');

      // Enrolment with a mismatch first: the same key stays, the passwords are not echoed.
      const page = await get(enrolPath);
      const sealed = /name="sealedSecret" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
      const mismatch = await post(enrolPath, {
        password: 'correct horse battery staple 1',
        confirm: 'something else entirely',
        sealedSecret: sealed,
        code: '000000',
      });
      assert.equal(mismatch.statusCode, 400);
      assert.doesNotMatch(mismatch.body, /correct horse battery staple 1|something else entirely/);
      const keyOf = (body: string) => /<code class="secret" id="secret">([^<]+)<\/code>/.exec(body)?.[1];
      assert.ok(keyOf(page.body));
      assert.equal(keyOf(mismatch.body), keyOf(page.body), 'the key in the app stays valid');
      assert.match(mismatch.body, /id="confirm-error"/);

      const password = 'correct horse battery staple 1';
      const { res, secret, recovery } = await enrolOverHttp(enrolPath, password);
      assert.equal(res.statusCode, 200);
      assert.equal(recovery.length, 10);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(String(res.headers['x-robots-tag']), /noindex/);
      assert.equal((await get(enrolPath)).statusCode, 404, 'the enrolment link works once');

      const step1 = await passwordStep(email, password);
      assert.equal(step1.res.statusCode, 303);
      assert.equal(step1.res.headers.location, '/admin/login/code');
      const step2 = await codeStep(step1.cookie, await code(secret));
      assert.equal(step2.res.statusCode, 303);
      assert.equal(step2.res.headers.location, '/admin');
      const names = cookieNames(false);
      assert.ok(jarOf(step2.cookie)[names.session]);
      assert.ok(jarOf(step2.cookie)[names.browser]);
      assert.equal(jarOf(step2.cookie)[names.pending], undefined, 'the pending cookie is cleared');
      secrets.push(...Object.values(jarOf(step2.cookie)));
      assert.equal((await get('/admin', step2.cookie)).statusCode, 200);

      const out = await post('/admin/logout', {}, step2.cookie, '/admin');
      assert.equal(out.statusCode, 303);
      const afterOut = await get('/admin', step2.cookie);
      assert.equal(afterOut.statusCode, 303);
      assert.equal(afterOut.headers.location, '/admin/login?next=%2Fadmin');
    });

    it('slows down wrong passwords from unknown browsers (the 11th, right, waits its turn) while the own browser and another account sign in', async () => {
      const victim = await staff('editor');
      const other = await staff('editor');
      const bodies = new Set<string>();
      for (let i = 1; i <= 20; i++) {
        const { res } = await passwordStep(victim.email, `wrong password number ${i}`);
        assert.equal(res.statusCode, 401, `attempt ${i}`);
        bodies.add(normalised(res.body, [victim.email]));
        if (i === 10) {
          const right = await passwordStep(victim.email, victim.password);
          assert.equal(right.res.statusCode, 401, 'slowed down after the first failures: the right password from a new browser waits');
          bodies.add(normalised(right.res.body, [victim.email]));
        }
      }
      assert.equal(bodies.size, 1, 'a refused attempt gets the same answer as a wrong password');
      // The victim's own browser (its device cookie) is not kept out.
      const device = jarOf(victim.cookie)[cookieNames(false).device] ?? '';
      const form = await formToken(t, '/admin/login', cookieHeader({ [cookieNames(false).device]: device }));
      const own = await t.app.inject({
        method: 'POST',
        url: '/admin/login',
        headers: { cookie: form.cookie },
        payload: { email: victim.email, password: victim.password, _csrf: form.csrf },
      });
      assert.equal(own.statusCode, 303, 'the browser that signed in before gets in at once');
      const otherLogin = await passwordStep(other.email, other.password);
      assert.equal(otherLogin.res.statusCode, 303, 'another account still signs in');
      assert.equal((await codeStep(otherLogin.cookie, await code(other.secret))).res.statusCode, 303);
      clock.advance(16 * MIN);
      assert.equal((await passwordStep(victim.email, victim.password)).res.statusCode, 303, 'after the wait a new browser gets its turn');
      const failed = (await auditRows()).filter((r) => r.action === 'auth.login-failed' && r.object_id === String(victim.userId));
      assert.ok(failed.length >= 20);
    });

    it('answers unknown and known addresses the same (status and body)', async () => {
      const known = await staff('editor');
      const unknown = 'nobody-here@example.org';
      emails.push(unknown);
      const a = await passwordStep(known.email, 'a wrong password here');
      const b = await passwordStep(unknown, 'a wrong password here');
      assert.equal(a.res.statusCode, b.res.statusCode);
      assert.equal(normalised(a.res.body, [known.email]), normalised(b.res.body, [unknown]));
      assert.ok(a.res.body.includes(`value="${known.email}"`), 'the typed address is kept');
      assert.doesNotMatch(a.res.body, /a wrong password here/, 'the password is never echoed');
      // Timing: both pay one argon2 verification.
      const time = async (email: string) => {
        const s = performance.now();
        await post('/admin/login', { email, password: 'another wrong one' });
        return performance.now() - s;
      };
      const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;
      const tk: number[] = [];
      const tu: number[] = [];
      for (let i = 0; i < 5; i++) {
        tk.push(await time(known.email));
        tu.push(await time(unknown));
      }
      const ratio = median(tk) / median(tu);
      assert.ok(ratio > 0.5 && ratio < 2, `known ${median(tk).toFixed(1)} ms vs unknown ${median(tu).toFixed(1)} ms`);
      // Reset requests: one answer for both.
      const ra = await post('/admin/reset', { email: known.email });
      const rb = await post('/admin/reset', { email: unknown });
      assert.equal(ra.statusCode, 200);
      assert.equal(ra.statusCode, rb.statusCode);
      assert.equal(normalised(ra.body, []), normalised(rb.body, []));
    });

    it('a TOTP code works once (replay refused); a recovery code works once', async () => {
      const s = await staff('logistics');
      const totp = await code(s.secret);
      const first = await codeStep((await passwordStep(s.email, s.password)).cookie, totp);
      assert.equal(first.res.statusCode, 303);
      const replay = await codeStep((await passwordStep(s.email, s.password)).cookie, totp);
      assert.equal(replay.res.statusCode, 401);
      assert.match(replay.res.body, /id="code-error"/);

      const recovery = s.recoveryCodes[0] as string;
      const r1 = await codeStep((await passwordStep(s.email, s.password)).cookie, recovery.toLowerCase());
      assert.equal(r1.res.statusCode, 303, 'a recovery code, in any case');
      const r2 = await codeStep((await passwordStep(s.email, s.password)).cookie, recovery);
      assert.equal(r2.res.statusCode, 401, 'a recovery code works once');
      secrets.push(totp);
    });

    it('ends idle sessions after 15 minutes and every session after 12 hours', async () => {
      const s = await staff('editor');
      clock.advance(13 * MIN);
      assert.equal((await get('/admin', s.cookie)).statusCode, 200);
      clock.advance(14 * MIN);
      assert.equal((await get('/admin', s.cookie)).statusCode, 200, 'activity keeps it alive');
      clock.advance(15 * MIN + 1000);
      const idle = await get('/admin/account', s.cookie);
      assert.equal(idle.statusCode, 303);
      assert.equal(idle.headers.location, '/admin/login?next=%2Fadmin%2Faccount');

      const busy = await staff('editor');
      let ended = -1;
      for (let minutes = 10; minutes <= 13 * 60; minutes += 10) {
        clock.advance(10 * MIN);
        if ((await get('/admin', busy.cookie)).statusCode !== 200) {
          ended = minutes;
          break;
        }
      }
      assert.ok(ended > 11 * 60 && ended <= 12 * 60 + 10, `ended after ${ended} minutes`);
    });

    it('sets HttpOnly, SameSite, Path=/ cookies (and __Host-, Secure under https)', async () => {
      for (const https of [false, true]) {
        const app = https ? await testApp({ dialect, clock, env: { PUBLIC_URL: 'https://events.test' } }) : t;
        try {
          if (https) await app.services.worker.stop();
          const s = https ? await signedInStaff(app, 'editor', { epoch: clock.epoch }) : await staff('editor');
          clock.advance(MIN);
          const names = cookieNames(https);
          const login = await formToken(app, '/admin/login');
          const step1 = await app.app.inject({
            method: 'POST',
            url: '/admin/login',
            headers: { cookie: login.cookie },
            payload: { email: s.email, password: s.password, _csrf: login.csrf },
          });
          const form = await formToken(app, '/admin/login/code', mergeCookies(login.cookie, step1));
          const step2 = await app.app.inject({
            method: 'POST',
            url: '/admin/login/code',
            headers: { cookie: form.cookie },
            payload: { code: await code(s.secret), _csrf: form.csrf },
          });
          assert.equal(step2.statusCode, 303);
          const setCookies = [...rawCookies(await app.app.inject({ method: 'GET', url: '/admin/login' })), ...rawCookies(step1), ...rawCookies(step2)];
          for (const name of [names.session, names.pending, names.browser, names.csrf]) {
            const c = setCookies.find((x) => x.startsWith(`${name}=`));
            assert.ok(c, `${name} is set (${setCookies.join(' | ')})`);
            assert.match(c, /;\s*HttpOnly/i, `${name} HttpOnly`);
            assert.match(c, /;\s*SameSite=(Lax|Strict)/i, `${name} SameSite`);
            assert.match(c, /;\s*Path=\/(;|$)/, `${name} Path=/`);
            assert.doesNotMatch(c, /;\s*Domain=/i, `${name} has no Domain`);
            if (https) {
              assert.ok(name.startsWith('__Host-'), name);
              assert.match(c, /;\s*Secure/i, `${name} Secure`);
            } else assert.doesNotMatch(c, /;\s*Secure/i);
          }
          const session = setCookies.find((x) => x.startsWith(`${names.session}=`)) ?? '';
          assert.doesNotMatch(session, /Max-Age|Expires/i, 'the session cookie ends with the browser');
          secrets.push(...Object.values(jarOf(mergeCookies(form.cookie, step2))));
        } finally {
          if (https) await app.close();
        }
      }
    });

    it('refuses a POST without _csrf with 403 and changes nothing', async () => {
      const admin = await staff('admin');
      const before = (await t.database.db.selectFrom('users').select('id').execute()).length;
      const res = await t.app.inject({
        method: 'POST',
        url: '/admin/users/new',
        headers: { cookie: admin.cookie },
        payload: { email: 'csrf@example.org', displayName: 'C', role: 'editor' },
      });
      assert.equal(res.statusCode, 403);
      assert.equal((await t.database.db.selectFrom('users').select('id').execute()).length, before);
      const bad = await t.app.inject({ method: 'POST', url: '/admin/login', payload: { email: admin.email, password: admin.password, _csrf: 'forged' } });
      assert.equal(bad.statusCode, 403);
      assert.equal(cookiesOf(bad)[cookieNames(false).pending], undefined);
    });

    it('resets a password with a single-use mailed link that ends every session', async () => {
      const s = await staff('editor');
      await post('/admin/reset', { email: s.email });
      const mail = await t.database.db.selectFrom('outbox').select('payload').orderBy('id', 'desc').executeTakeFirstOrThrow();
      const payload = t.services.outbox.decode(mail.payload) as { to: string; subject: string; text: string };
      assert.equal(payload.to, s.email);
      assert.doesNotMatch(payload.subject, /defenders/i, 'a neutral subject');
      const path = /\/admin\/reset\/[\w-]{43}/.exec(payload.text)?.[0] ?? '';
      secrets.push(path.split('/').pop() as string);
      assert.equal((await get(path)).statusCode, 200);
      const weak = await post(path, { password: 'too short', confirm: 'too short' });
      assert.equal(weak.statusCode, 400);
      assert.match(weak.body, /id="password-error"/);
      const fresh = 'a brand new long passphrase';
      secrets.push(fresh);
      const done = await post(path, { password: fresh, confirm: fresh });
      assert.equal(done.statusCode, 200);
      assert.equal((await get('/admin', s.cookie)).statusCode, 303, 'the old session has ended');
      assert.equal((await get(path)).statusCode, 404, 'the link works once');
      assert.equal((await post('/admin/login', { email: s.email, password: s.password })).statusCode, 401);
      assert.equal((await passwordStep(s.email, fresh)).res.statusCode, 303);
    });

    it('lists sessions, ends one and ends all others', async () => {
      const s = await staff('board');
      const second = await signIn(t, s.email, s.password, s.secret, clock.epoch());
      clock.advance(MIN);
      const third = await signIn(t, s.email, s.password, s.secret, clock.epoch());
      clock.advance(MIN);
      const page = await get('/admin/account', s.cookie);
      assert.equal(page.statusCode, 200);
      const ids = [...page.body.matchAll(/action="\/admin\/account\/sessions\/(\d+)\/end"/g)].map((m) => m[1]);
      assert.equal(ids.length, 2, 'two other sessions, each with an End button');
      assert.match(page.body, /This session/);
      assert.equal((await post(`/admin/account/sessions/${ids[0]}/end`, {}, s.cookie, '/admin/account')).statusCode, 303);
      assert.equal((await post('/admin/account/sessions/end-others', {}, s.cookie, '/admin/account')).statusCode, 303);
      assert.equal((await get('/admin', second)).statusCode, 303);
      assert.equal((await get('/admin', third)).statusCode, 303);
      assert.equal((await get('/admin', s.cookie)).statusCode, 200, 'this session stays');
    });

    it('changes a role only after a fresh second factor; disables an account', async () => {
      const admin = await staff('admin');
      const target = await staff('editor');
      const refused = await post(`/admin/users/${target.userId}/role`, { role: 'logistics' }, admin.cookie, `/admin/users/${target.userId}`);
      assert.equal(refused.statusCode, 303);
      assert.equal(refused.headers.location, `/admin/account/reauth?next=${encodeURIComponent(`/admin/users/${target.userId}?role=logistics`)}`);
      assert.equal(await roleOf(target.userId), 'editor');
      // The service checks too.
      const principal = await t.services.auth.authenticate(jarOf(admin.cookie)[cookieNames(false).session] as string);
      await assert.rejects(t.services.accounts.changeRole(principal!, target.userId, 'logistics'), /reauthentication needed/);

      const wrong = await post('/admin/account/reauth', { code: '000000', next: `/admin/users/${target.userId}` }, admin.cookie, '/admin/account/reauth');
      assert.equal(wrong.statusCode, 400);
      const ok = await post(
        '/admin/account/reauth',
        { code: await code(admin.secret), next: `/admin/users/${target.userId}?role=logistics` },
        admin.cookie,
        '/admin/account/reauth',
      );
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, `/admin/users/${target.userId}?role=logistics`);
      const changed = await post(`/admin/users/${target.userId}/role`, { role: 'logistics' }, admin.cookie, `/admin/users/${target.userId}`);
      assert.equal(changed.statusCode, 303);
      assert.equal(await roleOf(target.userId), 'logistics');
      assert.equal((await get('/admin', target.cookie)).statusCode, 303, 'the changed account is signed out');
      const self = await post(`/admin/users/${admin.userId}/role`, { role: 'editor' }, admin.cookie, `/admin/users/${admin.userId}`);
      assert.equal(self.statusCode, 400, 'no changing one’s own role');
      assert.equal(await roleOf(admin.userId), 'admin');

      clock.advance(6 * MIN);
      const stale = await post(`/admin/users/${target.userId}/role`, { role: 'board' }, admin.cookie, `/admin/users/${target.userId}`);
      assert.match(String(stale.headers.location), /^\/admin\/account\/reauth/, 'the confirmation lasts 5 minutes');

      const victim = await staff('editor');
      assert.equal((await post(`/admin/users/${victim.userId}/disable`, {}, admin.cookie, `/admin/users/${victim.userId}`)).statusCode, 303);
      assert.equal((await get('/admin', victim.cookie)).statusCode, 303);
      assert.equal((await passwordStep(victim.email, victim.password)).res.statusCode, 401);
    });

    it('creates accounts with field errors kept, and shows the enrolment link once', async () => {
      const admin = await staff('admin');
      const count = async () => (await t.database.db.selectFrom('users').select('id').execute()).length;
      const n = await count();
      // Making an account needs the second factor again, on the form and when it is sent.
      assert.equal((await get('/admin/users/new', admin.cookie)).headers.location, `/admin/account/reauth?next=${encodeURIComponent('/admin/users/new')}`);
      const early = await post('/admin/users/new', { email: 'early@example.org', displayName: 'Early', role: 'board' }, admin.cookie, '/admin/users');
      assert.equal(early.statusCode, 303);
      assert.match(String(early.headers.location), /^\/admin\/account\/reauth/);
      assert.equal(await count(), n, 'nothing saved without the second factor');
      const confirmed = await post(
        '/admin/account/reauth',
        { code: await code(admin.secret), next: '/admin/users/new' },
        admin.cookie,
        '/admin/account/reauth',
      );
      assert.equal(confirmed.statusCode, 303);
      const bad = await post('/admin/users/new', { email: 'bad address', displayName: 'Bea "><b>Bold</b>', role: 'emperor' }, admin.cookie);
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /id="email-error"/);
      assert.match(bad.body, /id="role-error"/);
      // Kept as typed; the quote is escaped, so the attribute cannot be left.
      assert.match(bad.body, /id="displayName"[^>]* value="Bea (&quot;|&#34;)(>|&gt;)(<|&lt;)b(>|&gt;)Bold/);
      assert.equal(await count(), n, 'nothing saved');
      const email = 'new.colleague@example.org';
      emails.push(email);
      const ok = await post('/admin/users/new', { email, displayName: 'New Colleague', role: 'board' }, admin.cookie);
      assert.equal(ok.statusCode, 200);
      const link = /value="(http:\/\/events\.test\/admin\/enrol\/[\w-]{43})"/.exec(ok.body)?.[1];
      assert.ok(link);
      assert.match(ok.body, /72 hours/);
      secrets.push(link.split('/').pop() as string);
      const taken = await post('/admin/users/new', { email, displayName: 'Again', role: 'board' }, admin.cookie);
      assert.equal(taken.statusCode, 400);
      const list = await get('/admin/users', admin.cookie);
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes(email));
    });

    it('gives an editor 403 on /admin/users (audited) and never redirects elsewhere after sign-in', async () => {
      const editor = await staff('editor');
      assert.equal((await get('/admin/users', editor.cookie)).statusCode, 403);
      assert.equal(
        (await post('/admin/users/new', { email: 'x@example.org', displayName: 'X', role: 'admin' }, editor.cookie, '/admin/account')).statusCode,
        403,
      );
      for (const next of ['//evil.example/admin', 'https://evil.example/admin', '/administrator/../../evil', '/\\evil.example', '/admin/../evil']) {
        const step1 = await passwordStep(editor.email, editor.password, next);
        assert.equal(step1.res.statusCode, 303);
        assert.equal(step1.res.headers.location, '/admin/login/code', `next=${next} dropped`);
      }
      const step1 = await passwordStep(editor.email, editor.password, '/admin/account?x=1');
      assert.equal(step1.res.headers.location, `/admin/login/code?next=${encodeURIComponent('/admin/account?x=1')}`);
    });

    it('keeps an audit trail of every action, with no secret, token or address in it', async () => {
      const got = await actions();
      for (const a of [
        'auth.login',
        'auth.login-failed',
        'auth.enrolled',
        'auth.logout',
        'user.created',
        'user.role-changed',
        'user.disabled',
        'access.denied',
        'auth.password-reset',
        'auth.reauth',
      ]) {
        assert.ok(got.has(a), `audit has ${a} (has: ${[...got].join(', ')})`);
      }
      const rows = (await auditRows()).map((r) => JSON.stringify(Object.values(r)));
      const needles = [...new Set([...secrets, ...emails])].filter((s) => s.length >= 6);
      assert.ok(needles.length > 20);
      for (const row of rows) {
        for (const needle of needles) assert.ok(!row.includes(needle), `audit row ${row} contains a secret or an address`);
        assert.doesNotMatch(row, /@/, `no e-mail address in ${row}`);
      }
    });

    it('marks every /admin answer no-store and noindex, including the sign-in pages', async () => {
      for (const url of ['/admin/login', '/admin/reset', '/admin/login/code', '/admin/enrol/nope', '/admin/users']) {
        const res = await get(url);
        assert.equal(res.headers['cache-control'], 'no-store', url);
        assert.match(String(res.headers['x-robots-tag']), /noindex/, url);
      }
      const page = await get('/admin/login');
      assert.match(page.body, /autocomplete="username"/);
      assert.match(page.body, /autocomplete="current-password"/);
    });
  });
}
