import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rotateKeys } from '../../../src/cli.js';
import { loadConfig } from '../../../src/config.js';
import { makeEdition } from '../../../src/db/factories.js';
import { openDatabase } from '../../../src/db/database.js';
import { buildServices } from '../../../src/services.js';
import { systemClock } from '../../../src/core/shared/clock.js';
import { parseKeyring } from '../../../src/security/keyring.js';
import { testApp, type TestApp } from '../../support/app.js';
import { testDialects } from '../../support/db.js';
import { hits, needlesOf, rawImages } from '../../support/forensics.js';
import { participant, staffPrincipal } from '../../support/participation.js';

/**
 * `npm run cli -- keys:rotate` on a real database: every data key is rewrapped under a new
 * master key, the key file ends up holding only the new key, and everything still reads with
 * that file alone: participants' sealed profiles, mail in the outbox, the system's secrets.
 */
for (const dialect of testDialects()) {
  void describe(`keys:rotate (${dialect})`, () => {
    let t: TestApp;
    let keyFile: string;
    let env: NodeJS.ProcessEnv;
    let editionId = 0;

    before(async () => {
      const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'dd-keys-'));
      keyFile = path.join(dir, 'master.key');
      // The format before keys were numbered: one bare key, which is key 1.
      fs.writeFileSync(keyFile, crypto.randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
      t = await testApp({
        dialect,
        env: { MASTER_KEY_FILE: keyFile, MASTER_KEY: '' },
        seed: async (db) => {
          editionId = (await makeEdition(db, { year: 2031 })).id;
        },
      });
      env = {
        DATA_DIR: t.database.dataDir,
        PUBLIC_URL: 'http://events.test',
        MASTER_KEY_FILE: keyFile,
        ...(t.database.url ? { DATABASE_URL: t.database.url } : {}),
      };
    });
    after(async () => {
      if (t) await t.close();
    });

    void it('rewraps every data key, leaves the file with the new key only, and all data still reads', async () => {
      const p = await participant(t, editionId, { displayName: 'Heron' });
      await t.services.portal.saveProfile(p.portal, {
        display_name: 'Heron',
        photo_consent: 'ask',
        travel_support: 'on',
        given_names: 'Rotating',
        family_names: 'Keyholder',
        dietary: 'no nuts',
      });
      await t.services.accounts.requestReset('nobody-in-particular@example.org');
      const admin = await staffPrincipal(t);
      await t.services.invitations.create(admin, editionId, { role: 'trainer', label: 'mailed one', email: 'trainer@example.org', days: '10', locale: 'sv' });
      const before = await t.database.db.selectFrom('data_keys').selectAll().orderBy('id').execute();
      assert.ok(before.length >= 2, 'the system key and the edition key');
      assert.ok(before.every((k) => k.master_key_id === 1));
      const outboxBefore = await t.database.db.selectFrom('outbox').select(['id', 'payload']).orderBy('id').execute();
      assert.ok(outboxBefore.length >= 1);

      const logged: string[] = [];
      const log = console.log;
      console.log = (...a: unknown[]) => void logged.push(a.join(' '));
      let code: number;
      try {
        code = await rotateKeys(env);
      } finally {
        console.log = log;
      }
      assert.equal(code, 0, logged.join('\n'));
      assert.match(logged.join('\n'), new RegExp(`Rewrapped ${before.length} data key`));

      const ring = parseKeyring(fs.readFileSync(keyFile, 'utf8'), keyFile);
      assert.deepEqual(ring.ids, [2], 'the file holds the new key only');
      assert.equal((fs.statSync(keyFile).mode & 0o777).toString(8), '600');
      const after = await t.database.db.selectFrom('data_keys').selectAll().orderBy('id').execute();
      assert.equal(after.length, before.length);
      for (const [i, k] of after.entries()) {
        assert.equal(k.master_key_id, 2, `${k.scope} rewrapped`);
        assert.notEqual(k.wrapped, before[i]?.wrapped, `${k.scope} has a new wrapping`);
      }
      // The wrappings under the old master key are not left in the database files either.
      const oldWrappings = before.flatMap((k) => needlesOf(`${k.scope} under key 1`, k.wrapped as string));
      assert.deepEqual(hits(await rawImages(t.database, ['data_keys']), oldWrappings), [], 'old wrappings in the database files');
      // The data itself was not rewritten: the outbox rows are byte for byte the same.
      assert.deepEqual(await t.database.db.selectFrom('outbox').select(['id', 'payload']).orderBy('id').execute(), outboxBefore);

      // A new process with only the new key file reads everything.
      const database = openDatabase({ databaseUrl: t.database.url, dataDir: t.database.dataDir });
      try {
        const services = await buildServices(loadConfig(env), database, systemClock, env);
        const profile = await services.portal.profile(p.portal);
        assert.equal(profile.profile.identity?.familyNames, 'Keyholder');
        assert.equal(profile.profile.needs.dietary, 'no nuts');
        const payloads = await database.db.selectFrom('outbox').select('payload').execute();
        for (const row of payloads) assert.ok(services.outbox.decode(row.payload), 'an outbox payload opens');
        const invitations = await services.invitations.list(admin, editionId);
        assert.ok(invitations.some((i) => i.label === 'mailed one'));
      } finally {
        await database.close();
      }
    });

    void it('refuses when the key is in MASTER_KEY, and changes nothing', async () => {
      const text = fs.readFileSync(keyFile, 'utf8');
      const errors: string[] = [];
      const error = console.error;
      console.error = (...a: unknown[]) => void errors.push(a.join(' '));
      try {
        assert.equal(await rotateKeys({ ...env, MASTER_KEY: text.trim(), MASTER_KEY_FILE: '' }), 2);
      } finally {
        console.error = error;
      }
      assert.match(errors.join('\n'), /MASTER_KEY_FILE/);
      assert.equal(fs.readFileSync(keyFile, 'utf8'), text);
    });
  });
}
