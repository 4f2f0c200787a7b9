import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  hasFigures,
  localText,
  MIN_PUBLIC_COUNT,
  partLabel,
  publicFigures,
  type ProgrammeSession,
  type ProgrammeTrack,
} from '../../../src/core/conference/conference.schema.js';
import { localTime, programmeGrid } from '../../../src/core/conference/programme-grid.js';

const none = { participants: null, defenders: null, countries: null, continents: null };
const ended = { ended: true, counted: null };

void describe('conference figures: only safe totals are public', () => {
  void it('shows the figures staff entered for an edition that has ended, totals only', () => {
    const f = publicFigures({ participants: 250, defenders: 160, countries: 35, continents: 5 }, ended);
    assert.deepEqual(f, { participants: 250, defenders: 160, countries: 35, continents: 5 });
    assert.equal(hasFigures(f), true);
    assert.equal(hasFigures(publicFigures(none, ended)), false);
  });

  void it('publishes nothing for an edition that has not ended, whatever staff typed', () => {
    const f = publicFigures(
      { participants: 250, defenders: 160, countries: 35, continents: 5 },
      { ended: false, counted: { participants: 40, defenders: 30 } },
    );
    assert.deepEqual(f, none);
  });

  void it('never publishes a count under 5', () => {
    const f = publicFigures({ participants: 3, defenders: 2, countries: 2, continents: 4 }, ended);
    assert.deepEqual(f, none);
    for (let n = 0; n < MIN_PUBLIC_COUNT; n++) assert.equal(publicFigures({ ...none, countries: n }, ended).countries, null, `${n} countries`);
    assert.equal(publicFigures({ ...none, countries: MIN_PUBLIC_COUNT }, ended).countries, MIN_PUBLIC_COUNT);
  });

  void it('hides the defenders when the others (total minus defenders) would be 1 to 4 people', () => {
    for (let others = 1; others < MIN_PUBLIC_COUNT; others++) {
      const f = publicFigures({ ...none, participants: 40 + others, defenders: 40 }, ended);
      assert.deepEqual([f.participants, f.defenders], [40 + others, null], `${others} others`);
    }
    assert.equal(publicFigures({ ...none, participants: 45, defenders: 40 }, ended).defenders, 40, 'five others are safe');
    assert.equal(publicFigures({ ...none, participants: 40, defenders: 40 }, ended).defenders, 40, 'all of them defenders');
    assert.equal(publicFigures({ ...none, participants: 3, defenders: 9 }, ended).defenders, null, 'more defenders than participants');
  });

  void it('drops figures that are not whole non-negative numbers, or that do not fit together', () => {
    const f = publicFigures({ participants: -1, defenders: 1.5, countries: Number.NaN, continents: 5 }, ended);
    assert.deepEqual([f.participants, f.defenders, f.countries, f.continents], [null, null, null, 5]);
    const g = publicFigures({ participants: 20, defenders: null, countries: 30, continents: 6 }, ended);
    assert.deepEqual([g.countries, g.continents], [null, 6]);
    assert.equal(publicFigures({ participants: 50, defenders: null, countries: 5, continents: 6 }, ended).continents, null);
  });

  void it('takes participants and defenders from the platform when it has any, the safe way too', () => {
    const entered = { participants: 999, defenders: 999, countries: 35, continents: 5 };
    assert.deepEqual(publicFigures(entered, { ended: true, counted: { participants: 62, defenders: 41 } }), {
      participants: 62,
      defenders: 41,
      countries: 35,
      continents: 5,
    });
    // 3 stakeholders would be recoverable by subtraction.
    assert.deepEqual(publicFigures(entered, { ended: true, counted: { participants: 44, defenders: 41 } }).defenders, null);
    // 4 participants on the platform: the count is too small, and what staff typed does not replace it.
    const few = publicFigures(entered, { ended: true, counted: { participants: 4, defenders: 4 } });
    assert.deepEqual([few.participants, few.defenders], [null, null]);
    // None on the platform: what staff typed.
    assert.equal(publicFigures(entered, { ended: true, counted: { participants: 0, defenders: 0 } }).participants, 999);
  });
});

