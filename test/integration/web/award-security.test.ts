import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeAwardRecipient, makeAwardReport, makeImage } from '../../../src/db/factories.js';
import { roles } from '../../../src/security/permissions.js';
import { checkAccessMatrix, type MatrixSubject } from '../../support/access-matrix.js';
import { testApp, type TestApp } from '../../support/app.js';
import { formToken, signedInStaff } from '../../support/auth.js';
import { testDialects } from '../../support/db.js';
import { blns, HOSTILE_PAYLOADS, isRoundTrippable, runHostileInput } from '../../support/hostile.js';

/**
 * The award's routes under the two security runs of docs/requirements.md, with a real recipient
 * for their `:year` (the application-wide runs have none): the access matrix (every
 * route × anonymous and every role, an existing and a missing year) and hostile input
 * into every field of the award's forms, the edit, photo and report forms included.
 */

const isAwardRoute = (url: string) => /^(\/sv)?\/award(\/|$)|^\/admin\/award(\/|$)/.test(url);

/** A fixed sample of blns: valid Unicode first, so round-trips are checked. */
function sample(n: number): string[] {
  const all = blns();
  const valid = all.filter(isRoundTrippable).filter((_, i) => i % 17 === 0);
  return [...valid.slice(0, Math.ceil(n / 2)), ...all.filter((x) => !isRoundTrippable(x)).slice(0, Math.floor(n / 2))];
}

for (const dialect of testDialects()) {
  describe(`award routes under the security runs (${dialect})`, () => {
    let t: TestApp;
    let reportKey = '';

    before(async () => {
      t = await testApp({
        dialect,
        seed: async (db, mediaRoot) => {
          const photo = await makeImage(db, mediaRoot);
          const report = await makeAwardReport(db, mediaRoot, 'Report');
          reportKey = report.key;
          await makeAwardRecipient(db, {
            year: 2014,
            name: 'Ales Bialiatski',
            photoId: photo.id,
            photoCredit: 'Credit',
            reportId: report.id,
            texts: { en: { motivation: 'Motivation', photoAlt: 'Alt' }, sv: { motivation: 'Motivering', photoAlt: 'Alt sv' } },
          });
          await makeAwardRecipient(db, { year: 2016, status: 'draft' });
        },
      });
    });
    after(async () => t?.close());

    it('access matrix: every award route answers every subject as its permission says, on a real and a missing year', async (ctx) => {
      const routes = t.routes.filter((r) => isAwardRoute(r.url));
      assert.ok(routes.length >= 15, `${routes.length} award routes`);
      const login = await formToken(t, '/admin/login');
      const anonymous: MatrixSubject = { name: 'anonymous', role: undefined, cookie: login.cookie, csrf: login.csrf };
      const staff: MatrixSubject[] = [];
      for (const role of roles) {
        const s = await signedInStaff(t, role);
        const form = await formToken(t, '/admin', s.cookie);
        staff.push({ name: role, role, cookie: form.cookie, csrf: form.csrf });
      }
      const deniedCount = async () =>
        Number(
          (
            await t.database.db
              .selectFrom('audit_log')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('action', '=', 'access.denied')
              .executeTakeFirstOrThrow()
          ).n,
        );
      // `:year` follows "award"; `:key` follows "media", and `:file` follows a parameter (segment '').
      const objects = { award: { existing: '2016' }, media: { existing: reportKey }, '': { existing: 'file' } };
      const result = await checkAccessMatrix({ app: t.app, routes, anonymous, staff, objects, deniedCount });
      ctx.diagnostic(result.summary);
      console.log(`award ${result.summary} [${dialect}]`);
      assert.deepEqual(result.absent, []);
      assert.deepEqual(result.failures, []);
      assert.ok(result.variants.existing >= 20, 'requests on the real recipient');
    });

    it('hostile input: no 5xx, no injected markup, Unicode saved as sent, in every award form', async (ctx) => {
      const admin = await signedInStaff(t, 'admin');
      const adminCookie = (await formToken(t, '/admin', admin.cookie)).cookie;
      const anonCookie = (await formToken(t, '/admin/login')).cookie;
      const result = await runHostileInput({
        app: t.app,
        routes: t.routes.filter((r) => isAwardRoute(r.url)),
        cookieFor: async (route) => (route.permission === 'public' ? anonCookie : adminCookie),
        paramValue: (segment) => (segment === 'award' ? '2014' : undefined),
        payloads: HOSTILE_PAYLOADS,
        sample: sample(16),
        skipForm: (f) => /\/remove$|\/unpublish$/.test(f.action),
        roundTripField: (_f, name) => /name|alt|credit|organisation|motivation|ceremony|title/.test(name),
        extraQueryNames: ['lang', 'done'],
      });
      ctx.diagnostic(result.summary);
      console.log(`award ${result.summary} [${dialect}]`);
      const show = (l: string[]) => l.slice(0, 20).join('\n');
      assert.deepEqual(result.serverErrors, [], show(result.serverErrors));
      assert.deepEqual(result.reflected, [], show(result.reflected));
      assert.deepEqual(result.templates, [], show(result.templates));
      assert.deepEqual(result.roundTripFailures, [], show(result.roundTripFailures));
      assert.ok(result.forms >= 5, `forms: ${result.forms}`);
      assert.ok(result.roundTrips >= 40, `round-trips: ${result.roundTrips}`);
    });
  });
}
