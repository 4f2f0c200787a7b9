/**
 * The Big List of Naughty Strings in the name field of the public registration form
 * (registration for public events): every string, sent as a browser would (url-encoded), never gets a 5xx; a valid
 * name is stored byte for byte (as the form reads it: trimmed, line ends made \n), shown
 * escaped on the private page behind the link in the mail, and neutralised in the CSV
 * export when a spreadsheet would run it as a formula; anything else gets the form back
 * with a 400 and nothing is stored. The same string goes into the organiser's (optional)
 * question too, so the answer cells of the CSV are checked the same way.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Principal } from '../../../src/core/accounts/accounts.schema.js';
import { LIMITS } from '../../../src/core/registrations/registrations.schema.js';
import { makeEvent, makeRegistrationSettings } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { cookieHeader, cookiesOf } from '../../support/auth.js';
import { testDialects } from '../../support/db.js';
import { blns, dangerousMarkup, pct } from '../../support/hostile.js';
import { decodeHtml, htmlTags } from './markup.js';

const SLUG = 'naughty-names';
const BATCH = 50;

/** The name as the form reads it (field() in form-input.ts): line ends made \n, trimmed. */
const normalised = (s: string) => s.replace(/\r\n?/g, '\n').trim();

/** Whether the form takes it as a name (FormErrors.text): not empty, no C0 control but tab and newline (nor DEL), at most 100 characters. */
const validName = (s: string) => {
  const v = normalised(s);
  return v !== '' && !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(v) && [...v].length <= LIMITS.name;
};

