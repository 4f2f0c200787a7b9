import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTimeZone, utcToZonedInput, zonedTimeToUtc } from '../../../src/core/shared/zoned-time.js';

const iso = (d: Date) => d.toISOString();

void describe('zoned time: the event form’s local time and zone to UTC and back', () => {
  void it('reads Stockholm winter time as UTC+1 and summer time as UTC+2', () => {
    assert.equal(iso(zonedTimeToUtc('2026-01-15T09:00', 'Europe/Stockholm')), '2026-01-15T08:00:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2026-06-15T09:00', 'Europe/Stockholm')), '2026-06-15T07:00:00.000Z');
  });

  void it('handles the spring gap and the repeated autumn hour (2026 in Stockholm)', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 does not exist and lands after the gap.
    assert.equal(iso(zonedTimeToUtc('2026-03-29T01:59', 'Europe/Stockholm')), '2026-03-29T00:59:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2026-03-29T02:30', 'Europe/Stockholm')), '2026-03-29T01:30:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2026-03-29T03:00', 'Europe/Stockholm')), '2026-03-29T01:00:00.000Z');
    // 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice, the earlier is taken.
    assert.equal(iso(zonedTimeToUtc('2026-10-25T02:30', 'Europe/Stockholm')), '2026-10-25T00:30:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2026-10-25T03:30', 'Europe/Stockholm')), '2026-10-25T02:30:00.000Z');
  });

  void it('handles zones on the other side of UTC and with DST in the other half of the year', () => {
    assert.equal(iso(zonedTimeToUtc('2026-03-08T01:30', 'America/New_York')), '2026-03-08T06:30:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2026-03-08T03:30', 'America/New_York')), '2026-03-08T07:30:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2026-04-05T02:30', 'Australia/Sydney')), '2026-04-04T15:30:00.000Z');
    assert.equal(iso(zonedTimeToUtc('2026-01-10T18:00', 'Asia/Kathmandu')), '2026-01-10T12:15:00.000Z');
  });

  void it('shows a stored instant as the wall clock of the event’s zone, the inverse of the conversion', () => {
    assert.equal(utcToZonedInput(new Date('2026-06-15T07:00:00Z'), 'Europe/Stockholm'), '2026-06-15T09:00');
    assert.equal(utcToZonedInput(new Date('2026-01-01T00:30:00Z'), 'America/New_York'), '2025-12-31T19:30');
    for (let h = 0; h < 366 * 24; h += 5) {
      const instant = new Date(Date.UTC(2026, 0, 1) + h * 3_600_000);
      for (const zone of ['Europe/Stockholm', 'America/Santiago', 'Asia/Tbilisi']) {
        const back = zonedTimeToUtc(utcToZonedInput(instant, zone), zone);
        const diff = instant.getTime() - back.getTime();
        // only an hour repeated by the autumn change may come back as its earlier twin
        assert.ok(diff === 0 || diff === 3_600_000, `${iso(instant)} in ${zone} -> ${iso(back)}`);
      }
    }
  });

  void it('knows IANA zones and refuses anything else', () => {
    for (const z of ['Europe/Stockholm', 'UTC', 'America/Argentina/Buenos_Aires', 'Europe/Kyiv']) assert.ok(isTimeZone(z), z);
    for (const z of ['', 'Nowhere/Atlantis', 'Europe/Stockholm<script>', '../etc/passwd', 'x'.repeat(80)]) assert.ok(!isTimeZone(z), z);
  });
});
