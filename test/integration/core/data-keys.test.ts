/**
 * Data keys in the database (security requirement R12, docs/requirements.md), on both dialects:
 * one wrapped key per scope, shared by every process; rotation of the master key rewraps every
 * live data key and everything still reads under the new key alone; a destroyed key makes its
 * data unreadable. And the system box (TOTP seeds, registrants, queued mail) across restarts
 * and a rotation, checked through the services.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { generate } from 'otplib';
import { loadConfig } from '../../../src/config.js';
import { AccountsRepository } from '../../../src/core/accounts/accounts.repository.js';
import type { Principal } from '../../../src/core/accounts/accounts.schema.js';
import { totpContext } from '../../../src/core/accounts/auth.service.js';
import { OutboxRepository } from '../../../src/core/outbox/outbox.repository.js';
import { ctx } from '../../../src/core/participation/participation.context.js';
import { editionScope } from '../../../src/core/participation/participation.schema.js';
import type { Clock } from '../../../src/core/shared/clock.js';
import { openDatabase, type Db, type DbHandle } from '../../../src/db/database.js';
import { makeEdition, makeEvent, makeRegistrationSettings } from '../../../src/db/factories.js';
import { DataKeyGone, DataKeys, rewrapAll } from '../../../src/security/data-keys.js';
import { MasterKeyring, parseKeyring } from '../../../src/security/keyring.js';
import { SecretBox } from '../../../src/security/secret-box.js';
import { buildApp, type App } from '../../../src/server.js';
import { TEST_MASTER_KEY, testApp } from '../../support/app.js';
import { freshDatabase, testDialects, type TestDatabase } from '../../support/db.js';
import { participant, staffPrincipal, type TestParticipant } from '../../support/participation.js';

const b64 = (b: Buffer) => b.toString('base64');
const ringOf = (...keys: [number, Buffer][]) => new MasterKeyring(keys.map(([id, key]) => ({ id, key })));

async function keyRows(db: Db) {
  return db.selectFrom('data_keys').selectAll().orderBy('id').execute();
}

/** Every text form a raw key could be stored in. */
const rawForms = (key: Buffer) => [key.toString('base64'), key.toString('base64url'), key.toString('hex'), key.toString('base64').slice(0, 20)];

async function assertRawKeyAbsent(db: Db, key: Buffer, why: string) {
  const rows = await keyRows(db);
  const text = JSON.stringify(rows);
  for (const form of rawForms(key)) assert.ok(!text.includes(form), `${why}: raw key (${form.slice(0, 6)}…) in data_keys`);
}

