import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import type { Clock } from '../../../src/core/shared/clock.js';
import { cookieNames } from '../../../src/web/session.js';
import { testApp, type TestApp } from '../../support/app.js';
import { cookieHeader, formToken, signedInStaff, jarOf, mergeCookies } from '../../support/auth.js';
import { CONFERENCE_NOW, seedConference } from '../../support/conference-seed.js';
import { testDialects } from '../../support/db.js';
import { participant } from '../../support/participation.js';

/**
 * Nothing a stranger can do with a sign-in name alone keeps its owner out, while the
 * stranger's guesses are slowed down (the device cookie scheme), for staff and for
 * participants. The expectations are the security design's, not the code's constants: at
 * most 10 guesses before the slow-down, then at most four checked guesses an hour.
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Guesses a stranger may have checked before being slowed down. */
const FREE_GUESSES = 10;
/** Once slowed down: at most this many checked guesses per hour. */
const GUESSES_PER_HOUR = 4;

for (const dialect of testDialects()) {
  describe(`sign-in throttling without lock-outs (${dialect})`, () => {
    let t: TestApp;
    let ms = Date.parse(CONFERENCE_NOW);
    const clock: Clock = { now: () => new Date(ms) };
    const epoch = () => Math.floor(ms / 1000);
    const names = cookieNames(false);

    before(async () => {
      t = await testApp({ dialect, clock, seed: async (db) => void (await seedConference(db, (f) => `CLOSED-${f}`)) });
      await t.services.worker.stop();
    });
    after(async () => t?.close());

    /** The latest failed sign-in's audit entry (staff or portal). */
    const lastAudit = async () =>
      t.database.db
        .selectFrom('audit_log')
        .select(['action', 'object_id', 'details'])
        .where('action', 'in', ['auth.login-failed', 'portal.login-failed'])
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
    const mailsTo = async (address: string) =>
      (await t.database.db.selectFrom('outbox').select('payload').execute())
        .map((r) => t.services.outbox.decode(r.payload) as { to: string; subject: string; text: string })
        .filter((m) => m.to === address);

    it("a stranger's 1,000 wrong passwords over a day never keep the owner's browser out, and are slowed down", async () => {
      const owner = await signedInStaff(t, 'admin', { epoch });
      ms += MIN;
      assert.ok(jarOf(owner.cookie)[names.device], 'signing in leaves a device cookie');
      let ownerJar = owner.cookie;
      /** The owner, in the browser that signed in before: password, then the app's code. */
      const ownerSignsIn = async () => {
        // Signed out since (the session cookie gone); the device cookie stays in the browser.
        const kept = Object.entries(jarOf(ownerJar)).filter(([name]) => name !== names.session);
        const login = await formToken(t, '/admin/login', cookieHeader(Object.fromEntries(kept)));
        const step1 = await t.app.inject({
          method: 'POST',
          url: '/admin/login',
          headers: { cookie: login.cookie },
          payload: { email: owner.email, password: owner.password, _csrf: login.csrf },
        });
        assert.equal(step1.statusCode, 303, `the owner's password step at ${new Date(ms).toISOString()}`);
        const codeForm = await formToken(t, '/admin/login/code', mergeCookies(login.cookie, step1));
        const step2 = await t.app.inject({
          method: 'POST',
          url: '/admin/login/code',
          headers: { cookie: codeForm.cookie },
          payload: { code: await generate({ secret: owner.secret, epoch: epoch() }), _csrf: codeForm.csrf },
        });
        assert.equal(step2.statusCode, 303, `the owner's code step at ${new Date(ms).toISOString()}`);
        ownerJar = mergeCookies(codeForm.cookie, step2);
        assert.equal((await t.app.inject({ method: 'GET', url: '/admin', headers: { cookie: ownerJar } })).statusCode, 200);
      };

      // The stranger: a browser of their own (a CSRF cookie, never a device cookie of the owner's).
      const stranger = await formToken(t, '/admin/login');
      const ghost = 'nobody-at-all@example.org';
      const guess = (email: string, password: string, cookie = stranger.cookie, csrf = stranger.csrf) =>
        t.app.inject({ method: 'POST', url: '/admin/login', headers: { cookie }, payload: { email, password, _csrf: csrf } });
      /** The answer without what changes on every page (its CSRF token) and what was typed. */
      const answer = (res: LightMyRequestResponse, email: string) =>
        `${res.statusCode} ${res.body
          .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"')
          .split(email)
          .join('TYPED')}`;

      const start = ms;
      const checkedAt: number[] = [];
      const victimFlags: boolean[] = [];
      const ghostFlags: boolean[] = [];
      const answers = new Set<string>();
      const GUESSES = 1000;
      const spacing = Math.floor(DAY / GUESSES);
      let ownerSignIns = 0;
      for (let i = 0; i < GUESSES; i++) {
        const res = await guess(owner.email, `wrong password number ${i}`);
        answers.add(answer(res, owner.email));
        const row = await lastAudit();
        assert.equal(row.action, 'auth.login-failed');
        assert.equal(row.object_id, String(owner.userId));
        const throttled = (JSON.parse(row.details) as { throttled?: boolean }).throttled === true;
        victimFlags.push(throttled);
        if (!throttled) checkedAt.push(ms - start);
        // The same stranger against an address with no account, for the first part of the day: answered alike.
        if (i < 200) {
          const g = await guess(ghost, `wrong password number ${i}`);
          answers.add(answer(g, ghost));
          ghostFlags.push((JSON.parse((await lastAudit()).details) as { throttled?: boolean }).throttled === true);
        }
        // Every simulated hour, and right after the tenth failure, the owner signs in from their browser.
        if (i === FREE_GUESSES || i % Math.floor(HOUR / spacing) === 0) {
          await ownerSignsIn();
          ownerSignIns++;
        }
        ms += spacing;
      }
      assert.ok(ownerSignIns >= 24, `the owner signed in ${ownerSignIns} times during the attack`);
      assert.equal(answers.size, 1, 'every failure, checked or refused, for a known or an unknown address, gets the same answer');
      assert.deepEqual(ghostFlags, victimFlags.slice(0, ghostFlags.length), 'known and unknown addresses are slowed down alike');

      // Slowed down: a few guesses checked at first, then at most four an hour; the rest refused unchecked.
      const refused = victimFlags.filter(Boolean).length;
      const checked = checkedAt.length;
      assert.equal(checked + refused, GUESSES);
      assert.ok(checked >= 5, `${checked} guesses were checked`);
      const bound = FREE_GUESSES + Math.ceil(DAY / HOUR) * GUESSES_PER_HOUR;
      assert.ok(checked <= bound, `${checked} of ${GUESSES} guesses checked in a day (at most ${bound})`);
      const secondHalf = checkedAt.filter((at) => at >= DAY / 2).length;
      assert.ok(secondHalf <= 12 * GUESSES_PER_HOUR + 1, `${secondHalf} guesses checked in the second half of the day`);
      console.log(`  ${dialect}: ${checked} of ${GUESSES} guesses checked, ${refused} refused unchecked; the owner signed in ${ownerSignIns} times`);

      // The owner is told, once in the day, and the mail names nothing of the attempts.
      const told = (await mailsTo(owner.email)).filter((m) => m.subject === 'Failed sign-ins to your account');
      assert.equal(told.length, 1, 'one notice mail in the day');
      assert.doesNotMatch(told[0]?.text ?? '', /wrong password|\d+\.\d+\.\d+\.\d+/, 'no guess and no address in the mail');
      const newBrowser = (await mailsTo(owner.email)).filter((m) => m.subject === 'New sign-in to your account');
      assert.equal(newBrowser.length, 1, 'only the first sign-in was from a new browser');

      // A refused attempt does not look at the password: right after a checked guess, the right
      // password from a browser the account does not know gets the same answer as a wrong one.
      ms += 60 * MIN;
      await guess(owner.email, 'one more wrong password');
      assert.equal((JSON.parse((await lastAudit()).details) as { throttled?: boolean }).throttled, false);
      const elsewhere = await formToken(t, '/admin/login');
      const right = await guess(owner.email, owner.password, elsewhere.cookie, elsewhere.csrf);
      assert.equal(answer(right, owner.email), [...answers][0], 'the right password from an unknown browser waits its turn too');
      assert.equal((JSON.parse((await lastAudit()).details) as { throttled?: boolean }).throttled, true);
      await ownerSignsIn(); // and the owner's own browser still gets in

      const notices = (await mailsTo(owner.email)).filter((m) => m.subject === 'Failed sign-ins to your account');
      assert.ok(notices.length <= 2, 'over 25 hours, at most one notice a day');
    });

    it("a participant's browser keeps signing in while a stranger guesses their sign-in name", async () => {
      const ed = await t.database.db.selectFrom('conference_editions').select('id').where('year', '=', 2019).executeTakeFirst();
      const editionId = ed?.id ?? (await t.database.db.selectFrom('conference_editions').select('id').executeTakeFirstOrThrow()).id;
      const p = await participant(t, editionId);
      const signInFrom = async (cookie: string, passphrase: string) => {
        const form = await formToken(t, '/portal/login', cookie);
        const res = await t.app.inject({
          method: 'POST',
          url: '/portal/login',
          headers: { cookie: form.cookie },
          payload: { sign_in: p.signIn, passphrase, _csrf: form.csrf },
        });
        return { res, cookie: mergeCookies(form.cookie, res) };
      };
      const first = await signInFrom('', p.passphrase);
      assert.equal(first.res.statusCode, 303);
      let browser = first.cookie;
      assert.ok(jarOf(browser)[names.device], 'signing in to the portal leaves a device cookie');

      const stranger = await formToken(t, '/portal/login');
      let refused = 0;
      for (let i = 0; i < 200; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/portal/login',
          headers: { cookie: stranger.cookie },
          payload: { sign_in: p.signIn, passphrase: `wrong passphrase ${i}`, _csrf: stranger.csrf },
        });
        assert.equal(res.statusCode, 401);
        if ((JSON.parse((await lastAudit()).details) as { throttled?: boolean }).throttled) refused++;
        if (i % 10 === 0) {
          const mine = await signInFrom(browser, p.passphrase);
          assert.equal(mine.res.statusCode, 303, `the participant's own browser after ${i} wrong guesses`);
          browser = mine.cookie;
        }
        ms += 90_000;
      }
      assert.ok(refused >= 150, `${refused} of 200 guesses refused unchecked`);
      const notices = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'portal.failures-notice').execute();
      assert.equal(notices.length, 1, 'the participant is told once');
    });
  });
}
