import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { makeConferenceSession, makeEdition } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { testDialects } from '../../support/db.js';

/**
 * Public programme sessions are named by a random public id, never by their row id: row ids
 * count up, so the gaps between public ones would tell how many closed sessions there are.
 */

const YEAR = 2019;

for (const dialect of testDialects()) {
  void describe(`public session ids (${dialect})`, () => {
    let t: TestApp;
    const rows: { id: number; visibility: 'public' | 'participants' }[] = [];

    before(async () => {
      t = await testApp({
        dialect,
        seed: async (db) => {
          const edition = await makeEdition(db, { year: YEAR });
          // Public and closed sessions in turn: two closed ones between each public pair.
          for (let i = 0; i < 9; i++) {
            const visibility = i % 3 === 0 ? 'public' : 'participants';
            const { id } = await makeConferenceSession(db, edition.id, {
              startsAt: `${YEAR}-04-09T${String(7 + i).padStart(2, '0')}:00:00.000Z`,
              visibility,
              partNumber: i === 3 ? 1 : i === 6 ? 2 : null,
              partCount: i === 3 || i === 6 ? 2 : null,
              texts: { en: { title: `Session ${i}` } },
            });
            rows.push({ id, visibility });
          }
          // Part 2 (the last public one) requires part 1 (the middle public one).
          await db
            .updateTable('conference_sessions')
            .set({ requires_session_id: rows[3]?.id ?? null })
            .where('id', '=', rows[6]?.id ?? 0)
            .execute();
        },
      });
    });
    after(async () => t?.close());

    const publicRows = () => rows.filter((r) => r.visibility === 'public');

    void it('names the sessions of the public programme by random ids, with the part-1 link pointing at one', async () => {
      const html = (await t.app.inject(`/defenders-days/${YEAR}/programme`)).body;
      const anchors = [...html.matchAll(/<div class="session" id="s-([^"]+)"/g)].map((m) => m[1] ?? '');
      assert.equal(anchors.length, publicRows().length);
      for (const a of anchors) assert.match(a, /^[A-Za-z0-9_-]{12}$/, `a random public id, not ${a}`);
      assert.ok(!anchors.some((a) => rows.some((r) => String(r.id) === a)), 'no row id as an anchor');
      const links = [...html.matchAll(/href="#s-([^"]+)"/g)].map((m) => m[1] ?? '');
      assert.equal(links.length, 1, 'the part-2 card links part 1');
      assert.ok(anchors.includes(links[0] ?? ''), 'the link points to a card on the page');
      const stored = await t.database.db.selectFrom('conference_sessions').select(['id', 'public_id']).execute();
      assert.equal(new Set(stored.map((s) => s.public_id)).size, stored.length, 'unique');
    });

    void it('uses the same random ids in the programme calendar: UIDs and links', async () => {
      const cal = new ICAL.Component(ICAL.parse((await t.app.inject(`/defenders-days/${YEAR}/programme.ics`)).body) as unknown[]);
      const events = cal.getAllSubcomponents('vevent');
      assert.equal(events.length, publicRows().length);
      const stored = await t.database.db.selectFrom('conference_sessions').select(['id', 'public_id', 'visibility']).execute();
      const publicIds = new Set(stored.filter((s) => s.visibility === 'public').map((s) => s.public_id));
      for (const v of events) {
        const uid = String(v.getFirstPropertyValue('uid'));
        const id = /^conference-session-([A-Za-z0-9_-]{12})@/.exec(uid)?.[1];
        assert.ok(id && publicIds.has(id), uid);
        assert.ok(String(v.getFirstPropertyValue('url')).endsWith(`#s-${id}`));
      }
    });
  });
}