/** A second "process" on the same database: its own connection, its own services, this MASTER_KEY. */
async function appOn(database: TestDatabase, masterKey: string, clock?: Clock): Promise<{ app: App; handle: DbHandle; close(): Promise<void> }> {
  const env: NodeJS.ProcessEnv = { DATA_DIR: database.dataDir, PUBLIC_URL: 'http://events.test', MASTER_KEY: masterKey };
  const handle = openDatabase({ databaseUrl: database.url, dataDir: database.dataDir });
  try {
    const app = await buildApp({ config: loadConfig(env), database: handle, logger: false, env, ...(clock ? { clock } : {}) });
    return {
      app,
      handle,
      async close() {
        await app.app.close();
        await handle.close();
      },
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

const profileForm = (m: string) => ({
  display_name: `Pseudonym ${m}`,
  photo_consent: 'never',
  travel_support: '1',
  visa_letter: '1',
  join_community: '1',
  given_names: `Given ${m}`,
  family_names: `Family ${m}`,
  nationality: 'SE',
  passport_number: `P${m}`.slice(0, 40),
  date_of_birth: '1980-01-02',
  email: `mail-${m}@example.org`.toLowerCase(),
  emergency: `Emergency ${m}`,
  travel_from: `City ${m}`,
  arrival: '2031-04-08',
  departure: '2031-04-13',
  visa_notes: `Embassy ${m}`,
  accommodation: `Room ${m}`,
  access: `Access ${m}`,
  dietary: `Diet ${m}`,
  interpretation: `Interpretation ${m}`,
});

for (const dialect of testDialects()) {
  describe(`data keys in the database (${dialect})`, () => {
    let database: TestDatabase;
    const m1 = crypto.randomBytes(32);
    const m2 = crypto.randomBytes(32);
    const ring1 = ringOf([1, m1]);

    before(async () => {
      database = await freshDatabase(dialect);
    });
    after(async () => {
      await database.drop();
    });

    it('load creates one wrapped row per scope, even when asked for at the same moment, and never stores the raw key', async () => {
      const a = new DataKeys(database.db, ring1);
      const b = new DataKeys(database.db, ring1); // another process: its own cache
      const loads = await Promise.all([
        ...Array.from({ length: 5 }, () => a.load('test:one')),
        ...Array.from({ length: 5 }, () => b.load('test:one')),
        a.load('test:two'),
        b.load('test:two'),
      ]);
      const rows = await keyRows(database.db);
      assert.deepEqual(rows.map((r) => r.scope).sort(), ['test:one', 'test:two'], 'one row per scope');
      const one = loads[0].exportKey();
      for (const k of loads.slice(0, 10)) assert.ok(k.exportKey().equals(one), 'every load of a scope gives the same key');
      assert.ok(!loads[10]!.exportKey().equals(one), 'scopes have different keys');
      assert.ok(loads[10]!.exportKey().equals(loads[11]!.exportKey()));
      for (const r of rows) {
        assert.equal(r.master_key_id, 1);
        assert.match(r.wrapped ?? '', /^w1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{64}$/);
        assert.equal(r.destroyed_at, null);
        assert.ok(r.created_at);
      }
      await assertRawKeyAbsent(database.db, one, 'test:one');
      await assertRawKeyAbsent(database.db, loads[10]!.exportKey(), 'test:two');
      // the field key's id is the row's id, and ciphertexts name it
      const row = rows.find((r) => r.scope === 'test:one')!;
      assert.equal(loads[0].id, row.id);
      assert.match(loads[0].seal('x', 'c'), new RegExp(`^f1\\.${row.id}\\.`));
    });

    it('a second DataKeys on the same database (another connection) reads the same key and opens what the first sealed', async () => {
      const first = await new DataKeys(database.db, ring1).load('test:shared');
      const sealed = first.seal('shared secret marker', 'row:1:field');
      const other = openDatabase({ databaseUrl: database.url, dataDir: database.dataDir });
      try {
        const second = await new DataKeys(other.db, ring1).load('test:shared');
        assert.equal(second.id, first.id);
        assert.ok(second.exportKey().equals(first.exportKey()));
        assert.equal(second.open(sealed, 'row:1:field'), 'shared secret marker');
        // a keyring with a different key 1 cannot use the row
        await assert.rejects(new DataKeys(other.db, ringOf([1, crypto.randomBytes(32)])).load('test:shared'));
      } finally {
        await other.close();
      }
      assert.equal((await keyRows(database.db)).filter((r) => r.scope === 'test:shared').length, 1);
    });

    it('destroy in a transaction that rolls back changes nothing; destroy + forget makes the scope unreadable for good', async () => {
      const keys = new DataKeys(database.db, ring1);
      const key = await keys.load('test:doomed');
      const kept = key.seal('kept aside marker', 'row:9:notes');

      await assert.rejects(
        database.db.transaction().execute(async (tx) => {
          assert.equal(await keys.destroy(tx, 'test:doomed'), true);
          throw new Error('roll back');
        }),
        /roll back/,
      );
      const still = await new DataKeys(database.db, ring1).load('test:doomed');
      assert.equal(still.open(kept, 'row:9:notes'), 'kept aside marker', 'a rolled-back destroy leaves the key');

      assert.equal(await database.db.transaction().execute((tx) => keys.destroy(tx, 'test:doomed')), true);
      keys.forget('test:doomed');
      const row = (await keyRows(database.db)).find((r) => r.scope === 'test:doomed')!;
      assert.equal(row.wrapped, null);
      assert.ok(row.destroyed_at);
      await assert.rejects(keys.load('test:doomed'), (e: unknown) => e instanceof DataKeyGone && e.scope === 'test:doomed');
      await assert.rejects(new DataKeys(database.db, ring1).load('test:doomed'), DataKeyGone);
      assert.equal(await new DataKeys(database.db, ring1).existing('test:doomed'), undefined);
      assert.equal(await database.db.transaction().execute((tx) => keys.destroy(tx, 'test:doomed')), false, 'destroying twice reports nothing destroyed');
      // The ciphertext kept aside names a key that no longer exists anywhere.
      assert.equal((await keyRows(database.db)).filter((r) => r.scope === 'test:doomed').length, 1, 'the row stays (so the key is never made again)');
      await assert.rejects(new DataKeys(database.db, ring1).load('test:doomed'), DataKeyGone, 'load does not make a new key for a destroyed scope');
    });

    it('rewrapAll rewraps every live key in one transaction, leaves destroyed ones, and everything reads under the new key alone', async () => {
      const keys = new DataKeys(database.db, ring1);
      const sealed: { scope: string; ciphertext: string; plain: string }[] = [];
      for (const scope of ['rot:a', 'rot:b', 'rot:c', 'system-like']) {
        const k = await keys.load(scope);
        for (let i = 0; i < 3; i++) sealed.push({ scope, plain: `${scope} value ${i}`, ciphertext: k.seal(`${scope} value ${i}`, `${scope}:${i}`) });
      }
      const before = await keyRows(database.db);
      const live = before.filter((r) => r.wrapped !== null);
      const dead = before.filter((r) => r.wrapped === null);
      assert.ok(live.length >= 7 && dead.length === 1, `live ${live.length}, destroyed ${dead.length}`);

      // A row no keyring can unwrap: the whole rotation refuses, and nothing changes.
      await database.db
        .insertInto('data_keys')
        .values({ scope: 'rot:alien', master_key_id: 9, wrapped: 'w1.AAAAAAAAAAAAAAAA.AAAA', created_at: new Date().toISOString() })
        .execute();
      await assert.rejects(rewrapAll(database.db, ring1, ringOf([2, m2]), new Date().toISOString()), /not in the keyring/);
      assert.deepEqual(
        (await keyRows(database.db)).filter((r) => r.scope !== 'rot:alien'),
        before,
        'a failed rotation changes no row',
      );
      await database.db.deleteFrom('data_keys').where('scope', '=', 'rot:alien').execute();

      const ring2 = ringOf([2, m2]);
      const at = '2031-01-02T03:04:05.000Z';
      const result = await rewrapAll(database.db, ring1, ring2, at);
      assert.deepEqual(result, { rewrapped: live.length, destroyed: dead.length });
      const afterRows = await keyRows(database.db);
      for (const r of live) {
        const now = afterRows.find((x) => x.id === r.id)!;
        assert.equal(now.scope, r.scope);
        assert.equal(now.master_key_id, 2, `${r.scope} is wrapped under master key 2`);
        assert.notEqual(now.wrapped, r.wrapped, `${r.scope}: wrapped changed`);
        assert.equal(now.rewrapped_at, at);
        assert.equal(now.created_at, r.created_at);
      }
      for (const r of dead)
        assert.deepEqual(
          afterRows.find((x) => x.id === r.id),
          r,
          'a destroyed key is left as it was',
        );

      // Everything reads with a fresh DataKeys on the new ring only.
      const fresh = new DataKeys(database.db, ring2);
      for (const s of sealed) assert.equal((await fresh.load(s.scope)).open(s.ciphertext, `${s.scope}:${s.plain.slice(-1)}`), s.plain);
      for (const r of live) {
        const k = await fresh.load(r.scope);
        assert.equal(k.id, r.id, 'the data key itself (and so its id) did not change');
        await assertRawKeyAbsent(database.db, k.exportKey(), r.scope);
      }
      await assert.rejects(fresh.load('test:doomed'), DataKeyGone);

      // The old master key alone no longer opens anything, nor does key 1 relabelled as 2.
      for (const r of live) {
        await assert.rejects(new DataKeys(database.db, ring1).load(r.scope), /master key 2 is not in the keyring/, r.scope);
        await assert.rejects(new DataKeys(database.db, ringOf([2, m1])).load(r.scope), Error, `${r.scope}: old bytes as key 2`);
      }
      // A keyring holding both still works (the moment during keys:rotate).
      const both = new DataKeys(database.db, ringOf([1, m1], [2, m2]));
      for (const s of sealed.slice(0, 3)) assert.equal((await both.load(s.scope)).open(s.ciphertext, `${s.scope}:${s.plain.slice(-1)}`), s.plain);
    });
  });

  describe(`the system box and rotation through the services (${dialect})`, () => {
    it('a fresh app has a system data key; its box opens what it sealed after a restart with the same MASTER_KEY', async () => {
      const t = await testApp({ dialect });
      try {
        const rows = await keyRows(t.database.db);
        const system = rows.filter((r) => r.scope === 'system');
        assert.equal(system.length, 1);
        assert.equal(system[0]!.master_key_id, 1);
        assert.match(system[0]!.wrapped ?? '', /^w1\./);
        const key = await t.services.dataKeys.load('system');
        await assertRawKeyAbsent(t.database.db, key.exportKey(), 'system');
        assert.ok(!key.exportKey().equals(Buffer.from(TEST_MASTER_KEY, 'base64')), 'a new installation gets a random system key, not the master key');

        const sealed = t.services.box.seal('a seed marker', 'totp:42');
        const mac = t.services.box.mac('throttle-key');
        const second = await appOn(t.database, TEST_MASTER_KEY);
        try {
          assert.equal(second.app.services.box.open(sealed, 'totp:42'), 'a seed marker');
          assert.equal(second.app.services.box.mac('throttle-key'), mac, 'keyed hashes (sign-in names, throttles) are stable across restarts');
          assert.equal((await keyRows(t.database.db)).filter((r) => r.scope === 'system').length, 1, 'a restart makes no second key');
        } finally {
          await second.close();
        }
        // Another master key cannot even start on this database.
        await assert.rejects(appOn(t.database, b64(crypto.randomBytes(32))));
      } finally {
        await t.close();
      }
    });

    it('an installation with mail sealed under the master key itself (before data keys) adopts that key as its system key', async () => {
      const database = await freshDatabase(dialect);
      const master = crypto.randomBytes(32);
      try {
        const legacy = new OutboxRepository(database.db, new SecretBox(master));
        await legacy.enqueue(
          database.db,
          new Date().toISOString(),
          'mail',
          { to: 'legacy@example.org', subject: 'Old', text: 'queued before data keys' },
          'legacy:1',
        );
        const app = await appOn(database, b64(master));
        try {
          const row = await database.db.selectFrom('outbox').select('payload').where('dedupe_key', '=', 'legacy:1').executeTakeFirstOrThrow();
          assert.deepEqual(app.app.services.outbox.decode(row.payload), { to: 'legacy@example.org', subject: 'Old', text: 'queued before data keys' });
          assert.ok((await app.app.services.dataKeys.load('system')).exportKey().equals(master));
          const system = (await keyRows(database.db)).find((r) => r.scope === 'system')!;
          assert.notEqual(system.wrapped, null);
          await assertRawKeyAbsent(database.db, master, 'adopted system key');
        } finally {
          await app.close();
        }
      } finally {
        await database.drop();
      }
    });

    it('after a rotation (1:old 2:new, rewrapAll, then 2:new alone) every sealed thing still opens through the services', async () => {
      const started = Date.now();
      const oldKey = crypto.randomBytes(32);
      const newKey = crypto.randomBytes(32);
      const m = `MRK${dialect === 'sqlite' ? 'S' : 'P'}${crypto.randomBytes(4).toString('hex')}`;
      const t = await testApp({ dialect, env: { MASTER_KEY: b64(oldKey) } });
      const apps: { close(): Promise<void> }[] = [];
      try {
        const db = t.database.db;
        const admin: Principal = await staffPrincipal(t);
        const e1 = await makeEdition(db, { year: 2041 });
        const e2 = await makeEdition(db, { year: 2042 });
        const e3 = await makeEdition(db, { year: 2043 });

        // Participants in two editions, with everything filled in, and staff notes.
        const people: { p: TestParticipant; marker: string }[] = [];
        for (const [i, e] of [e1, e1, e2].entries()) {
          const p = await participant(t, e.id, { principal: admin });
          const marker = `${m}p${i}`;
          await t.services.portal.saveProfile(p.portal, profileForm(marker));
          await t.services.logistics.saveNotes(admin, e.id, p.participantId, { notes: `Notes ${marker}` });
          people.push({ p, marker });
        }
        // An invitation mailed (outbox, label and address sealed), a call with an application and a review.
        const mailed = await t.services.invitations.create(admin, e2.id, {
          role: 'trainer',
          label: `Label ${m}`,
          email: `invitee-${m}@example.org`.toLowerCase(),
          days: '30',
          locale: 'en',
        });
        const callId = await t.services.calls.saveCall(admin, e1.id, null, { role: 'defender', status: 'open', deadline: '2099-12-31', title_en: 'A call' });
        await t.services.calls.apply(
          callId,
          {
            name: `Applicant ${m}`,
            email: `applicant-${m}@example.org`.toLowerCase(),
            country: 'SE',
            organisation: `Org ${m}`,
            motivation: `Motivation ${m}`,
            idempotency_key: crypto.randomBytes(16).toString('base64url'),
          },
          'en',
        );
        const appId = (await db.selectFrom('participation_applications').select('id').where('call_id', '=', callId).executeTakeFirstOrThrow()).id;
        await t.services.calls.review(admin, e1.id, callId, appId, { score: '4', comment: `Review ${m}` });
        // An edition whose data was erased: its key is destroyed and must stay so.
        const gone = await participant(t, e3.id, { principal: admin });
        await t.services.portal.saveProfile(gone.portal, profileForm(`${m}gone`));
        const goneRow = await db.selectFrom('participants').selectAll().where('id', '=', gone.participantId).executeTakeFirstOrThrow();
        await t.services.logistics.purge(e3.id, admin.userId);
        // A registration for a public event (system box), and a staff member with TOTP and recovery codes.
        const event = await makeEvent(db, { slug: `rot-${m}`.toLowerCase() });
        await makeRegistrationSettings(db, event.id, { capacity: 10 });
        await t.services.registrations.register(`rot-${m}`.toLowerCase(), 'en', {
          name: `Registrant ${m}`,
          email: `registrant-${m}@example.org`.toLowerCase(),
          idem: crypto.randomBytes(16).toString('base64url'),
        });
        const { userId, enrolUrl } = await t.services.accounts.createUser(null, {
          email: `totp-${m}@example.org`.toLowerCase(),
          displayName: 'Totp user',
          role: 'editor',
        });
        const enrolToken = enrolUrl.split('/').pop() as string;
        const start = await t.services.accounts.startEnrolment(enrolToken);
        const password = 'a long passphrase for rotation';
        const { recoveryCodes } = await t.services.accounts.completeEnrolment(enrolToken, {
          password,
          confirm: password,
          sealedSecret: start.sealedSecret,
          code: await generate({ secret: start.secret, epoch: Math.floor(Date.now() / 1000) }),
        });

        // What everything reads as before the rotation.
        const outboxBefore = await db.selectFrom('outbox').select(['id', 'payload']).orderBy('id').execute();
        const decodedBefore = outboxBefore.map((r) => t.services.outbox.decode(r.payload) as { to: string });
        for (const who of ['invitee', 'applicant', 'registrant']) {
          assert.ok(
            decodedBefore.some((x) => x.to === `${who}-${m}@example.org`.toLowerCase()),
            `a mail to the ${who} is queued`,
          );
        }
        const profilesBefore = await Promise.all(people.map(({ p }) => t.services.portal.profile(p.portal)));
        const registrantsBefore = (await t.services.registrationsAdmin.registrants(admin, event.id)).registrants;
        const invitationsBefore = await t.services.invitations.list(admin, e2.id);
        const applicationsBefore = (await t.services.calls.applications(admin, e1.id, callId, 'en')).applications;
        assert.equal(registrantsBefore[0]?.name, `Registrant ${m}`);
        assert.equal(profilesBefore[0]?.profile.identity?.givenNames, `Given ${m}p0`);
        assert.ok(invitationsBefore.some((i) => i.label === `Label ${m}`));
        assert.equal(applicationsBefore[0]?.answers.motivation, `Motivation ${m}`);
        assert.equal(applicationsBefore[0]?.reviews[0]?.comment, `Review ${m}`);

        const rowsBefore = await keyRows(db);
        const live = rowsBefore.filter((r) => r.wrapped !== null);
        const dead = rowsBefore.filter((r) => r.wrapped === null);
        assert.deepEqual(
          live.map((r) => r.scope).sort(),
          ['edition:' + e1.id, 'edition:' + e2.id, 'system'].sort(),
          'a key for the system and for each edition with data',
        );
        assert.deepEqual(
          dead.map((r) => r.scope),
          [editionScope(e3.id)],
        );
        for (const r of live) assert.equal(r.master_key_id, 1);

        // Step 1: both keys. The app starts and reads; nothing is rewrapped by starting.
        const bothText = `1:${b64(oldKey)} 2:${b64(newKey)}`;
        const step1 = await appOn(t.database, bothText);
        apps.push(step1);
        assert.deepEqual(await step1.app.services.portal.profile(people[0]!.p.portal), profilesBefore[0]);
        assert.deepEqual(await keyRows(db), rowsBefore, 'starting with a new key changes no data key');

        // Step 2: rewrap every live data key under key 2.
        const rewrapAt = new Date().toISOString();
        const result = await rewrapAll(db, parseKeyring(b64(oldKey), 'old'), parseKeyring(bothText, 'both'), rewrapAt);
        assert.deepEqual(result, { rewrapped: live.length, destroyed: 1 });
        const rowsAfter = await keyRows(db);
        for (const r of live) {
          const now = rowsAfter.find((x) => x.id === r.id)!;
          assert.equal(now.master_key_id, 2, r.scope);
          assert.notEqual(now.wrapped, r.wrapped, r.scope);
          assert.equal(now.rewrapped_at, rewrapAt);
        }
        assert.deepEqual(
          rowsAfter.filter((r) => r.wrapped === null),
          dead,
          'the destroyed key is untouched',
        );

        // Step 3: the new key alone (the clock two minutes on, for a fresh TOTP step).
        const later: Clock = { now: () => new Date(Date.now() + 120_000) };
        const step3 = await appOn(t.database, `2:${b64(newKey)}`, later);
        apps.push(step3);
        const s = step3.app.services;
        const outboxAfter = await db.selectFrom('outbox').select(['id', 'payload']).orderBy('id').execute();
        assert.deepEqual(
          outboxAfter.map((r) => r.id),
          outboxBefore.map((r) => r.id),
        );
        assert.deepEqual(
          outboxAfter.map((r) => s.outbox.decode(r.payload)),
          decodedBefore,
          'every queued mail decodes',
        );
        for (const [i, { p }] of people.entries()) assert.deepEqual(await s.portal.profile(p.portal), profilesBefore[i], `participant ${i}`);
        for (const { p, marker } of people) assert.equal((await s.logistics.detail(admin, p.portal.editionId, p.participantId)).notes, `Notes ${marker}`);
        assert.deepEqual((await s.registrationsAdmin.registrants(admin, event.id)).registrants, registrantsBefore);
        assert.deepEqual(await s.invitations.list(admin, e2.id), invitationsBefore);
        assert.deepEqual((await s.calls.applications(admin, e1.id, callId, 'en')).applications, applicationsBefore);
        assert.equal(mailed.link, null);
        // TOTP seeds and recovery codes (sealed and keyed under the system key).
        const user = await new AccountsRepository(db).userById(userId);
        assert.ok(user?.totp_secret);
        assert.equal(s.box.open(user.totp_secret, totpContext(userId)), start.secret);
        const code = await generate({ secret: start.secret, epoch: Math.floor(later.now().getTime() / 1000) });
        assert.equal(await s.auth.checkSecondFactor(user, code), 'totp');
        assert.equal(await s.auth.checkSecondFactor(user, recoveryCodes[0]!), 'recovery');
        // Signing in to the portal still works: the sign-in name's keyed hash did not change.
        assert.ok((await s.portal.login(people[0]!.p.signIn, people[0]!.p.passphrase)).token);

        // A fresh DataKeys on the new ring alone reads every live key; the old ring alone none.
        const fresh = new DataKeys(db, parseKeyring(`2:${b64(newKey)}`, 'new'));
        const oldOnly = new DataKeys(db, parseKeyring(b64(oldKey), 'old'));
        for (const r of live) {
          assert.equal((await fresh.load(r.scope)).id, r.id);
          await assert.rejects(oldOnly.load(r.scope), /not in the keyring/, r.scope);
        }
        const k1 = await fresh.load(editionScope(e1.id));
        const row0 = await db.selectFrom('participants').selectAll().where('id', '=', people[0]!.p.participantId).executeTakeFirstOrThrow();
        assert.match(k1.open(row0.identity_sealed!, ctx.participant(row0.invitation_id, 'identity')), new RegExp(`Given ${m}p0`));
        // The erased edition stays erased, and what was copied aside before does not open.
        await assert.rejects(fresh.load(editionScope(e3.id)), DataKeyGone);
        assert.ok(goneRow.identity_sealed);
        for (const r of live) {
          const k = await fresh.load(r.scope);
          assert.throws(() => k.open(goneRow.identity_sealed!, ctx.participant(goneRow.invitation_id, 'identity')), r.scope);
        }
        // An app on the old key alone cannot start: the system key is wrapped under key 2 now.
        await assert.rejects(appOn(t.database, b64(oldKey)), /master key 2 is not in the keyring/);
        console.log(
          `  rotation (${dialect}): ${live.length} keys rewrapped, ${outboxBefore.length} mails, ${people.length} participants checked in ${Date.now() - started} ms`,
        );
      } finally {
        for (const a of apps) await a.close();
        await t.close();
      }
    });
  });
}
