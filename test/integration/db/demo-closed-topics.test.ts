import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoEditions } from '../../../src/db/demo/conference.js';
import type { DemoSession } from '../../../src/db/demo/conference-types.js';
import { loadDemoIfEmpty } from '../../../src/db/demo/load.js';
import { SecretBox } from '../../../src/security/secret-box.js';
import { TEST_MASTER_KEY, testApp, type TestApp } from '../../support/app.js';
import { crawlForMarkers } from '../../support/crawl.js';

/**
 * The demo's public texts say nothing of what the closed part held: no title or topic of a
 * participants-only session appears on any public page, feed, calendar or the sitemap. A
 * topic is caught as any two neighbouring words of a closed session's title or description
 * (small words such as "and" or "och" between them are allowed), in English and Swedish.
 */

const STOP = new Set(
  'a an and are as at be by for from how in into is it its of on or the their to with och eller att en ett för i på med till av om som hur det den de'.split(
    ' ',
  ),
);
const words = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 2 && !STOP.has(w));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every pair of neighbouring content words of the closed sessions' texts. */
function closedTopics(): { pair: string; from: string }[] {
  const out = new Map<string, string>();
  for (const e of demoEditions) {
    for (const s of e.sessions ?? ([] as DemoSession[])) {
      const visibility = s.visibility ?? ((s.part ?? 'closed') === 'open' ? 'public' : 'participants');
      if (visibility === 'public') continue;
      for (const t of [s.texts.en, s.texts.sv]) {
        if (!t) continue;
        for (const text of [t.title, t.description ?? '']) {
          const w = words(text);
          for (let i = 0; i + 1 < w.length; i++) out.set(`${w[i]} ${w[i + 1]}`, `${e.year}: ${t.title}`);
        }
      }
    }
  }
  return [...out].map(([pair, from]) => ({ pair, from }));
}

/** One pattern for all pairs: the two words with only spaces, punctuation and small words between. */
function topicPattern(pairs: string[]): RegExp {
  const gap = `(?:[^\\p{L}\\p{N}]+(?:${[...STOP].map(escape).join('|')}))*[^\\p{L}\\p{N}]+`;
  const alternatives = pairs.map((p) => {
    const [a, b] = p.split(' ') as [string, string];
    return `(?<![\\p{L}\\p{N}])${escape(a)}${gap}${escape(b)}(?![\\p{L}\\p{N}])`;
  });
  return new RegExp(alternatives.join('|'), 'giu');
}

void describe('demo content: public texts name nothing of the closed part', () => {
  let t: TestApp;

  before(async () => {
    t = await testApp({
      seed: async (db, mediaRoot) => {
        await loadDemoIfEmpty(db, mediaRoot, new Date(), new SecretBox(Buffer.from(TEST_MASTER_KEY, 'base64')));
      },
    });
  });
  after(async () => t?.close());

  void it('has closed sessions to check against', () => {
    const topics = closedTopics();
    assert.ok(topics.length >= 10, `${topics.length} pairs`);
    assert.ok(
      topics.some((x) => x.pair === 'stress interrogation'),
      'the 2018 training on stress and interrogation is closed',
    );
  });

  void it('shows no closed session’s topic on any public surface of the demo', async () => {
    const topics = closedTopics();
    const pattern = topicPattern(topics.map((x) => x.pair));
    const starts: string[] = ['/sitemap.xml', '/events.ics', '/sv/events.ics', '/events.atom', '/sv/events.atom'];
    for (const r of t.routes) {
      if (r.method !== 'GET' || r.permission !== 'public' || r.url.includes(':') || r.url.startsWith('/assets/')) continue;
      starts.push(r.url);
    }
    for (const e of demoEditions) {
      if (typeof e.year !== 'number') continue;
      for (const prefix of ['', '/sv'])
        starts.push(`${prefix}/defenders-days/${e.year}`, `${prefix}/defenders-days/${e.year}/programme`, `${prefix}/defenders-days/${e.year}/programme.ics`);
    }
    const result = await crawlForMarkers(t.app, starts, pattern, { limit: 1_500 });
    const ok = [...result.pages.values()].filter((s) => s === 200).length;
    assert.ok(ok >= 100, `public pages read: ${ok}`);
    // The pattern itself finds a closed topic when one is there.
    assert.match('Sessions on stress and interrogation', topicPattern(['stress interrogation']));
    assert.deepEqual(result.found, [], 'closed topics on public surfaces');
  });
});
