import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeEvent } from '../../src/db/factories.js';
import { testDialects } from '../support/db.js';
import { testApp } from '../support/app.js';

for (const dialect of testDialects()) {
  describe(`smoke (${dialect})`, () => {
    it('serves an upcoming event on /events', async () => {
      const t = await testApp({ dialect, seed: (db) => makeEvent(db, { slug: 'hello', texts: { en: { title: 'Hello world' } } }).then(() => undefined) });
      try {
        const res = await t.app.inject('/events');
        assert.equal(res.statusCode, 200);
        assert.match(res.body, /Hello world/);
      } finally {
        await t.close();
      }
    });
  });
}
