import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import { icsCalendar, PROD_ID, type IcsEvent } from '../../../src/core/events/ical.js';

/** Every character some reader takes for the end of a line. */
const BREAKS: Record<string, string> = {
  CRLF: '\r\n',
  CR: '\r',
  LF: '\n',
  VT: '\u000b',
  FF: '\u000c',
  NEL: '\u0085',
  'LINE SEPARATOR': '\u2028',
  'PARAGRAPH SEPARATOR': '\u2029',
  'LF CR': '\n\r',
};

/** What an attacker would like a calendar to carry. */
const injected = (br: string) => `Seminar${br}ATTENDEE:mailto:spy@example.org${br}X-INJECTED:1${br}END:VEVENT${br}BEGIN:VEVENT${br}SUMMARY:forged`;

const event = (text: string): IcsEvent => ({
  uid: 'event-1@events.test',
  start: new Date('2026-06-10T15:00:00.000Z'),
  end: new Date('2026-06-10T17:00:00.000Z'),
  stamp: new Date('2026-06-01T10:00:00.000Z'),
  lastModified: new Date('2026-06-01T10:00:00.000Z'),
  summary: text,
  description: text,
  location: text,
  url: 'http://events.test/events/seminar',
  status: 'CONFIRMED',
});

const unescapeText = (v: string) => v.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

const EVENT_PROPERTIES = ['uid', 'sequence', 'dtstamp', 'dtstart', 'dtend', 'summary', 'location', 'description', 'url', 'status', 'last-modified'];
const CALENDAR_PROPERTIES = ['version', 'prodid', 'name', 'x-wr-calname'];

void describe('iCalendar writer', () => {
  for (const [label, br] of Object.entries(BREAKS)) {
    void it(`keeps a ${label} in a title, description, location or calendar name inside its own property`, () => {
      const text = injected(br);
      const body = icsCalendar({ name: text, prodId: PROD_ID, events: [event(text)] });
      // The only line ends are CRLF, and nothing else a reader might split on is left raw.
      assert.doesNotMatch(body.replace(/\r\n/g, ''), /[\r\n\u000b\u000c\u0085\u2028\u2029]/);
      const cal = new ICAL.Component(ICAL.parse(body) as unknown[]);
      assert.deepEqual(
        cal.getAllProperties().map((p) => p.name),
        CALENDAR_PROPERTIES,
      );
      const events = cal.getAllSubcomponents('vevent');
      assert.equal(events.length, 1, 'no forged event');
      assert.deepEqual(
        events[0]?.getAllProperties().map((p) => p.name),
        EVENT_PROPERTIES,
      );
      const ev = new ICAL.Event(events[0]);
      assert.equal(ev.summary, text.replace(/\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/g, '\n'), 'each break an escaped line break in the text');
      assert.equal(ev.location, ev.summary);
      assert.equal(ev.description, ev.summary);
      // ical.js leaves NAME and X-WR-CALNAME as written: unescape them as a TEXT reader would.
      for (const p of ['name', 'x-wr-calname']) assert.equal(unescapeText(String(cal.getFirstPropertyValue(p))), ev.summary, p);
    });
  }

  void it('drops other control characters and keeps commas, semicolons and backslashes as text', () => {
    const text = 'a\u0000b\u0007c\u001bd\u007fe, f; g\\h\ti';
    const cal = new ICAL.Component(ICAL.parse(icsCalendar({ name: 'n', prodId: PROD_ID, events: [event(text)] })) as unknown[]);
    assert.equal(new ICAL.Event(cal.getFirstSubcomponent('vevent') ?? undefined).summary, 'abcde, f; g\\h\ti');
  });
});
