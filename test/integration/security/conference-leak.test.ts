/**
 * The conference's leak test: closed-part sessions, rooms, trainers, tracks, unconfirmed empty
 * chairs, a draft edition and a draft programme are seeded with unique markers; a visitor
 * then crawls every public URL of the route table (every language, pages, .ics, .atom,
 * sitemap, JSON-LD, error pages, the programme with every filter) and follows every link.
 * 0 markers may appear, and nothing may reach the server log. A closed object asked for
 * directly is a 404. A fixture route that shows a closed session proves the crawl can fail.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { loadConfig } from '../../../src/config.js';
import { ConferenceRepository } from '../../../src/core/conference/conference.repository.js';
import { fixedClock } from '../../../src/core/shared/clock.js';
import { locales, localePath } from '../../../src/i18n/index.js';
import { buildApp } from '../../../src/server.js';
import { TEST_MASTER_KEY, type TestApp } from '../../support/app.js';
import { CONFERENCE_NOW, conferenceFixture as f, seedConference, type ConferenceIds } from '../../support/conference-seed.js';
import { crawlForMarkers } from '../../support/crawl.js';
import { freshDatabase, testDialects } from '../../support/db.js';

const RUN = crypto.randomBytes(5).toString('hex');
const MARK = `CONFMARK-${RUN}`;
const marker = (field: string) => `${MARK}-${field}`;
const MARKERS = new RegExp(`${MARK}-[\\w.-]+`);

for (const dialect of testDialects()) {
  void describe(`conference leak test (${dialect})`, () => {
    let t: TestApp;
    let ids: ConferenceIds;
    const log: string[] = [];

    before(async () => {
      const database = await freshDatabase(dialect);
      ids = await seedConference(database.db, marker);
      const stream = new Writable({
        write(chunk: Buffer, _enc, cb) {
          log.push(chunk.toString('utf8'));
          cb();
        },
      });
      const env: NodeJS.ProcessEnv = { DATA_DIR: database.dataDir, PUBLIC_URL: 'http://events.test', MASTER_KEY: TEST_MASTER_KEY };
      const config = loadConfig(env);
      const built = await buildApp({ config, database, clock: fixedClock(CONFERENCE_NOW), logger: { stream, level: 'info' }, env });
      t = {
        ...built,
        database,
        config,
        async close() {
          await built.app.close();
          await database.drop();
        },
      };
    });
    after(async () => t?.close());

    void it('shows no closed marker on any public surface, in any language, nor in the log', async (ctx) => {
      const years = [f.year, f.draftYear, f.draftProgrammeYear, f.noDatesYear, 1999];
      const slugs = [f.openSlug, f.draftOpenSlug, f.nextOpenSlug, marker('in-url')];
      const starts: string[] = [];
      for (const r of t.routes) {
        if (r.method !== 'GET' || r.permission !== 'public' || r.url.startsWith('/assets/') || r.url.includes(':token')) continue;
        const names = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
        if (!names.length) {
          starts.push(r.url, `${r.url}?q=${marker('in-query')}`);
          continue;
        }
        const values: Record<string, readonly (string | number)[]> = { year: [...years, marker('in-url')], slug: slugs };
        let urls = [r.url];
        for (const name of names) {
          urls = urls.flatMap((u) => (values[name ?? ''] ?? [marker('in-url')]).map((v) => u.replace(`:${name}`, encodeURIComponent(String(v)))));
        }
        starts.push(...urls);
        if (r.url.endsWith('/programme')) {
          const filters = [
            `track=${ids.tracks.closed}`,
            `track=${ids.tracks.b}&type=panel`,
            'language=ru',
            'type=training',
            'type=social',
            `type=${marker('in-400')}`,
          ];
          for (const y of years) for (const q of filters) starts.push(`${r.url.replace(':year', String(y))}?${q}`);
        }
      }
      for (const locale of locales) {
        starts.push(localePath(locale, `/no-such-page/${marker('in-404')}`), localePath(locale, `/defenders-days/%E0%A4%A/${marker('in-400')}`));
      }
      const result = await crawlForMarkers(t.app, starts, MARKERS, { limit: 1500 });
      const inLog = [...log.join('').matchAll(new RegExp(MARKERS.source, 'g'))].map((m) => m[0]);
      const conferencePages = [...result.pages.keys()].filter((u) => u.includes('/defenders-days'));
      const line = `conference leak test: ${result.pages.size} URLs crawled (${conferencePages.length} conference pages), ${result.found.length} markers found on public surfaces, ${inLog.length} in the log [${dialect}]`;
      console.log(line);
      ctx.diagnostic(line);
      assert.deepEqual(result.found, [], 'markers on public surfaces');
      assert.deepEqual(inLog, [], 'markers in the log');
      // The crawl really reached the programme, its calendar, the sitemap and both languages.
      for (const u of [
        `/defenders-days/${f.year}/programme`,
        `/sv/defenders-days/${f.year}/programme`,
        `/defenders-days/${f.year}/programme.ics`,
        `/sv/defenders-days/${f.year}`,
        '/sitemap.xml',
        '/events.atom',
        '/sv/events.ics',
      ]) {
        assert.equal(result.pages.get(u), 200, u);
      }
      assert.ok(result.pages.size >= 150, `URLs crawled: ${result.pages.size}`);
    });

    void it('answers 404 for a closed edition or programme asked for directly, in every language', async () => {
      for (const locale of locales) {
        for (const path of [`/defenders-days/${f.draftYear}`, `/defenders-days/${f.draftYear}/programme`, `/defenders-days/${f.draftYear}/programme.ics`]) {
          const res = await t.app.inject(localePath(locale, path));
          assert.equal(res.statusCode, 404, localePath(locale, path));
          assert.ok(!MARKERS.test(res.body));
        }
        // The draft open session's event is not there either.
        assert.equal((await t.app.inject(localePath(locale, `/events/${f.draftOpenSlug}`))).statusCode, 404);
      }
      // Sessions, rooms and people have no address of their own: the only parameter under /defenders-days is the year.
      for (const r of t.routes.filter((x) => x.url.includes('/defenders-days/'))) {
        assert.deepEqual(
          [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]),
          ['year'],
          r.url,
        );
      }
      // A closed session is not even an anchor of the page.
      const page = await t.app.inject(`/defenders-days/${f.year}/programme`);
      for (const id of [ids.sessions.closed, ids.sessions.closedB, ids.sessions.openClosed]) {
        const row = await t.database.db.selectFrom('conference_sessions').select('public_id').where('id', '=', id).executeTakeFirstOrThrow();
        assert.ok(!page.body.includes(row.public_id), `no anchor for closed session ${id}`);
      }
    });
  });
}

void describe('the conference leak crawl catches a leaking route (fixture app, not the real one)', () => {
  void it('finds a closed session title that a public page shows', async () => {
    const database = await freshDatabase('sqlite');
    await seedConference(database.db, marker);
    const repo = new ConferenceRepository(database.db);
    const app = Fastify({ logger: false });
    app.get('/', async (_request, reply) => reply.type('text/html').send('<a href="/programme">Programme</a>'));
    // The bug: the programme reads every session, not the public ones.
    app.get('/programme', async (_request, reply) => {
      const edition = await repo.edition(f.year, 'public');
      const rows = await repo.sessions(edition?.id ?? 0, 'all');
      return reply.type('text/html').send(`<ul>${rows.map((r) => `<li>${r.texts}</li>`).join('')}</ul>`);
    });
    await app.ready();
    try {
      const result = await crawlForMarkers(app, ['/'], MARKERS);
      assert.equal(result.pages.size, 2);
      assert.ok(
        result.found.some((x) => x.startsWith('/programme (200)') && x.includes(marker('session-title-en'))),
        result.found.join('\n'),
      );
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
