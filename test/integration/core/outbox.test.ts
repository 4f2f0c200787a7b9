import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createMailer, type Mailer } from '../../../src/core/outbox/mailer.js';
import { backoffMs, MAX_ATTEMPTS, OutboxRepository, SENT_RETENTION_MS, type MailMessage } from '../../../src/core/outbox/outbox.repository.js';
import { OutboxWorker } from '../../../src/core/outbox/outbox.worker.js';
import type { Clock } from '../../../src/core/shared/clock.js';
import { openDatabase, type DbHandle } from '../../../src/db/database.js';
import { SecretBox } from '../../../src/security/secret-box.js';
import { TEST_MASTER_KEY } from '../../support/app.js';
import { freshDatabase, testDialects, type TestDatabase } from '../../support/db.js';
import { decodeQuotedPrintable, startSmtp, waitFor, type TestSmtp } from '../../support/smtp.js';

const DOMAIN = 'events.test';
const box = new SecretBox(Buffer.from(TEST_MASTER_KEY, 'base64'));
const FROM = `no-reply@${DOMAIN}`;

/** A clock the test moves by hand. */
function manualClock(iso: string): Clock & { set(iso: string): void; advance(ms: number): void; iso(): string } {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    set: (v) => void (now = new Date(v).getTime()),
    advance: (ms) => void (now += ms),
    iso: () => new Date(now).toISOString(),
  };
}

const mail = (n: number | string): MailMessage => ({ to: `person${n}@example.org`, subject: 'A message for you', text: `Hello number ${n}.\n` });

