import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generate } from 'otplib';
import type { Clock } from '../../../src/core/shared/clock.js';
import { DomainError } from '../../../src/core/shared/errors.js';
import { testApp } from '../../support/app.js';
import { testDialects } from '../../support/db.js';

async function activeUser(t: Awaited<ReturnType<typeof testApp>>, email: string, epoch: number) {
  const { userId, enrolUrl } = await t.services.accounts.createUser(null, { email, displayName: 'Test Person', role: 'editor' });
  const token = enrolUrl.split('/').pop() as string;
  const start = await t.services.accounts.startEnrolment(token);
  const password = 'a passphrase nobody guesses';
  await t.services.accounts.completeEnrolment(token, {
    password,
    confirm: password,
    sealedSecret: start.sealedSecret,
    code: await generate({ secret: start.secret, epoch }),
  });
  return { userId, password, secret: start.secret };
}

for (const dialect of testDialects()) {
  describe(`account hardening (${dialect})`, () => {
    it('mails at most three reset links an hour to one account, answering the same', async () => {
      let now = new Date('2031-03-01T10:00:00Z');
      const clock: Clock = { now: () => now };
      const t = await testApp({ dialect, clock });
      try {
        await activeUser(t, 'reset@example.org', Math.floor(now.getTime() / 1000));
        for (let i = 0; i < 6; i++) await t.services.accounts.requestReset('reset@example.org');
        const queued = async () => (await t.database.db.selectFrom('outbox').select('id').execute()).length;
        assert.equal(await queued(), 3);
        now = new Date('2031-03-01T11:01:00Z');
        await t.services.accounts.requestReset('reset@example.org');
        assert.equal(await queued(), 4);
      } finally {
        await t.close();
      }
    });

    it('a staff member creates an account only after giving the second factor again', async () => {
      const t = await testApp({ dialect });
      try {
        const actor = { userId: 1, sessionId: 1, role: 'admin', displayName: 'A', email: 'a@example.org', reauthAt: null };
        await assert.rejects(
          t.services.accounts.createUser(actor, { email: 'new@example.org', displayName: 'New', role: 'editor' }),
          (e: unknown) => e instanceof DomainError && e.code === 'forbidden',
        );
        assert.equal((await t.database.db.selectFrom('users').select('id').execute()).length, 0);
        const recent = { ...actor, reauthAt: new Date().toISOString() };
        const created = await t.services.accounts.createUser(recent, { email: 'new@example.org', displayName: 'New', role: 'editor' });
        assert.ok(created.userId > 0);
      } finally {
        await t.close();
      }
    });

    it('purges sessions that ended, idle ones, and spent tokens', async () => {
      let now = new Date('2031-03-01T10:00:00Z');
      const clock: Clock = { now: () => now };
      const t = await testApp({ dialect, clock });
      try {
        const u = await activeUser(t, 'purge@example.org', Math.floor(now.getTime() / 1000));
        const pending = await t.services.auth.beginLogin('purge@example.org', u.password, 'Test');
        const full = await t.services.auth.completeLogin(
          pending.token,
          await generate({ secret: u.secret, epoch: Math.floor(now.getTime() / 1000) + 30 }),
          'browser-1',
        );
        const count = async () => (await t.database.db.selectFrom('sessions').select('id').execute()).length;
        await t.services.auth.beginLogin('purge@example.org', u.password, 'Test'); // left at the password step
        assert.equal(await count(), 2);
        assert.equal(await t.services.auth.purgeExpired(), 0);
        now = new Date(now.getTime() + 16 * 60_000); // the pending one expired, the full one idle
        assert.equal(await t.services.auth.purgeExpired(), 2);
        assert.equal(await count(), 0);
        assert.equal(await t.services.auth.authenticate(full.token), undefined);
        now = new Date(now.getTime() + 25 * 3_600_000);
        await t.services.auth.purgeExpired();
        assert.equal((await t.database.db.selectFrom('user_tokens').select('id').execute()).length, 0);
      } finally {
        await t.close();
      }
    });
  });
}
