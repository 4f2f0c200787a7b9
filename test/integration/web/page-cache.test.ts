import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import Fastify from 'fastify';
import { loadConfig } from '../../../src/config.js';
import { fixedClock, type Clock } from '../../../src/core/shared/clock.js';
import { openDatabase } from '../../../src/db/database.js';
import { makeEvent } from '../../../src/db/factories.js';
import { buildApp } from '../../../src/server.js';
import { PAGE_CACHE_MAX_BYTES, pageCacheKey, registerPageCache } from '../../../src/web/page-cache.js';
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

    it('does not grow with made-up query strings: 2,000 distinct long ones leave it as it was', async () => {
      const t = await testApp({ dialect, seed: async (db) => void (await makeEvent(db, { slug: 'one', texts: { en: { title: 'One seminar' } } })) });
      try {
        assert.equal((await t.app.inject('/events')).statusCode, 200);
        const [size, bytes] = [t.pageCache.size(), t.pageCache.bytes()];
        const filler = 'x'.repeat(2_000);
        for (let i = 0; i < 2_000; i++) {
          const res = await t.app.inject(`/events?utm_${i}=${filler}&page=1`);
          assert.equal(res.statusCode, 200, `request ${i}`);
          if (i === 0) assert.match(res.body, /One seminar/, 'the page is still answered');
        }
        assert.deepEqual([t.pageCache.size(), t.pageCache.bytes()], [size, bytes]);
        assert.ok(t.pageCache.bytes() <= PAGE_CACHE_MAX_BYTES);
      } finally {
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

describe('public page cache: bounded by bytes, keyed on the parameters a page uses', () => {
  /** A bare app with one cached page that reads `q` and `page`, and a small byte bound. */
  async function appWithCache(maxBytes: number) {
    const app = Fastify({ logger: false });
    const stats = registerPageCache(app, fixedClock('2026-06-01T10:00:00.000Z'), () => Promise.resolve('v1'), { maxBytes });
    let rendered = 0;
    app.get(
      '/search',
      {
        schema: { querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), page: Type.Optional(Type.Integer()) }) },
        config: { permission: 'public', cache: true },
      },
      async (request, reply) => {
        rendered++;
        const { q = '', page = 1 } = request.query as { q?: string; page?: number };
        return reply.type('text/html; charset=utf-8').send(`<p>${q} ${page}</p>${'.'.repeat(10_000)}`);
      },
    );
    await app.ready();
    return { app, stats, rendered: () => rendered };
  }

  it('keeps 2,000 distinct searches under its byte bound, dropping the least recently used first', async () => {
    const maxBytes = 200_000;
    const { app, stats, rendered } = await appWithCache(maxBytes);
    try {
      let largest = 0;
      for (let i = 0; i < 2_000; i++) {
        await app.inject(`/search?q=${String(i).padStart(200, 'q')}`);
        largest = Math.max(largest, stats.bytes());
      }
      assert.ok(largest <= maxBytes, `at most ${maxBytes} bytes held, saw ${largest}`);
      assert.ok(stats.size() >= 10, `the bound is used: ${stats.size()} pages`);
      // The newest page is still there; a page used again stays while newer ones push the rest out.
      const keep = `/search?q=${String(1_999).padStart(200, 'q')}`;
      const before = rendered();
      await app.inject(keep);
      assert.equal(rendered(), before, 'served from the cache');
      for (let i = 0; i < stats.size() - 1; i++) {
        await app.inject(`/search?q=${String(5_000 + i).padStart(200, 'q')}`);
        await app.inject(keep);
      }
      const again = rendered();
      await app.inject(keep);
      assert.equal(rendered(), again, 'the page used most recently was kept');
    } finally {
      await app.close();
    }
  });

  it('answers the same page for the same parameters in any order, and caches nothing for unknown ones', async () => {
    const { app, stats, rendered } = await appWithCache(1_000_000);
    try {
      await app.inject('/search?q=rights&page=2');
      await app.inject('/search?page=2&q=rights');
      assert.equal(rendered(), 1, 'the second order was a hit');
      await app.inject('/search?page=2&q=rights&q=other');
      assert.equal(stats.size(), 1, 'a repeated parameter is not cached');
      const before = rendered();
      for (let i = 0; i < 50; i++) assert.equal((await app.inject(`/search?q=rights&page=2&x${i}=1`)).statusCode, 200);
      assert.equal(stats.size(), 1);
      assert.equal(rendered(), before + 50, 'an unknown parameter is answered, not cached');
    } finally {
      await app.close();
    }
  });

  it('normalises the key: declared parameters sorted, empty ones dropped, nothing else and nothing too long', () => {
    const declared = new Set(['page', 'q', 'type']);
    assert.equal(pageCacheKey('/events/past', declared), '/events/past');
    assert.equal(pageCacheKey('/events/past?type=seminar&q=a%20b&page=', declared), '/events/past?q=a+b&type=seminar');
    assert.equal(pageCacheKey('/events/past?q=', declared), '/events/past');
    assert.equal(pageCacheKey('/events/past?utm_source=x', declared), undefined);
    assert.equal(pageCacheKey('/events/past?q=a&q=b', declared), undefined);
    assert.equal(pageCacheKey(`/events/past?q=${'y'.repeat(600)}`, declared), undefined);
    assert.equal(pageCacheKey('/events?page=1', new Set()), undefined);
  });
});