/** Addresses in a To/Cc header: "a@x, b@y" or "Name <a@x>". */
const addressesIn = (header: string | undefined) =>
  (header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

for (const dialect of testDialects()) {
  describe(`mail outbox (${dialect})`, () => {
    let database: TestDatabase;
    let repo: OutboxRepository;
    let smtp: TestSmtp;
    const mailers: Mailer[] = [];
    const clock = manualClock('2030-05-01T10:00:00.000Z');

    const newWorker = (r: OutboxRepository = repo, smtpUrl = smtp.url) => {
      const mailer = createMailer({ smtpUrl, from: FROM, dataDir: database.dataDir });
      mailers.push(mailer);
      return new OutboxWorker(r, mailer, clock, DOMAIN);
    };
    const rows = () => database.db.selectFrom('outbox').selectAll().orderBy('id').execute();

    before(async () => {
      database = await freshDatabase(dialect);
      repo = new OutboxRepository(database.db, box);
      smtp = await startSmtp();
    });
    after(async () => {
      for (const m of mailers) m.close();
      await smtp.close();
      await database.drop();
    });
    beforeEach(async () => {
      await database.db.deleteFrom('outbox').execute();
      smtp.received.length = 0;
      smtp.attempts = 0;
      smtp.mode = 'accept';
      clock.set('2030-05-01T10:00:00.000Z');
    });

    it('sends queued mail to a real SMTP server, one recipient per message, and marks it sent', async () => {
      for (const n of [1, 2, 3]) await repo.enqueue(database.db, clock.iso(), 'mail', mail(n));
      const sent = await newWorker().runOnce();
      assert.equal(sent, 3);
      assert.equal(smtp.received.length, 3);
      const stored = await rows();
      for (const [i, m] of smtp.received.entries()) {
        const n = i + 1;
        assert.deepEqual(m.rcptTo, [`person${n}@example.org`], 'exactly one envelope recipient');
        assert.deepEqual(addressesIn(m.headers.to), [`person${n}@example.org`], 'To holds one address');
        assert.equal(m.headers.cc, undefined, 'no Cc');
        assert.equal(m.headers.bcc, undefined, 'no Bcc');
        assert.equal(m.from, FROM);
        assert.equal(m.headers.subject, 'A message for you');
        assert.equal(m.headers['message-id'], `<outbox-${stored[i]?.id}@${DOMAIN}>`, 'a Message-ID derived from the row, so a duplicate can be dropped');
        assert.match(decodeQuotedPrintable(m.body), new RegExp(`Hello number ${n}\\.`));
      }
      assert.deepEqual(
        stored.map((r) => [r.status, Number(r.attempts), r.done_at, r.last_error]),
        stored.map(() => ['sent', 1, clock.iso(), null]),
      );
      assert.equal(await newWorker().runOnce(), 0, 'nothing is sent twice');
      assert.equal(smtp.received.length, 3);
    });

    it('queues a mail with a dedupe key once, however often it is enqueued', async () => {
      await repo.enqueue(database.db, clock.iso(), 'mail', mail('a'), 'reminder:event-7:user-3');
      await repo.enqueue(database.db, clock.iso(), 'mail', mail('a'), 'reminder:event-7:user-3');
      await database.db.transaction().execute((tx) => repo.enqueue(tx, clock.iso(), 'mail', mail('a'), 'reminder:event-7:user-3'));
      await repo.enqueue(database.db, clock.iso(), 'mail', mail('b'), 'reminder:event-7:user-4');
      assert.equal((await rows()).length, 2);
      assert.equal(await newWorker().runOnce(), 2);
      // After sending, the key still blocks a second copy.
      await repo.enqueue(database.db, clock.iso(), 'mail', mail('a'), 'reminder:event-7:user-3');
      assert.equal(await newWorker().runOnce(), 0);
      assert.deepEqual(smtp.received.map((m) => m.rcptTo[0]).sort(), ['persona@example.org', 'personb@example.org']);
    });

    it(`retries a refused mail with back-off and gives up after ${MAX_ATTEMPTS} attempts`, async () => {
      smtp.mode = 'reject-temporary';
      await repo.enqueue(database.db, clock.iso(), 'mail', mail('r'));
      const worker = newWorker();
      const tried: string[] = [];
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        assert.equal(await worker.runOnce(), 0);
        tried.push(clock.iso());
        assert.equal(smtp.attempts, attempt, `attempt ${attempt} reached the server`);
        const [row] = await rows();
        assert.ok(row);
        assert.equal(Number(row.attempts), attempt);
        assert.match(row.last_error ?? '', /451|try again/);
        if (attempt < MAX_ATTEMPTS) {
          assert.equal(row.status, 'pending');
          const wait = backoffMs(attempt);
          assert.equal(row.next_attempt_at, new Date(clock.now().getTime() + wait).toISOString());
          // Not before its time: a run a second early does not touch the server.
          clock.advance(wait - 1_000);
          assert.equal(await worker.runOnce(), 0);
          assert.equal(smtp.attempts, attempt, `no attempt before the back-off of ${wait} ms ended`);
          clock.advance(1_000);
        } else {
          assert.equal(row.status, 'failed');
          assert.equal(row.done_at, clock.iso());
        }
      }
      // The delays grow: 30 s, 1 min, 2 min ... capped at an hour.
      const gaps = tried.slice(1).map((t, i) => (new Date(t).getTime() - new Date(tried[i] ?? t).getTime()) / 1000);
      assert.deepEqual(gaps, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600].slice(0, MAX_ATTEMPTS - 1));
      // Failed is final: even with the server back, nothing more is tried.
      smtp.mode = 'accept';
      clock.advance(24 * 3_600_000);
      assert.equal(await worker.runOnce(), 0);
      assert.equal(smtp.attempts, MAX_ATTEMPTS);
      assert.equal(smtp.received.length, 0);
    });

    it('counts an unreachable SMTP server as a failed attempt and sends once it is back', async () => {
      const down = await startSmtp();
      const url = down.url;
      await down.close(); // nothing listens on this port now
      await repo.enqueue(database.db, clock.iso(), 'mail', mail('d'));
      assert.equal(await newWorker(repo, url).runOnce(), 0);
      const [row] = await rows();
      assert.equal(row?.status, 'pending');
      assert.equal(Number(row?.attempts), 1);
      clock.advance(backoffMs(1));
      assert.equal(await newWorker().runOnce(), 1);
      assert.equal(smtp.received.length, 1);
      assert.equal((await rows())[0]?.status, 'sent');
    });

    for (const workers of [2, 8]) {
      it(`${workers} workers racing over 50 rows send each exactly once`, async (t) => {
        // Half the workers have their own database connection (pool), as a second process would.
        let second: DbHandle | undefined;
        try {
          second = openDatabase({ databaseUrl: database.url, dataDir: database.dataDir });
          const repos = [repo, new OutboxRepository(second.db, box)];
          for (let n = 0; n < 50; n++) await repo.enqueue(database.db, clock.iso(), 'mail', mail(`race${n}`));
          const counts = await Promise.all(Array.from({ length: workers }, (_, i) => newWorker(repos[i % 2]).runOnce()));
          t.diagnostic(`sent per worker: ${counts.join(', ')}`);
          assert.ok(counts.filter((c) => c > 0).length >= 2, `at least two workers took part (${counts.join(', ')})`);
          assert.equal(
            counts.reduce((x, y) => x + y, 0),
            50,
            `sent per worker: ${counts.join(', ')}`,
          );
          assert.equal(smtp.received.length, 50, 'exactly 50 messages reached the server');
          const ids = new Set(smtp.received.map((m) => m.headers['message-id']));
          assert.equal(ids.size, 50, 'no row was sent twice');
          const recipients = new Set(smtp.received.map((m) => m.rcptTo.join()));
          assert.equal(recipients.size, 50);
          const stored = await rows();
          assert.ok(stored.every((r) => r.status === 'sent' && Number(r.attempts) === 1));
        } finally {
          await second?.close();
        }
      });
    }

    it('a worker sends by itself only once started; stop() waits for it', async () => {
      const worker = newWorker();
      await repo.enqueue(database.db, clock.iso(), 'mail', mail('n'));
      worker.nudge(); // not started: an app built for tests or a command never sends by itself
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(smtp.received.length, 0);
      worker.start();
      await waitFor(() => smtp.received.length === 1, 'the started worker to send');
      await repo.enqueue(database.db, clock.iso(), 'mail', mail('m'));
      worker.nudge();
      await waitFor(() => smtp.received.length === 2, 'a nudge to send the next one at once', 1_500);
      await worker.stop();
      await repo.enqueue(database.db, clock.iso(), 'mail', mail('o'));
      worker.nudge();
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(smtp.received.length, 2, 'a stopped worker sends nothing');
    });

    it('seals what it queues: the row holds no address or text, and an altered row is never sent', async () => {
      await repo.enqueue(database.db, clock.iso(), 'mail', {
        to: 'sealed-person@example.org',
        subject: 'Sealed subject',
        text: 'A private link: /x/secret-token-123\n',
      });
      const [row] = await rows();
      assert.ok(row);
      for (const s of ['sealed-person', 'Sealed subject', 'secret-token-123']) assert.ok(!row.payload.includes(s), `${s} in plaintext`);
      assert.deepEqual(repo.decode(row.payload), { to: 'sealed-person@example.org', subject: 'Sealed subject', text: 'A private link: /x/secret-token-123\n' });
      // One flipped character in the ciphertext: decryption fails, the worker records a failure and sends nothing.
      const i = row.payload.length - 5;
      const flipped = row.payload.slice(0, i) + (row.payload[i] === 'A' ? 'B' : 'A') + row.payload.slice(i + 1);
      await database.db.updateTable('outbox').set({ payload: flipped }).where('id', '=', row.id).execute();
      const before = smtp.received.length;
      assert.equal(await newWorker().runOnce(), 0);
      assert.equal(smtp.received.length, before);
      const [after] = await rows();
      assert.equal(after?.status, 'pending');
      assert.equal(after?.attempts, 1);
      assert.ok(after?.last_error);
    });

    it('deletes sent rows once they are 7 days old; pending and failed rows stay', async () => {
      const at = (days: number) => new Date(clock.now().getTime() - days * 86_400_000).toISOString();
      const base = {
        kind: 'mail',
        payload: box.seal(JSON.stringify(mail('p')), 'outbox'),
        attempts: 1,
        locked_until: null,
        last_error: null,
        dedupe_key: null,
      };
      await database.db
        .insertInto('outbox')
        .values([
          { ...base, status: 'sent', created_at: at(9), next_attempt_at: at(9), done_at: at(8) },
          { ...base, status: 'sent', created_at: at(7.5), next_attempt_at: at(7.5), done_at: at(7.01) },
          { ...base, status: 'sent', created_at: at(6), next_attempt_at: at(6), done_at: at(6) },
          { ...base, status: 'failed', created_at: at(30), next_attempt_at: at(30), done_at: at(20) },
          { ...base, status: 'pending', attempts: 0, created_at: clock.iso(), next_attempt_at: at(-1), done_at: null },
        ])
        .execute();
      const worker = newWorker();
      assert.equal(await worker.runOnce(), 0);
      const left = (await rows()).map((r) => `${r.status}@${r.done_at ?? '-'}`);
      assert.deepEqual(left, [`sent@${at(6)}`, `failed@${at(20)}`, 'pending@-']);
      assert.equal(SENT_RETENTION_MS, 7 * 86_400_000);
      // The same worker purges again an hour later, not at every run.
      const eightDaysAgo = at(8);
      await database.db
        .insertInto('outbox')
        .values({ ...base, status: 'sent', created_at: at(9), next_attempt_at: at(9), done_at: eightDaysAgo })
        .execute();
      clock.advance(30 * 60_000);
      await worker.runOnce();
      assert.equal((await rows()).filter((r) => r.done_at === eightDaysAgo).length, 1, 'kept until the next hourly purge');
      clock.advance(31 * 60_000);
      await worker.runOnce();
      assert.equal((await rows()).filter((r) => r.done_at === eightDaysAgo).length, 0, 'gone at the next hourly purge');
    });
  });
}
