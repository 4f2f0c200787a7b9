import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { loadConfig } from '../../../src/config.js';
import { totpContext } from '../../../src/core/accounts/auth.service.js';
import type { Clock } from '../../../src/core/shared/clock.js';
import { BackupError, backupTables, restoreBackup, writeBackup, type BackupErrorCode, type BackupStats } from '../../../src/db/backup.js';
import { parseBackupArgs } from '../../../src/db/backup-cli.js';
import type { DbHandle } from '../../../src/db/database.js';
import { loadDemoIfEmpty } from '../../../src/db/demo/load.js';
import { makeConferenceSession, makeDocument, makeEdition, makeEvent, makeNotice, makeRegistrationSettings } from '../../../src/db/factories.js';
import { buildServices } from '../../../src/services.js';
import { TEST_MASTER_KEY, testApp, type TestApp } from '../../support/app.js';
import { signedInStaff, totpCode, type Staff } from '../../support/auth.js';
import { freshDatabase, testDialects, type TestDatabase } from '../../support/db.js';
import { participant, staffPrincipal, type TestParticipant } from '../../support/participation.js';

const masterKey = Buffer.from(TEST_MASTER_KEY, 'base64');

/** Stable JSON: object keys sorted. */
const stable = (row: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b))));

/** Per table: row count and SHA-256 of all rows (each as stable JSON, sorted). */
async function snapshot(handle: DbHandle): Promise<Map<string, { rows: number; sum: string }>> {
  const out = new Map<string, { rows: number; sum: string }>();
  for (const table of backupTables) {
    const r = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(handle.db);
    const lines = r.rows.map(stable).sort();
    out.set(table, { rows: lines.length, sum: crypto.createHash('sha256').update(lines.join('\n')).digest('hex') });
  }
  return out;
}

function mediaFiles(root: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fs.existsSync(root)) return out;
  for (const e of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    out.set(path.relative(root, full), crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
  }
  return out;
}

async function settingsOf(handle: DbHandle): Promise<Map<string, string>> {
  const r = await handle.db.selectFrom('settings').selectAll().execute();
  return new Map(r.map((x) => [x.key, x.value]));
}

/** Every table except settings empty, and no media files. */
async function assertEmpty(target: TestDatabase): Promise<void> {
  const snap = await snapshot(target);
  for (const [table, { rows }] of snap) if (table !== 'settings') assert.equal(rows, 0, `${table} has rows after a failed restore`);
  assert.equal(mediaFiles(target.mediaRoot).size, 0, 'media files after a failed restore');
}

async function rejectsWith(p: Promise<unknown>, codes: BackupErrorCode[]): Promise<BackupError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof BackupError, `expected a BackupError, got ${String(e)}`);
    assert.ok(codes.includes(e.code), `expected ${codes.join(' or ')}, got ${e.code}: ${e.message}`);
    return e;
  }
  assert.fail(`expected ${codes.join(' or ')}, but it succeeded`);
}

/** A realistic dataset: demo content, a document, a notice, an enrolled and signed-in staff member, a failed login, audit and outbox rows, a passkey row. */
async function seed(t: TestApp): Promise<Staff> {
  const db = t.database.db;
  await loadDemoIfEmpty(db, t.database.mediaRoot, new Date('2026-04-01T00:00:00Z'));
  const event = await db.selectFrom('events').select('id').orderBy('id').executeTakeFirstOrThrow();
  await makeDocument(db, t.database.mediaRoot, event.id, { en: 'Agenda', sv: 'Program' });
  await makeNotice(db, event.id, { en: 'The room changed.', sv: 'Rummet är ändrat.' });
  // A registration with an answer: registration_answers holds sealed text that must still open after a restore.
  const seminar = await makeEvent(db, { slug: 'backup-seminar', texts: { en: { title: 'Backup seminar' } } });
  const { questionIds } = await makeRegistrationSettings(db, seminar.id, { questions: [{ label: 'Access needs', purpose: 'To plan the room' }] });
  await t.services.registrations.register('backup-seminar', 'en', {
    email: 'registrant@example.org',
    name: 'Åsa “Backup”',
    idem: 'backup-idempotency-key-0001',
    [`q${questionIds[0]}`]: 'A ramp, please',
  });
  const staff = await signedInStaff(t, 'admin');
  await t.services.auth.beginLogin(staff.email, 'not the password at all', 'Firefox on Linux').catch(() => undefined);
  await t.services.outbox.enqueue(
    db,
    new Date().toISOString(),
    'mail',
    { to: 'someone@example.org', subject: 'Hello', text: 'Åäö ✓ "quoted" \\ text' },
    'backup-test',
  );
  await db
    .insertInto('webauthn_credentials')
    .values({
      user_id: staff.userId,
      credential_id: 'cred-1',
      public_key: 'pk',
      counter: 3,
      transports: 'usb',
      label: 'Key',
      created_at: new Date().toISOString(),
      last_used_at: null,
    })
    .execute();
  return staff;
}

