import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../../../src/core/shared/clock.js';
import { makeEdition } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { testDialects } from '../../support/db.js';
import { participant, staffPrincipal } from '../../support/participation.js';
import { decodeHtml } from './markup.js';

/**
 * An edition's figures on its public page: only once it has ended, never a count under 5 or
 * one recoverable by subtraction, and from the platform's own records when it has them.
 */

const NOW = '2026-06-01T10:00:00.000Z';
const text = (html: string) => decodeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
/** The figures section as "label number" pairs, or '' when there is none. */
const figuresOf = (html: string) => {
  const m = /<dl class="figures edition-figures">([\s\S]*?)<\/dl>/.exec(html);
  return m ? text(m[1] ?? '').trim() : '';
};

for (const dialect of testDialects()) {
  void describe(`conference figures on the public pages (${dialect})`, () => {
    let t: TestApp;
    const years = { past: 2020, erased: 2019, upcoming: 2027, counted: 2026 };

    before(async () => {
      t = await testApp({
        dialect,
        clock: fixedClock(NOW),
        seed: async (db) => {
          await makeEdition(db, { year: years.past, figures: { participants: 45, defenders: 42, countries: 3, continents: 2 } });
          await makeEdition(db, { year: years.upcoming, figures: { participants: 3, defenders: 2, countries: 2, continents: 1 } });
          const erased = await makeEdition(db, { year: years.erased, figures: { participants: 999, defenders: 999, countries: 40, continents: 5 } });
          // What the deletion job kept of 2019: totals per role.
          await db
            .insertInto('participation_totals')
            .values([
              { edition_id: erased.id, role: 'defender', participants: 30, applications: 0, picks: 0, purged_at: NOW },
              { edition_id: erased.id, role: 'stakeholder', participants: 12, applications: 0, picks: 0, purged_at: NOW },
            ])
            .execute();
          await makeEdition(db, {
            year: years.counted,
            startsOn: '2026-11-09',
            endsOn: '2026-11-12',
            figures: { participants: 999, defenders: 999, countries: 20, continents: 5 },
          });
        },
      });
      // Six people take part in the 2026 edition through the platform (five defenders, one stakeholder)...
      const edition = await t.database.db.selectFrom('conference_editions').select('id').where('year', '=', years.counted).executeTakeFirstOrThrow();
      const principal = await staffPrincipal(t);
      for (let i = 0; i < 6; i++) await participant(t, edition.id, { principal, role: i < 5 ? 'defender' : 'stakeholder' });
      // ...and then it is over.
      await t.database.db.updateTable('conference_editions').set({ starts_on: '2026-05-04', ends_on: '2026-05-07' }).where('id', '=', edition.id).execute();
    });
    after(async () => t?.close());

    const page = async (year: number, prefix = '') => {
      const res = await t.app.inject(`${prefix}/defenders-days/${year}`);
      assert.equal(res.statusCode, 200, `${year}: ${res.statusCode}`);
      return res.body;
    };

    void it('publishes nothing for an edition still to come, whatever staff typed', async () => {
      for (const prefix of ['', '/sv']) {
        const html = await page(years.upcoming, prefix);
        assert.equal(figuresOf(html), '');
        assert.doesNotMatch(html, /figures-title/);
      }
    });

    void it('leaves out counts under 5 and a defenders figure that leaves 1 to 4 others', async () => {
      // 45 participants, 42 defenders: 3 others would follow by subtraction. 3 countries, 2 continents: too few.
      assert.equal(figuresOf(await page(years.past)), 'Participants 45');
      assert.equal(figuresOf(await page(years.past, '/sv')), 'Deltagare 45');
    });

    void it('counts the participants the platform had, or the totals kept after their deletion', async () => {
      // 6 on the platform, 5 of them defenders: the total only (one other would be named by subtraction);
      // the 20 countries staff typed cannot be true of 6 people.
      assert.equal(figuresOf(await page(years.counted)), 'Participants 6 Continents 5');
      // 42 in the totals kept, 30 defenders (12 others): both.
      assert.equal(figuresOf(await page(years.erased)), 'Participants 42 Human rights defenders 30 Countries 40 Continents 5');
    });
  });
}
