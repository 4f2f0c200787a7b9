import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { fixedClock } from '../../../src/core/shared/clock.js';
import { makeConferenceSession, makeEdition, makeEvent, makeNotice, makeVenue } from '../../../src/db/factories.js';
import { testApp, type TestApp } from '../../support/app.js';
import { testDialects } from '../../support/db.js';

/**
 * The calendar files the public site serves, with line breaks of every kind in the texts
 * staff type (title, summary, venue, session title and description): each file parses with
 * ical.js into exactly the properties the writer means, and the text keeps its breaks as text.
 */

const BREAKS = ['\r\n', '\r', '\n', '\u000b', '\u000c', '\u0085', '\u2028', '\u2029'];
const evil = (label: string) => BREAKS.map((br) => `${label}${br}ATTENDEE:mailto:spy@example.org${br}X-INJECTED:1`).join(' ');

const CALENDAR_PROPERTIES = new Set(['version', 'prodid', 'name', 'x-wr-calname', 'refresh-interval', 'x-published-ttl']);
const EVENT_PROPERTIES = new Set(['uid', 'sequence', 'dtstamp', 'dtstart', 'dtend', 'summary', 'location', 'description', 'url', 'status', 'last-modified']);

function check(body: string, where: string): number {
  assert.doesNotMatch(body.replace(/\r\n/g, ''), /[\r\n\u000b\u000c\u0085\u2028\u2029]/, `${where}: a raw line break`);
  const cal = new ICAL.Component(ICAL.parse(body) as unknown[]);
  for (const p of cal.getAllProperties()) assert.ok(CALENDAR_PROPERTIES.has(p.name), `${where}: calendar property ${p.name}`);
  const events = cal.getAllSubcomponents('vevent');
  for (const v of events) {
    for (const p of v.getAllProperties()) assert.ok(EVENT_PROPERTIES.has(p.name), `${where}: event property ${p.name}`);
    assert.ok(new ICAL.Event(v).summary.includes('\nATTENDEE:mailto:spy@example.org\n'), `${where}: the breaks stay text`);
  }
  return events.length;
}

for (const dialect of testDialects()) {
  void describe(`calendar files with line breaks in every text (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp({
        dialect,
        clock: fixedClock('2026-06-01T10:00:00.000Z'),
        seed: async (db) => {
          const venue = await makeVenue(db, { slug: 'ics-venue', name: evil('Hall'), city: evil('City') });
          const e = await makeEvent(db, {
            slug: 'ics-evil',
            venueId: venue.id,
            startsAt: '2026-06-10T15:00:00.000Z',
            endsAt: '2026-06-10T17:00:00.000Z',
            texts: { en: { title: evil('Seminar'), summary: evil('Summary') }, sv: { title: evil('Seminarium'), summary: evil('Sammanfattning') } },
          });
          await makeNotice(db, e.id, { en: evil('Moved') });
          const edition = await makeEdition(db, { year: 2026, startsOn: '2026-11-09', endsOn: '2026-11-12' });
          await makeConferenceSession(db, edition.id, {
            part: 'open',
            startsAt: '2026-11-12T16:00:00.000Z',
            texts: { en: { title: evil('Ceremony'), description: evil('About') }, sv: { title: evil('Ceremoni'), description: evil('Om') } },
          });
        },
      });
    });
    after(async () => t?.close());

    void it('keeps them out of the event calendars and the programme calendar, in both languages', async () => {
      for (const prefix of ['', '/sv']) {
        for (const url of [`${prefix}/events/ics-evil.ics`, `${prefix}/events.ics`, `${prefix}/defenders-days/2026/programme.ics`]) {
          const res = await t.app.inject(url);
          assert.equal(res.statusCode, 200, url);
          assert.equal(check(res.body, url), 1, `${url}: one event`);
        }
      }
    });
  });
}