/** The participant's portal form, every field filled in. */
const PROFILE = {
  display_name: 'Swallow “Backup”',
  photo_consent: 'never',
  travel_support: 'on',
  visa_letter: 'on',
  given_names: 'Åsa Maria',
  family_names: 'Ström',
  nationality: 'SE',
  passport_number: 'X1234567',
  date_of_birth: '1980-02-29',
  email: 'swallow@example.org',
  emergency: 'Mother, +46 70 000 00 00',
  travel_from: 'Göteborg',
  arrival: '2031-04-08',
  departure: '2031-04-13',
  visa_notes: 'Embassy in Kyiv',
  accommodation: 'Quiet room',
  access: 'Step-free',
  dietary: 'Vegan',
  interpretation: 'Russian',
} as const;

/** What the participation seed made, for reading it back after the restore. */
interface Participation {
  participant: TestParticipant;
  editionId: number;
  sessionId: number;
  callId: number;
  purgedEditionId: number;
}

/**
 * Participation, through the services: an edition with a session, an open call with
 * an application and a review, invitations (one accepted: a participant with a session, a
 * filled-in sealed profile, staff notes and a picked seat), and a second edition whose data
 * was purged (its totals stay, its data key is destroyed).
 */
async function seedParticipation(t: TestApp): Promise<Participation> {
  const db = t.database.db;
  const admin = await staffPrincipal(t, 'admin');
  const edition = await makeEdition(db, { year: 2031, startsOn: '2031-04-09', endsOn: '2031-04-12' });
  const session = await makeConferenceSession(db, edition.id, {
    startsAt: '2031-04-09T08:00:00.000Z',
    capacity: 20,
    texts: { en: { title: 'Backup workshop' } },
  });
  const callId = await t.services.calls.saveCall(admin, edition.id, null, {
    role: 'defender',
    status: 'open',
    deadline: '2099-12-31',
    title_en: 'Call for defenders',
    body_en: 'Apply here.',
  });
  await t.services.calls.apply(
    callId,
    {
      name: 'Applicant “Backup”',
      email: 'applicant@example.org',
      country: 'SE',
      organisation: 'Åäö org',
      motivation: 'Because ✓',
      idempotency_key: 'backup-application-key-0001',
    },
    'en',
  );
  const application = await db.selectFrom('participation_applications').select('id').where('call_id', '=', callId).executeTakeFirstOrThrow();
  await t.services.calls.review(admin, edition.id, callId, application.id, { score: '4', comment: 'Strong — “yes”' });
  const who = await participant(t, edition.id, { principal: admin, displayName: 'Swallow “Backup”' });
  await t.services.portal.saveProfile(who.portal, PROFILE);
  await t.services.logistics.saveNotes(admin, edition.id, who.participantId, { notes: 'Met at the border — fine' });
  await t.services.portal.pick(who.portal, session.id);
  await db
    .insertInto('participant_passkeys')
    .values({
      participant_id: who.participantId,
      credential_id: 'participant-cred-1',
      public_key: 'pk',
      counter: 1,
      transports: 'internal',
      label: 'Phone',
      created_at: new Date().toISOString(),
      last_used_at: null,
    })
    .execute();
  // A second edition, purged: participation_totals keeps its counts, data_keys its destroyed key.
  const old = await makeEdition(db, { year: 2012, startsOn: '2012-04-09', endsOn: '2012-04-12' });
  await participant(t, old.id, { principal: admin, role: 'trainer' });
  await t.services.logistics.purge(old.id, admin.userId);
  return { participant: who, editionId: edition.id, sessionId: session.id, callId, purgedEditionId: old.id };
}

const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-backup-'));
after(() => fs.rmSync(tmpDir, { recursive: true, force: true }));

