/**
 * What keeps invitations and open calls from being misused, through the services on both
 * dialects: receipts for applications are limited per address and per call (the application
 * is stored all the same); an invitation may need a second secret, and wrong codes freeze it;
 * the accept form never tells whether a sign-in name exists.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Principal } from '../../../src/core/accounts/accounts.schema.js';
import { INVITATION_CODE_TRIES, RECEIPTS_PER_CALL_HOUR } from '../../../src/core/participation/participation.schema.js';
import type { Clock } from '../../../src/core/shared/clock.js';
import { DomainError } from '../../../src/core/shared/errors.js';
import { makeEdition } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { testDialects } from '../../support/db.js';
import { participant, staffPrincipal, tokenOfLink } from '../../support/participation.js';

function shiftableClock(): Clock & { offset(ms: number): void } {
  let shift = 0;
  return { now: () => new Date(Date.now() + shift), offset: (ms) => void (shift = ms) };
}

function domainError(code: DomainError['code'], fields?: Record<string, string>) {
  return (e: unknown) => {
    assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    if (fields) for (const [k, v] of Object.entries(fields)) assert.equal(e.fields[k], v, `field ${k}`);
    return true;
  };
}

const PASS = 'a fine long passphrase 42';
const acceptForm = (extra: Record<string, string> = {}) => ({
  sign_in: `guest-${crypto.randomBytes(3).toString('hex')}`,
  display_name: 'Guest',
  passphrase: PASS,
  passphrase_again: PASS,
  ...extra,
});

for (const dialect of testDialects()) {
  void describe(`invitations and calls hardened (${dialect})`, () => {
    let t: TestApp;
    const clock = shiftableClock();
    let admin: Principal;

    before(async () => {
      t = await testApp({ dialect, clock });
      await t.services.worker.stop();
      admin = await staffPrincipal(t);
    });
    after(async () => t?.close());

    const receipts = async (callId: number) => {
      const rows = await t.database.db
        .selectFrom('outbox')
        .select(['dedupe_key', 'payload'])
        .where('dedupe_key', 'like', `part:%:application:%:received`)
        .execute();
      const mine = await t.database.db.selectFrom('participation_applications').select('id').where('call_id', '=', callId).execute();
      const ids = new Set(mine.map((r) => r.id));
      return rows
        .filter((r) => ids.has(Number(/application:(\d+):received$/.exec(r.dedupe_key ?? '')?.[1])))
        .map((r) => (t.services.outbox.decode(r.payload) as { to: string }).to);
    };
    const openCall = async (editionId: number) =>
      t.services.calls.saveCall(admin, editionId, null, { role: 'defender', status: 'open', deadline: '2099-12-31', title_en: 'Call' });
    const apply = (callId: number, email: string, n: number) =>
      t.services.calls.apply(
        callId,
        { name: `Applicant ${n}`, email, motivation: `Motivation ${n}`, idempotency_key: crypto.randomBytes(18).toString('base64url') },
        'en',
      );

    void it('mails one receipt for six applications from one address within the hour, and stores all six', async () => {
      const edition = await makeEdition(t.database.db, { year: 2061 });
      const callId = await openCall(edition.id);
      for (let n = 1; n <= 6; n++) await apply(callId, n % 2 ? 'Target@Example.org' : ' target@example.org ', n);
      assert.deepEqual(await receipts(callId), ['Target@Example.org'], 'one receipt, whatever the case and spaces');
      const stored = await t.database.db.selectFrom('participation_applications').selectAll().where('call_id', '=', callId).execute();
      assert.equal(stored.length, 6, 'every application is kept');
      assert.equal(new Set(stored.map((r) => r.email_hash)).size, 1, 'one key for the address');
      assert.doesNotMatch(JSON.stringify(stored), /target@example/i, 'the key is not the address');
      const audited = await t.database.db.selectFrom('audit_log').select('details').where('action', '=', 'application.submitted').execute();
      assert.equal(audited.filter((a) => (a.details ?? '').includes('"limited"')).length, 5);

      // Another call of the same edition counts apart; so does the next hour.
      const other = await openCall(edition.id);
      await apply(other, 'target@example.org', 7);
      assert.equal((await receipts(other)).length, 1);
      clock.offset(3_600_000 + 1000);
      try {
        await apply(callId, 'target@example.org', 8);
      } finally {
        clock.offset(0);
      }
      assert.equal((await receipts(callId)).length, 2, 'an hour later the address gets a receipt again');
    });

    void it(`mails at most ${RECEIPTS_PER_CALL_HOUR} receipts an hour for one call, whatever the addresses`, async () => {
      const edition = await makeEdition(t.database.db, { year: 2062 });
      const callId = await openCall(edition.id);
      const n = RECEIPTS_PER_CALL_HOUR + 5;
      for (let i = 1; i <= n; i++) await apply(callId, `someone-${i}@example.org`, i);
      assert.equal((await receipts(callId)).length, RECEIPTS_PER_CALL_HOUR);
      assert.equal((await t.database.db.selectFrom('participation_applications').select('id').where('call_id', '=', callId).execute()).length, n);
    });

    void it('needs the second secret for an invitation that asks for it: a forwarded link alone does nothing', async () => {
      const edition = await makeEdition(t.database.db, { year: 2063 });
      const made = await t.services.invitations.create(admin, edition.id, { role: 'defender', label: 'Coded', days: '10', locale: 'en', require_code: '1' });
      assert.ok(made.link && made.code);
      assert.match(made.code, /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
      const token = tokenOfLink(made.link);
      assert.equal((await t.services.invitations.offer(token)).needsCode, true);
      const row = await t.database.db.selectFrom('participation_invitations').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
      assert.ok(row.code_hash);
      assert.ok(!JSON.stringify(row).includes(made.code.replace('-', '')), 'the code is stored only as a keyed hash');

      await assert.rejects(t.services.invitations.accept(token, acceptForm(), 'en'), domainError('invalid', { code: 'participation.code-missing' }));
      await assert.rejects(
        t.services.invitations.accept(token, acceptForm({ code: 'ABCD-EFGH' }), 'en'),
        domainError('invalid', { code: 'participation.code-wrong' }),
      );
      assert.equal((await t.database.db.selectFrom('participants').select('id').where('edition_id', '=', edition.id).execute()).length, 0);

      // Typed in lower case, without the dash: accepted.
      const ok = await t.services.invitations.accept(token, acceptForm({ code: ` ${made.code.replace('-', '').toLowerCase()} ` }), 'en');
      assert.ok(await t.services.portal.authenticate(ok.sessionToken));
      const listed = (await t.services.invitations.list(admin, edition.id)).find((i) => i.id === made.id);
      assert.equal(listed?.status, 'accepted');
      assert.equal(listed?.withCode, true);
    });

    void it(`freezes an invitation after ${INVITATION_CODE_TRIES} wrong codes, also when they come at once; then even the right code gets the neutral answer`, async () => {
      const edition = await makeEdition(t.database.db, { year: 2064 });
      const made = await t.services.invitations.create(admin, edition.id, { role: 'trainer', label: 'Guessed', days: '10', locale: 'en', require_code: '1' });
      const token = tokenOfLink(made.link ?? '');
      const unusable = domainError('not-found', { form: 'participation.link-unusable' });
      const guesses = Array.from({ length: 40 }, (_, i) => `WRNG${String(i).padStart(4, '2').replace(/[01]/g, '3')}`);
      const results = await Promise.allSettled(guesses.map((code) => t.services.invitations.accept(token, acceptForm({ code }), 'en')));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 0);
      const row = await t.database.db.selectFrom('participation_invitations').selectAll().where('id', '=', made.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'frozen');
      assert.equal(row.code_failures, INVITATION_CODE_TRIES, 'no wrong code counts after the freeze');
      await assert.rejects(t.services.invitations.accept(token, acceptForm({ code: made.code ?? '' }), 'en'), unusable);
      await assert.rejects(t.services.invitations.offer(token), unusable);
      assert.equal((await t.services.invitations.list(admin, edition.id)).find((i) => i.id === made.id)?.status, 'frozen', 'staff see it');
      const audits = await t.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('object_type', '=', 'invitation')
        .where('object_id', '=', String(made.id))
        .execute();
      assert.equal(audits.filter((a) => a.action === 'invitation.code-failed').length, INVITATION_CODE_TRIES);
      assert.equal(audits.filter((a) => a.action === 'invitation.frozen').length, 1);
      assert.ok(!JSON.stringify(audits).includes('WRNG'), 'no code in the audit trail');
      // An invitation without a code is not affected by a code field.
      const plain = await t.services.invitations.create(admin, edition.id, { role: 'trainer', label: 'Plain', days: '10', locale: 'en' });
      assert.equal(plain.code, null);
      assert.ok((await t.services.invitations.accept(tokenOfLink(plain.link ?? ''), acceptForm({ code: 'anything' }), 'en')).sessionToken);
    });

    void it('answers alike whether the sign-in name typed exists or not: the name is always the word and a random suffix', async () => {
      const edition = await makeEdition(t.database.db, { year: 2065 });
      const existing = await participant(t, edition.id, { principal: admin });
      const shape = async (word: string) => {
        const made = await t.services.invitations.create(admin, edition.id, { role: 'defender', label: 'Probe', days: '10', locale: 'en' });
        const r = await t.services.invitations.accept(tokenOfLink(made.link ?? ''), acceptForm({ sign_in: word }), 'en');
        assert.ok(r.signIn.startsWith(`${word.trim()}-`));
        return {
          signIn: r.signIn,
          suffix: r.signIn.slice(word.trim().length).replace(/[2-9a-z]/g, 'x'),
          session: !!(await t.services.portal.authenticate(r.sessionToken)),
        };
      };
      const taken = await shape(` ${existing.signIn.toUpperCase()} `);
      const free = await shape('a-word-nobody-has');
      assert.deepEqual({ suffix: taken.suffix, session: taken.session }, { suffix: free.suffix, session: free.session });
      assert.deepEqual({ suffix: taken.suffix, session: taken.session }, { suffix: '-xxxx', session: true });
      assert.notEqual(taken.signIn.toLowerCase(), existing.signIn.toLowerCase(), 'nobody got the existing name');
      // The existing participant and the new one each sign in with their own name.
      assert.ok((await t.services.portal.login(existing.signIn, existing.passphrase)).token);
      assert.ok((await t.services.portal.login(taken.signIn, PASS)).token);
    });
  });
}