void describe('conference texts and labels', () => {
  const json = JSON.stringify({ en: { title: 'Digital security', description: '' }, sv: { title: 'Digital säkerhet' } });

  void it('picks the visitor’s language, else English, and says which', () => {
    assert.deepEqual(localText(json, 'sv', 'title'), { text: 'Digital säkerhet', lang: 'sv' });
    assert.deepEqual(localText(json, 'en', 'title'), { text: 'Digital security', lang: 'en' });
    assert.deepEqual(localText(json, 'sv', 'description'), { text: '', lang: 'en' });
    assert.deepEqual(localText(JSON.stringify({ en: { title: 'Only English' } }), 'sv', 'title'), { text: 'Only English', lang: 'en' });
  });

  void it('reads broken or odd JSON as empty English text', () => {
    for (const bad of ['', '{', 'null', '[]', '"x"', '{"en":7}', '{"en":{"title":5}}'])
      assert.deepEqual(localText(bad, 'sv', 'title'), { text: '', lang: 'en' }, bad);
  });

  void it('labels workshop parts as "1(2)"', () => {
    assert.equal(partLabel({ partNumber: 1, partCount: 2 }), '1(2)');
    assert.equal(partLabel({ partNumber: 2, partCount: 2 }), '2(2)');
    assert.equal(partLabel({ partNumber: null, partCount: null }), null);
    assert.equal(partLabel({ partNumber: 1, partCount: null }), null);
  });
});

void describe('the programme grid: days × tracks', () => {
  const tracks: ProgrammeTrack[] = [
    { id: 10, name: 'Security', lang: 'en' },
    { id: 20, name: 'Law', lang: 'en' },
    { id: 30, name: 'Unused', lang: 'en' },
  ];
  let next = 1;
  const session = (startsAt: string, trackId: number | null, day = startsAt.slice(0, 10)): ProgrammeSession => ({
    id: next,
    publicId: `p${next++}`,
    part: 'closed',
    startsAt,
    endsAt: new Date(new Date(startsAt).getTime() + 3_600_000).toISOString(),
    day,
    trackId,
    room: null,
    type: 'workshop',
    language: 'en',
    title: `Session ${next}`,
    description: '',
    lang: 'en',
    partNumber: null,
    partCount: null,
    requires: null,
    requiresHidden: false,
    people: [],
    updatedAt: startsAt,
  });

  void it('makes one table per day, one row per start time, a column per track used that day, and plenaries across', () => {
    const keynote = session('2018-04-09T08:00:00.000Z', null);
    const law = session('2018-04-09T11:30:00.000Z', 20);
    const sec = session('2018-04-09T11:30:00.000Z', 10);
    const sec2 = session('2018-04-09T11:30:00.000Z', 10);
    const lunch = session('2018-04-09T11:30:00.000Z', null);
    const dayTwo = session('2018-04-10T07:00:00.000Z', 20);
    const grid = programmeGrid([dayTwo, law, sec, keynote, lunch, sec2], tracks, 'Europe/Stockholm');
    assert.deepEqual(
      grid.map((d) => d.day),
      ['2018-04-09', '2018-04-10'],
    );
    const [one, two] = grid;
    assert.ok(one && two);
    assert.deepEqual(
      one.columns.map((c) => c.id),
      [10, 20],
      'only the tracks used that day, in track order',
    );
    assert.deepEqual(
      one.rows.map((r) => [r.time, r.plenary ? 'plenary' : 'tracks']),
      [
        ['10:00', 'plenary'],
        ['13:30', 'plenary'],
        ['13:30', 'tracks'],
      ],
    );
    assert.deepEqual(one.rows[0]?.plenary, [keynote]);
    assert.deepEqual(
      one.rows[2]?.cells?.map((c) => c.map((s) => s.id)),
      [[sec.id, sec2.id], [law.id]],
    );
    assert.deepEqual(
      two.columns.map((c) => c.id),
      [20],
    );
    assert.equal(localTime(dayTwo.startsAt, 'Europe/Stockholm'), '09:00');
  });

  void it('puts a session whose track is not in the list across the tracks', () => {
    const lost = session('2018-04-09T08:00:00.000Z', 99);
    const grid = programmeGrid([lost], tracks, 'Europe/Stockholm');
    assert.deepEqual(grid[0]?.rows[0]?.plenary, [lost]);
    assert.deepEqual(grid[0]?.columns, []);
    assert.deepEqual(programmeGrid([], tracks, 'Europe/Stockholm'), []);
  });
});