void describe('backup command line arguments', () => {
  void it('parses backup and restore, and refuses what it does not know', () => {
    assert.deepEqual(parseBackupArgs(['backup']), { command: 'backup', out: undefined });
    assert.deepEqual(parseBackupArgs(['backup', '--out', 'x.ddbak']), { command: 'backup', out: 'x.ddbak' });
    assert.deepEqual(parseBackupArgs(['restore', 'x.ddbak', '--force']), { command: 'restore', file: 'x.ddbak', force: true });
    assert.deepEqual(parseBackupArgs(['restore', '--help']), { command: 'help' });
    assert.throws(() => parseBackupArgs(['restore']), /needs the backup file/);
    assert.throws(() => parseBackupArgs(['backup', '--out']), /needs a file name/);
    assert.throws(() => parseBackupArgs(['restore', 'a', '--wipe']), /Unknown option/);
  });
});

for (const dialect of testDialects()) {
  void describe(`backup drill (${dialect})`, () => {
    let before_: Map<string, { rows: number; sum: string }>;
    let beforeSettings: Map<string, string>;
    let beforeMedia: Map<string, string>;
    let staff: Staff;
    let part: Participation;
    let file: string;
    let stats: BackupStats;
    let restored: TestDatabase;
    const extra: TestDatabase[] = [];

    before(async () => {
      const t = await testApp({ dialect });
      try {
        staff = await seed(t);
        part = await seedParticipation(t);
        before_ = await snapshot(t.database);
        beforeSettings = await settingsOf(t.database);
        beforeMedia = mediaFiles(t.database.mediaRoot);
        file = path.join(tmpDir, `${dialect}.ddbak`);
        const started = performance.now();
        // pageSize 7 makes every larger table span several pages (keyset paging on composite keys).
        ({ stats } = await writeBackup(t.database, { masterKey, mediaRoot: t.database.mediaRoot, out: file, pageSize: 7 }));
        console.log(
          `backup (${dialect}): ${backupTables.length} tables, ${stats.rows} rows, ${stats.files} files (${stats.fileBytes} bytes), file ${stats.bytes} bytes, ${((performance.now() - started) / 1000).toFixed(2)} s`,
        );
      } finally {
        // The wipe: the database is dropped and DATA_DIR (with media) deleted.
        await t.close();
      }
    });
    after(async () => {
      await restored?.drop();
      for (const d of extra) await d.drop();
    });

    void it('backs up a dataset with rows in every table and files in media', () => {
      const empty = [...before_].filter(([, v]) => v.rows === 0).map(([k]) => k);
      assert.deepEqual(empty, [], 'tables without rows in the test dataset');
      assert.ok(beforeMedia.size >= 2);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      const raw = fs.readFileSync(file);
      assert.ok(!raw.includes(Buffer.from(staff.email)), 'an e-mail address in clear in the backup');
      assert.ok(!raw.includes(Buffer.from('Agenda')), 'content in clear in the backup');
      assert.ok(!raw.includes(Buffer.from(PROFILE.passport_number)), 'a passport number in clear in the backup');
    });

    void it('restores into a new empty database: every table, checksum and media file equal', async () => {
      restored = await freshDatabase(dialect);
      const started = performance.now();
      const { stats: r } = await restoreBackup(restored, file, { masterKey, mediaRoot: restored.mediaRoot });
      console.log(
        `restore (${dialect}): ${Object.keys(r.tables).length} tables, ${r.rows} rows, ${r.files} files, ${((performance.now() - started) / 1000).toFixed(2)} s`,
      );
      const after_ = await snapshot(restored);
      for (const table of backupTables) {
        if (table === 'settings') continue;
        assert.deepEqual(after_.get(table), before_.get(table), table);
      }
      // settings equal, except that content_version moved on (so no cache serves older pages).
      const s = await settingsOf(restored);
      assert.ok(Number(s.get('content_version')) > Number(beforeSettings.get('content_version')));
      s.delete('content_version');
      const b = new Map(beforeSettings);
      b.delete('content_version');
      assert.deepEqual(s, b);
      assert.deepEqual(mediaFiles(restored.mediaRoot), beforeMedia);
    });

    void it('leaves encrypted fields readable, sign-in working, sequences and triggers going', async () => {
      const env = { DATA_DIR: restored.dataDir, PUBLIC_URL: 'http://events.test', MASTER_KEY: TEST_MASTER_KEY };
      const later: Clock = { now: () => new Date(Date.now() + 5 * 60_000) };
      const services = await buildServices(loadConfig(env), restored, later, env);
      const user = await restored.db.selectFrom('users').selectAll().where('id', '=', staff.userId).executeTakeFirstOrThrow();
      assert.equal(services.box.open(user.totp_secret as string, totpContext(user.id)), staff.secret);
      // The registrant's sealed name, address and answer read back as they were given.
      const seminar = await restored.db.selectFrom('events').select('id').where('slug', '=', 'backup-seminar').executeTakeFirstOrThrow();
      const { registrants } = await services.registrationsAdmin.registrants(
        { userId: staff.userId, sessionId: 0, role: 'admin', displayName: 'Admin', email: staff.email, reauthAt: null },
        seminar.id,
      );
      assert.deepEqual(
        registrants.map((r) => [r.name, r.email, Object.values(r.answers)]),
        [['Åsa “Backup”', 'registrant@example.org', ['A ramp, please']]],
      );
      // The participant's sealed profile and staff's notes open with the restored data key; their session and sign-in still work.
      const portal = await services.portal.authenticate(part.participant.sessionToken);
      assert.ok(portal, 'the portal session survives the restore');
      const { profile } = await services.portal.profile(portal);
      const f = PROFILE;
      assert.deepEqual(profile, {
        displayName: f.display_name,
        photoConsent: f.photo_consent,
        travelSupport: true,
        visaLetter: true,
        joinCommunity: false,
        identity: {
          givenNames: f.given_names,
          familyNames: f.family_names,
          nationality: f.nationality,
          passportNumber: f.passport_number,
          dateOfBirth: f.date_of_birth,
        },
        contact: { email: f.email, emergency: f.emergency },
        travel: { from: f.travel_from, arrival: f.arrival, departure: f.departure, visa: f.visa_notes },
        needs: { accommodation: f.accommodation, access: f.access, dietary: f.dietary, interpretation: f.interpretation },
      });
      const admin = { userId: staff.userId, sessionId: 0, role: 'admin' as const, displayName: 'Admin', email: staff.email, reauthAt: null };
      const detail = await services.logistics.detail(admin, part.editionId, part.participant.participantId);
      assert.equal(detail.notes, 'Met at the border — fine');
      assert.equal(detail.picks, 1);
      assert.ok(await services.portal.login(part.participant.signIn, part.participant.passphrase));
      const programme = await services.portal.programme(portal, 'en');
      assert.deepEqual([...programme.picked], [part.sessionId]);
      assert.equal(programme.seatsLeft.get(part.sessionId), 19);
      // Applications and review comments open; the purged edition's key stays destroyed.
      const { applications } = await services.calls.applications(admin, part.editionId, part.callId, 'en');
      assert.deepEqual(
        applications.map((a) => [a.answers.name, a.answers.motivation, a.reviews.map((r) => r.comment)]),
        [['Applicant “Backup”', 'Because ✓', ['Strong — “yes”']]],
      );
      const purged = await restored.db.selectFrom('data_keys').selectAll().where('scope', '=', `edition:${part.purgedEditionId}`).executeTakeFirstOrThrow();
      assert.ok(purged.destroyed_at !== null && purged.wrapped === null, 'the purged edition key stays destroyed');
      assert.ok((await restored.db.selectFrom('participation_totals').selectAll().where('edition_id', '=', part.purgedEditionId).execute()).length > 0);
      const { token } = await services.auth.beginLogin(staff.email, staff.password, 'Firefox on Linux');
      const code = await totpCode(staff.secret, Math.floor(later.now().getTime() / 1000));
      const done = await services.auth.completeLogin(token, code, 'a-browser-id');
      assert.ok(done.token);
      // New rows get fresh ids after the restored ones (PostgreSQL sequences were reset).
      const maxAudit = before_.get('audit_log')?.rows ?? 0;
      const lastAudit = await restored.db
        .selectFrom('audit_log')
        .select((e) => e.fn.max('id').as('id'))
        .executeTakeFirstOrThrow();
      assert.ok(Number(lastAudit.id) > maxAudit);
      const v1 = (await settingsOf(restored)).get('content_version');
      await makeNotice(restored.db, (await restored.db.selectFrom('events').select('id').executeTakeFirstOrThrow()).id, { en: 'x' });
      assert.notEqual((await settingsOf(restored)).get('content_version'), v1, 'content_version trigger still bumps');
    });

    void it('refuses a non-empty target without --force, and replaces it with --force', async () => {
      const err = await rejectsWith(restoreBackup(restored, file, { masterKey, mediaRoot: restored.mediaRoot }), ['not-empty']);
      assert.match(err.message, /--force/);
      await restoreBackup(restored, file, { masterKey, mediaRoot: restored.mediaRoot, force: true });
      const after_ = await snapshot(restored);
      for (const table of backupTables) if (table !== 'settings') assert.deepEqual(after_.get(table), before_.get(table), table);
      assert.deepEqual(mediaFiles(restored.mediaRoot), beforeMedia);
    });

    void it('says "wrong key" under another master key, and writes nothing', async () => {
      const target = await freshDatabase(dialect);
      extra.push(target);
      const err = await rejectsWith(restoreBackup(target, file, { masterKey: crypto.randomBytes(32), mediaRoot: target.mediaRoot }), ['wrong-key']);
      assert.match(err.message, /different master key/);
      await assertEmpty(target);
    });

    void it('fails on any flipped byte in the body and on a cut-off file, writing nothing', async () => {
      const target = await freshDatabase(dialect);
      extra.push(target);
      const raw = fs.readFileSync(file);
      const bodyStart = 6 + 4 + raw.readUInt32BE(6);
      const positions = [
        bodyStart,
        bodyStart + 1,
        bodyStart + 5,
        bodyStart + 20,
        bodyStart + 100,
        Math.floor((bodyStart + raw.length) / 2),
        raw.length - 17,
        raw.length - 1,
      ];
      for (let i = 0; i < 12; i++) positions.push(bodyStart + crypto.randomInt(raw.length - bodyStart));
      let n = 0;
      for (const pos of positions) {
        const bad = Buffer.from(raw);
        bad[pos] = (bad[pos] as number) ^ (1 << (n++ % 8));
        const f = path.join(tmpDir, `flipped-${dialect}.ddbak`);
        fs.writeFileSync(f, bad);
        await rejectsWith(restoreBackup(target, f, { masterKey, mediaRoot: target.mediaRoot }), ['corrupt', 'truncated']);
      }
      // A flipped byte in the header: its hash is in every block's additional data.
      const badHeader = Buffer.from(raw);
      const at = raw.indexOf(Buffer.from('"createdAt":"')) + 15;
      badHeader[at] = (badHeader[at] as number) ^ 1;
      fs.writeFileSync(path.join(tmpDir, 'hdr.ddbak'), badHeader);
      await rejectsWith(restoreBackup(target, path.join(tmpDir, 'hdr.ddbak'), { masterKey, mediaRoot: target.mediaRoot }), ['corrupt']);
      for (const len of [3, bodyStart - 1, bodyStart, bodyStart + 10, Math.floor(raw.length / 2), raw.length - 1]) {
        const f = path.join(tmpDir, `cut-${dialect}.ddbak`);
        fs.writeFileSync(f, raw.subarray(0, len));
        await rejectsWith(restoreBackup(target, f, { masterKey, mediaRoot: target.mediaRoot }), ['truncated', 'corrupt', 'not-a-backup']);
      }
      // Bytes appended after the final block.
      fs.writeFileSync(path.join(tmpDir, 'long.ddbak'), Buffer.concat([raw, Buffer.from('x')]));
      await rejectsWith(restoreBackup(target, path.join(tmpDir, 'long.ddbak'), { masterKey, mediaRoot: target.mediaRoot }), ['corrupt']);
      await assertEmpty(target);
      console.log(`corruption (${dialect}): ${positions.length + 1} flipped bytes and 7 cut or lengthened files all refused, target still empty`);
    });

    if (dialect === 'sqlite' && testDialects().includes('postgres')) {
      void it('restores a SQLite backup into PostgreSQL with every table equal', async () => {
        const target = await freshDatabase('postgres');
        extra.push(target);
        await restoreBackup(target, file, { masterKey, mediaRoot: target.mediaRoot });
        const after_ = await snapshot(target);
        for (const table of backupTables) if (table !== 'settings') assert.deepEqual(after_.get(table), before_.get(table), table);
        assert.deepEqual(mediaFiles(target.mediaRoot), beforeMedia);
      });
    }
  });
}
