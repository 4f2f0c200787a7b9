import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countryName, formatBytes, formatDate, formatDateTime, formatRange, hostOf, yearOf, zoneName } from '../../../src/i18n/format.js';

// Intl output uses narrow no-break spaces in some locales; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatRange', () => {
  it('shows a same-day event with its local start and end times (Stockholm, winter: UTC+1)', () => {
    assert.equal(
      plain(formatRange('2014-01-24T07:00:00.000Z', '2014-01-24T08:30:00.000Z', 'en', 'Europe/Stockholm')),
      'Friday, 24 January 2014 at 08:00–09:30',
    );
  });

  it('uses summer time in summer (Stockholm: UTC+2) and Swedish words in Swedish', () => {
    assert.equal(
      plain(formatRange('2014-10-24T07:00:00.000Z', '2014-10-24T08:00:00.000Z', 'en', 'Europe/Stockholm')),
      'Friday, 24 October 2014 at 09:00–10:00',
    );
    assert.equal(
      plain(formatRange('2014-10-24T07:00:00.000Z', '2014-10-24T08:00:00.000Z', 'sv', 'Europe/Stockholm')),
      'fredag 24 oktober 2014 kl. 09:00–10:00',
    );
  });

  it('shows the date range for events across days', () => {
    assert.equal(plain(formatRange('2013-04-02T07:00:00.000Z', '2013-04-05T15:00:00.000Z', 'en', 'Europe/Stockholm')), '2 April 2013 – 5 April 2013');
    assert.equal(plain(formatRange('2013-04-02T07:00:00.000Z', '2013-04-05T15:00:00.000Z', 'sv', 'Europe/Stockholm')), '2 april 2013 – 5 april 2013');
  });

  it('decides "same day" in the event’s zone, not in UTC', () => {
    // 22:30–23:30 UTC is one evening in New York but crosses midnight in Stockholm.
    const start = '2025-01-10T22:30:00.000Z';
    const end = '2025-01-10T23:30:00.000Z';
    assert.equal(plain(formatRange(start, end, 'en', 'America/New_York')), 'Friday, 10 January 2025 at 17:30–18:30');
    assert.equal(plain(formatRange(start, end, 'en', 'Europe/Stockholm')), '10 January 2025 – 11 January 2025');
    // And the other way round: one day in Tokyo (08:00–17:00), two days in UTC.
    assert.equal(plain(formatRange('2025-01-10T23:00:00.000Z', '2025-01-11T08:00:00.000Z', 'en', 'Asia/Tokyo')), 'Saturday, 11 January 2025 at 08:00–17:00');
  });

  it('handles the spring DST change: one hour of real time, two on the clock', () => {
    // Stockholm jumps from 02:00 CET to 03:00 CEST on 30 March 2025 (01:00 UTC).
    assert.equal(plain(formatRange('2025-03-30T00:30:00.000Z', '2025-03-30T01:30:00.000Z', 'en', 'Europe/Stockholm')), 'Sunday, 30 March 2025 at 01:30–03:30');
  });

  it('handles the autumn DST change: local clock times repeat', () => {
    // 00:30 UTC is 02:30 CEST and 01:30 UTC is 02:30 CET on 26 October 2025.
    assert.equal(
      plain(formatRange('2025-10-26T00:30:00.000Z', '2025-10-26T01:30:00.000Z', 'en', 'Europe/Stockholm')),
      'Sunday, 26 October 2025 at 02:30–02:30',
    );
    assert.equal(
      plain(formatRange('2025-10-26T06:00:00.000Z', '2025-10-26T07:00:00.000Z', 'en', 'Europe/Stockholm')),
      'Sunday, 26 October 2025 at 07:00–08:00',
    );
  });
});

describe('formatDate, formatDateTime', () => {
  it('formats in the given zone', () => {
    assert.equal(formatDate('2025-01-10T23:30:00.000Z', 'en', 'Asia/Tokyo'), '11 January 2025');
    assert.equal(formatDate('2025-01-10T23:30:00.000Z', 'en', 'UTC'), '10 January 2025');
    assert.equal(formatDate('2025-01-10T23:30:00.000Z', 'sv', 'Europe/Stockholm'), '11 januari 2025');
    assert.equal(plain(formatDateTime('2025-07-01T10:05:00.000Z', 'en', 'Europe/Stockholm')), 'Tuesday, 1 July 2025 at 12:05');
  });

  it('uses the 24-hour clock in both languages', () => {
    assert.match(plain(formatDateTime('2025-07-01T20:05:00.000Z', 'en', 'UTC')), /20:05$/);
    assert.match(plain(formatDateTime('2025-07-01T20:05:00.000Z', 'sv', 'UTC')), /20:05$/);
  });
});

describe('yearOf', () => {
  it('gives the calendar year in the event’s zone', () => {
    assert.equal(yearOf('2014-12-31T23:30:00.000Z', 'Europe/Stockholm'), '2015');
    assert.equal(yearOf('2014-12-31T23:30:00.000Z', 'UTC'), '2014');
    assert.equal(yearOf('2015-01-01T01:00:00.000Z', 'America/New_York'), '2014');
  });
});

describe('zoneName', () => {
  it('names standard and summer time in the visitor’s language', () => {
    assert.equal(zoneName('2025-01-10T12:00:00.000Z', 'en', 'Europe/Stockholm'), 'Central European Standard Time');
    assert.equal(zoneName('2025-07-10T12:00:00.000Z', 'en', 'Europe/Stockholm'), 'Central European Summer Time');
    assert.equal(zoneName('2025-07-10T12:00:00.000Z', 'sv', 'Europe/Stockholm'), 'centraleuropeisk sommartid');
  });
});

describe('countryName, hostOf, formatBytes', () => {
  it('names countries and falls back to the code for nonsense', () => {
    assert.equal(countryName('SE', 'sv'), 'Sverige');
    assert.equal(countryName('SE', 'en'), 'Sweden');
    assert.equal(countryName('xx', 'en'), 'xx');
  });

  it('extracts host names and never throws', () => {
    assert.equal(hostOf('https://www.youtube.com/watch?v=1'), 'youtube.com');
    assert.equal(hostOf('https://vimeo.com/1'), 'vimeo.com');
    assert.equal(hostOf('not a url'), '');
  });

  it('formats sizes with the locale’s decimal sign', () => {
    assert.equal(formatBytes(10, 'en'), '10 B');
    assert.equal(formatBytes(1536, 'en'), '1.5 KB');
    assert.equal(formatBytes(1536, 'sv'), '1,5 KB');
    assert.equal(formatBytes(3 * 1024 * 1024, 'en'), '3 MB');
  });
});