/**
 * RFC 4180 CSV: cells separated by commas, rows by CRLF, a quoted cell may hold commas,
 * line breaks and "" for a quote. Throws on anything else (text after a closing quote, an
 * unclosed quote, a row that does not end in CRLF).
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`CSV: ${msg} at ${i}: ${JSON.stringify(text.slice(i, i + 40))}`);
  };
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) fail('unclosed quote');
        cell += text.slice(i, q);
        i = q + 1;
        if (text[i] === '"') {
          cell += '"';
          i++;
        } else break;
      }
    } else {
      const end = text.slice(i).search(/[,\r\n"]/);
      const stop = end < 0 ? text.length : i + end;
      cell = text.slice(i, stop);
      i = stop;
      if (text[i] === '"') fail('quote inside an unquoted cell');
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      i += 2;
      rows.push(row);
      row = [];
    } else fail(i >= text.length ? 'last row without CRLF' : 'text after a cell');
  }
  if (row.length) fail('unterminated row');
  return rows;
}

for (const dialect of testDialects()) {
  describe(`blns in the registration name field (${dialect})`, () => {
    let t: TestApp;
    let eventId = 0;
    let questionId = 0;
    let admin: Principal;
    let form = { cookie: '', csrf: '' };
    const strings = blns();
    /** per blns index: the answer and what the test expects */
    const sent: { i: number; raw: string; email: string; valid: boolean; status: number; body: string }[] = [];
    const serverErrors: string[] = [];

    before(async () => {
      t = await testApp({
        dialect,
        seed: async (db) => {
          const e = await makeEvent(db, { slug: SLUG, texts: { en: { title: 'Naughty names seminar' } } });
          const { questionIds } = await makeRegistrationSettings(db, e.id, {
            capacity: null,
            questions: [{ label: 'Access needs', purpose: 'To plan the room' }],
          });
          eventId = e.id;
          questionId = questionIds[0] ?? 0;
        },
      });
      const { userId } = await t.services.accounts.createUser(null, { email: 'blns-admin@example.org', displayName: 'Admin', role: 'admin' });
      admin = { userId, sessionId: 0, role: 'admin', displayName: 'Admin', email: 'blns-admin@example.org', reauthAt: null };
      const res = await t.app.inject({ method: 'GET', url: `/events/${SLUG}/register` });
      assert.equal(res.statusCode, 200);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
      assert.ok(csrf);
      form = { csrf, cookie: cookieHeader(cookiesOf(res)) };
    });
    after(async () => t?.close());

    /** One registration as a browser sends it: url-encoded, every byte of the name percent-encoded. */
    const post = (email: string, name: string) =>
      t.app.inject({
        method: 'POST',
        url: `/events/${SLUG}/register`,
        headers: { cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: [
          ['_csrf', form.csrf],
          ['idem', crypto.randomBytes(16).toString('base64url')],
          ['email', email],
          ['name', name],
          [`q${questionId}`, name],
        ]
          .map(([k, v]) => `${k}=${pct(v ?? '')}`)
          .join('&'),
      });

    it(`sends all ${strings.length} blns strings as names, ${BATCH} at a time, with no 5xx`, async (ctx) => {
      for (let start = 0; start < strings.length; start += BATCH) {
        const batch = strings.slice(start, start + BATCH).map((raw, k) => ({ i: start + k, raw }));
        const answers = await Promise.all(
          batch.map(async ({ i, raw }) => {
            const email = `blns-${String(i).padStart(3, '0')}@example.org`;
            const res = await post(email, raw);
            if (res.statusCode >= 500) serverErrors.push(`${res.statusCode} for blns[${i}] ${JSON.stringify(raw.slice(0, 40))}`);
            return { i, raw, email, valid: validName(raw), status: res.statusCode, body: res.body };
          }),
        );
        sent.push(...answers);
      }
      const accepted = sent.filter((s) => s.status === 200).length;
      const line = `blns names: ${sent.length} strings tried, ${accepted} accepted, ${sent.filter((s) => s.status === 400).length} refused, ${serverErrors.length} 5xx [${dialect}]`;
      console.log(line);
      ctx.diagnostic(line);
      assert.deepEqual(serverErrors, []);
      assert.equal(sent.length, strings.length);
    });

    it('accepts exactly the valid names (200, a seat) and refuses the others with the form (400)', () => {
      const wrong = sent
        .filter((s) => s.status !== (s.valid ? 200 : 400))
        .map((s) => `blns[${s.i}] ${JSON.stringify(s.raw.slice(0, 60))}: expected ${s.valid ? 200 : 400}, got ${s.status}`);
      assert.deepEqual(wrong, []);
      for (const s of sent.filter((x) => x.valid)) assert.match(s.body, /<main[^>]*data-outcome="confirmed"/, `blns[${s.i}]`);
      for (const s of sent.filter((x) => !x.valid)) {
        const name = htmlTags(s.body).find((tag) => tag.name === 'input' && tag.attrs.name === 'name');
        assert.ok(name, `blns[${s.i}]: the form comes back`);
        assert.equal(name.attrs['aria-invalid'], 'true', `blns[${s.i}]: the name field is marked invalid`);
      }
      // Sanity: the list has both kinds, and the refusals are the empty, control-character and over-long ones.
      assert.ok(sent.filter((s) => s.valid).length > 400);
      assert.ok(sent.filter((s) => !s.valid).length > 0);
    });

    it('creates no markup from a name, on the answer page or the form that comes back', () => {
      const baselineOk = dangerousMarkup(sent.find((s) => s.status === 200 && s.raw === normalised(s.raw) && /^[a-z ]+$/i.test(s.raw))?.body ?? '');
      const baselineForm = dangerousMarkup(sent.find((s) => s.status === 400)?.body ?? '');
      const injected: string[] = [];
      for (const s of sent) {
        const baseline = s.status === 200 ? baselineOk : baselineForm;
        for (const [k, n] of dangerousMarkup(s.body)) if (n > (baseline.get(k) ?? 0)) injected.push(`blns[${s.i}] ${JSON.stringify(s.raw.slice(0, 40))}: ${k}`);
      }
      assert.deepEqual(injected, []);
    });

    it('stores every accepted name byte for byte and nothing for a refused one', async () => {
      const { registrants } = await t.services.registrationsAdmin.registrants(admin, eventId);
      const byEmail = new Map(registrants.map((r) => [r.email, r]));
      const accepted = sent.filter((s) => s.status === 200);
      assert.equal(registrants.length, accepted.length, 'one registration per accepted name');
      const changed: string[] = [];
      for (const s of accepted) {
        const r = byEmail.get(s.email);
        const want = normalised(s.raw);
        if (!r) changed.push(`blns[${s.i}]: no registration`);
        else {
          if (!Buffer.from(r.name, 'utf8').equals(Buffer.from(want, 'utf8')))
            changed.push(`blns[${s.i}]: sent ${JSON.stringify(want.slice(0, 40))}, stored ${JSON.stringify(r.name.slice(0, 40))}`);
          if (r.answers[questionId] !== want) changed.push(`blns[${s.i}]: answer stored as ${JSON.stringify(r.answers[questionId]?.slice(0, 40))}`);
        }
      }
      assert.deepEqual(changed, []);
      for (const s of sent.filter((x) => x.status !== 200)) assert.equal(byEmail.has(s.email), false, `blns[${s.i}] was refused but stored`);
    });

    it('shows each accepted name escaped and unchanged on the private page behind the link in the mail', async () => {
      const mails = await t.database.db.selectFrom('outbox').select('payload').where('dedupe_key', 'like', 'reg:%').execute();
      const tokenOf = new Map<string, string>();
      for (const m of mails) {
        const p = t.services.outbox.decode(m.payload) as { to: string; text: string };
        const token = /\/registration\/([A-Za-z0-9_-]+)/.exec(p.text)?.[1];
        if (token) tokenOf.set(p.to, token);
      }
      const accepted = sent.filter((s) => s.status === 200);
      const baselineToken = tokenOf.get(accepted.find((s) => /^[a-z ]+$/i.test(s.raw))?.email ?? '');
      assert.ok(baselineToken, 'a plain name to compare with');
      const baseline = dangerousMarkup((await t.app.inject({ method: 'GET', url: `/registration/${baselineToken}` })).body);
      const problems: string[] = [];
      for (let start = 0; start < accepted.length; start += BATCH) {
        await Promise.all(
          accepted.slice(start, start + BATCH).map(async (s) => {
            const token = tokenOf.get(s.email);
            if (!token) return void problems.push(`blns[${s.i}]: no link in a queued mail`);
            const res = await t.app.inject({ method: 'GET', url: `/registration/${token}` });
            if (res.statusCode !== 200) return void problems.push(`blns[${s.i}]: manage page answered ${res.statusCode}`);
            for (const [k, n] of dangerousMarkup(res.body)) if (n > (baseline.get(k) ?? 0)) problems.push(`blns[${s.i}]: injected ${k}`);
            const shown = /<dl class="facts">[\s\S]*?<dd>([\s\S]*?)<\/dd>/.exec(res.body)?.[1];
            if (shown === undefined) return void problems.push(`blns[${s.i}]: no name on the page`);
            // `>` alone opens nothing in text (@kitajs/html leaves it); `<` must be escaped, and `&` (the decoding below shows it).
            if (shown.includes('<')) problems.push(`blns[${s.i}]: < unescaped in the name`);
            if (decodeHtml(shown) !== normalised(s.raw))
              problems.push(`blns[${s.i}]: shown ${JSON.stringify(decodeHtml(shown).slice(0, 40))} for ${JSON.stringify(normalised(s.raw).slice(0, 40))}`);
          }),
        );
      }
      assert.deepEqual(problems, []);
    });

    it('neutralises every name a spreadsheet would run as a formula in the CSV export, and keeps the others as they are', async () => {
      const { csv, rows } = await t.services.registrationsAdmin.exportCsv({ ...admin, reauthAt: new Date().toISOString() }, eventId);
      const parsed = parseCsv(csv);
      const [header, ...body] = parsed;
      assert.deepEqual(header, ['status', 'name', 'email', 'registered_at', 'Access needs']);
      assert.equal(body.length, rows);
      assert.equal(body.length, sent.filter((s) => s.status === 200).length);
      const dangerous = parsed.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));
      assert.deepEqual(dangerous, [], 'no cell starts with = + - @, tab or carriage return');
      const byEmail = new Map(sent.map((s) => [s.email, s]));
      const wrong: string[] = [];
      let neutralised = 0;
      for (const row of body) {
        const [, name, email, , answer] = row;
        const s = byEmail.get(email ?? '');
        if (!s || name === undefined || row.length !== 5) {
          wrong.push(`unknown row ${JSON.stringify(row).slice(0, 80)}`);
          continue;
        }
        const original = normalised(s.raw);
        const needs = /^[=+\-@\t\r]/.test(original);
        if (needs) neutralised++;
        const want = needs ? `'${original}` : original;
        if (name !== want) wrong.push(`blns[${s.i}]: CSV has ${JSON.stringify(name.slice(0, 40))}, expected ${JSON.stringify(want.slice(0, 40))}`);
        if (answer !== want) wrong.push(`blns[${s.i}]: CSV answer ${JSON.stringify(answer?.slice(0, 40))}, expected ${JSON.stringify(want.slice(0, 40))}`);
      }
      assert.deepEqual(wrong, []);
      assert.ok(neutralised >= 10, `names that needed neutralising: ${neutralised}`);
      console.log(`blns names in CSV: ${body.length} rows, ${neutralised} names neutralised [${dialect}]`);
    });
  });
}

describe('the CSV reader of this test', () => {
  it('reads quoted cells with commas, quotes and line breaks, and refuses broken CSV', () => {
    assert.deepEqual(parseCsv('"a","b ""c""","d,\r\ne"\r\nx,,"y"\r\n'), [
      ['a', 'b "c"', 'd,\r\ne'],
      ['x', '', 'y'],
    ]);
    assert.throws(() => parseCsv('"a"b\r\n'), /text after a cell/);
    assert.throws(() => parseCsv('"a\r\n'), /unclosed quote/);
    assert.throws(() => parseCsv('a,b'), /without CRLF/);
  });
});
