import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfig } from '../../../src/config.js';
import type { Clock } from '../../../src/core/shared/clock.js';
import { openDatabase } from '../../../src/db/database.js';
import { makeEvent } from '../../../src/db/factories.js';
import { buildApp } from '../../../src/server.js';
import { TEST_MASTER_KEY, testApp } from '../../support/app.js';
import { testDialects } from '../../support/db.js';

for (const dialect of testDialects()) {
  describe(`public page cache (${dialect})`, () => {
    it('never serves a page older than the data, whoever changed it', async () => {
      const t = await testApp({ dialect });
      try {
        const first = await t.app.inject('/events');
        assert.match(first.body, /No upcoming events at present\./);
        // A change made outside the app (as another process or the CLI would) is seen at once.
        await makeEvent(t.database.db, { slug: 'fresh', texts: { en: { title: 'A fresh seminar' } } });
        const second = await t.app.inject('/events');
        assert.match(second.body, /A fresh seminar/);
        await t.database.db.updateTable('event_translations').set({ title: 'A renamed seminar' }).execute();
        assert.match((await t.app.inject('/events')).body, /A renamed seminar/);
        await t.database.db.updateTable('events').set({ status: 'draft' }).execute();
        assert.doesNotMatch((await t.app.inject('/events')).body, /A renamed seminar/);
      } finally {
        await t.close();
      }
    });

    it('a second process on the same database sees changes made through the first', async () => {
      const t = await testApp({ dialect });
      const config = loadConfig({ DATA_DIR: t.database.dataDir, PUBLIC_URL: 'http://events.test', MASTER_KEY: TEST_MASTER_KEY });
      const other = openDatabase({ databaseUrl: t.database.url, dataDir: t.database.dataDir });
      const second = await buildApp({ config, database: other, logger: false, env: { MASTER_KEY: TEST_MASTER_KEY } });
      try {
        assert.match((await second.app.inject('/sv/events')).body, /Just nu finns inga kommande evenemang\./);
        await makeEvent(t.database.db, { slug: 'shared', texts: { en: { title: 'Seen by both' } } });
        assert.match((await second.app.inject('/sv/events')).body, /Seen by both/);
      } finally {
        await second.app.close();
        await other.close();
        await t.close();
      }
    });

    it('an event moves from upcoming to past with time, not only with writes', async () => {
      let now = new Date('2030-01-01T08:00:00Z');
      const clock: Clock = { now: () => now };
      const t = await testApp({
        dialect,
        clock,
        seed: async (db) => {
          await makeEvent(db, {
            slug: 'soon',
            startsAt: '2030-01-01T09:00:00.000Z',
            endsAt: '2030-01-01T10:00:00.000Z',
            texts: { en: { title: 'Soon over' } },
          });
        },
      });
      try {
        assert.match((await t.app.inject('/events')).body, /Soon over/);
        now = new Date('2030-01-01T10:05:00Z');
        assert.doesNotMatch((await t.app.inject('/events')).body, /Soon over/);
      } finally {
        await t.close();
      }
    });
  });
}
