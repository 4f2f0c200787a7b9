import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addDays, daysFromNowAt, localDate, offsetMinutes, zonedTimeToUtc } from '../../../src/db/demo/dates.js';

const iso = (d: Date) => d.toISOString();

void describe('demo dates: zonedTimeToUtc', () => {
  void it('reads Stockholm winter time as UTC+1 and summer time as UTC+2', () => {
    assert.equal(iso(zonedTimeToUtc('2014-03-20T08:00', 'Europe/Stockholm')), '2014-03-20T07:00:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2014-10-24T09:00', 'Europe/Stockholm')), '2014-10-24T07:00:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2012-05-25T09:00', 'Europe/Stockholm')), '2012-05-25T07:00:00.000Z');
  });

  void it('handles other zones, including negative and half-hour offsets', () => {
    assert.equal(iso(zonedTimeToUtc('2011-11-22T09:00', 'Europe/Sarajevo')), '2011-11-22T08:00:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2024-07-01T09:00', 'America/New_York')), '2024-07-01T13:00:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2024-01-15T09:00', 'Asia/Kolkata')), '2024-01-15T03:30:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2024-01-15T00:00', 'UTC')), '2024-01-15T00:00:00.000Z');
  });

  void it('crosses midnight into the previous UTC day', () => {
    assert.equal(iso(zonedTimeToUtc('2024-01-01T00:30', 'Europe/Stockholm')), '2023-12-31T23:30:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2024-01-01T08:00', 'Pacific/Auckland')), '2023-12-31T19:00:00.000Z');
  });

  void it('puts a time skipped by the spring change after the gap', () => {
    // Stockholm, 31 March 2024: 02:00 CET becomes 03:00 CEST; 02:30 does not exist.
    assert.equal(iso(zonedTimeToUtc('2024-03-31T02:30', 'Europe/Stockholm')), '2024-03-31T01:30:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2024-03-31T03:00', 'Europe/Stockholm')), '2024-03-31T01:00:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2024-03-31T01:59', 'Europe/Stockholm')), '2024-03-31T00:59:00.000Z');
  });

  void it('takes the earlier of the two instants of a time repeated by the autumn change', () => {
    // Stockholm, 27 October 2024: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    assert.equal(iso(zonedTimeToUtc('2024-10-27T02:30', 'Europe/Stockholm')), '2024-10-27T00:30:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2024-10-27T03:00', 'Europe/Stockholm')), '2024-10-27T02:00:00.000Z');
  });

  void it('round-trips every hour of a year through the wall clock', () => {
    for (let h = 0; h < 366 * 24; h += 7) {
      const instant = new Date(Date.UTC(2025, 0, 1) + h * 3_600_000);
      const offset = offsetMinutes(instant, 'Europe/Stockholm');
      const wall = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 16);
      const back = zonedTimeToUtc(wall, 'Europe/Stockholm');
      // Only the repeated autumn hour may come back as its earlier twin.
      assert.ok(back.getTime() === instant.getTime() || instant.getTime() - back.getTime() === 3_600_000, `${iso(instant)} -> ${wall} -> ${iso(back)}`);
    }
  });

  void it('rejects malformed or impossible input', () => {
    assert.throws(() => zonedTimeToUtc('2024-02-30T09:00', 'Europe/Stockholm'));
    assert.throws(() => zonedTimeToUtc('2024-01-01 09:00', 'Europe/Stockholm'));
    assert.throws(() => zonedTimeToUtc('2024-01-01T24:00', 'Europe/Stockholm'));
    assert.throws(() => zonedTimeToUtc('2024-01-01T09:00', 'Nowhere/Atlantis'));
  });
});

void describe('demo dates: calendar helpers', () => {
  void it('offsetMinutes gives the zone offset at an instant', () => {
    assert.equal(offsetMinutes(new Date('2024-01-15T12:00:00Z'), 'Europe/Stockholm'), 60);
    assert.equal(offsetMinutes(new Date('2024-07-15T12:00:00Z'), 'Europe/Stockholm'), 120);
    assert.equal(offsetMinutes(new Date('2024-07-15T12:00:00Z'), 'America/New_York'), -240);
  });

  void it('localDate is the calendar date in the zone, not in UTC', () => {
    assert.equal(localDate(new Date('2024-06-30T22:30:00Z'), 'Europe/Stockholm'), '2024-07-01');
    assert.equal(localDate(new Date('2024-06-30T22:30:00Z'), 'UTC'), '2024-06-30');
    assert.equal(localDate(new Date('2024-07-01T02:00:00Z'), 'America/New_York'), '2024-06-30');
  });

  void it('addDays walks over month, year and leap-day boundaries', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2023-02-28', 1), '2023-03-01');
    assert.equal(addDays('2024-12-25', 10), '2025-01-04');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
  });

  void it('daysFromNowAt counts calendar days in the zone and keeps the wall-clock time across a DST change', () => {
    // 23:30 UTC on 29 March 2024 is already 30 March in Stockholm.
    const now = new Date('2024-03-29T23:30:00Z');
    assert.equal(iso(daysFromNowAt(now, 0, '09:00', 'Europe/Stockholm')), '2024-03-30T08:00:00.000Z');
    assert.equal(iso(daysFromNowAt(now, 1, '09:00', 'Europe/Stockholm')), '2024-03-31T07:00:00.000Z');
    assert.equal(iso(daysFromNowAt(now, 10, '09:00', 'Europe/Stockholm')), '2024-04-09T07:00:00.000Z');
  });
});
