import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseEventForm, valuesOfEvent, type AdminEvent } from '../../../src/core/events/admin-events.schema.js';
import { DomainError } from '../../../src/core/shared/errors.js';

const valid = {
  slug: 'shrinking-space-2026',
  type: 'seminar',
  series_id: '',
  starts_local: '2026-05-14T09:00',
  ends_local: '2026-05-14T11:30',
  time_zone: 'Europe/Stockholm',
  venue_id: '3',
  countries: 'se, BY;ru',
  topic_ids: ['2', '5', '2'],
  partner_ids: '7',
  speaker_person_0: '4',
  speaker_role_0: 'panellist',
  speaker_person_1: '',
  speaker_role_1: 'speaker',
  live_stream_url: 'https://video.example.org/live',
  recording_url: '',
  title_en: '  Shrinking civic space  ',
  summary_en: 'A seminar.',
  body_en: 'One.\r\n\r\nTwo.',
  title_sv: '',
  summary_sv: '',
  body_sv: '',
};

function fieldErrors(raw: Record<string, unknown>): Record<string, string> {
  try {
    parseEventForm(raw);
  } catch (e) {
    assert.ok(e instanceof DomainError && e.code === 'invalid', String(e));
    return e.fields;
  }
  assert.fail('the form was accepted');
}

void describe('the admin event form', () => {
  void it('accepts a full form and stores times in UTC', () => {
    const e = parseEventForm(valid);
    assert.equal(e.slug, 'shrinking-space-2026');
    assert.equal(e.startsAt, '2026-05-14T07:00:00.000Z');
    assert.equal(e.endsAt, '2026-05-14T09:30:00.000Z');
    assert.equal(e.timeZone, 'Europe/Stockholm');
    assert.deepEqual(e.countries, ['SE', 'BY', 'RU']);
    assert.deepEqual(e.topicIds, [2, 5]);
    assert.deepEqual(e.partnerIds, [7]);
    assert.deepEqual(e.people, [{ personId: 4, role: 'panellist' }]);
    assert.equal(e.venueId, 3);
    assert.equal(e.online, false);
    assert.equal(e.texts.en.title, 'Shrinking civic space');
    assert.equal(e.texts.en.body, 'One.\n\nTwo.');
    assert.equal(e.texts.sv, null);
    assert.equal(e.liveStreamUrl, 'https://video.example.org/live');
    assert.equal(e.recordingUrl, null);
  });

  void it('accepts seconds from browsers that send them', () => {
    assert.equal(parseEventForm({ ...valid, starts_local: '2026-05-14T09:00:00' }).startsAt, '2026-05-14T07:00:00.000Z');
  });

  void it('refuses bad slugs, reserved words included', () => {
    assert.equal(fieldErrors({ ...valid, slug: '' }).slug, 'event.slug-required');
    for (const slug of ['-x', 'a', 'with space', 'ÅÄÖ-event', 'a/b', 'x'.repeat(82), 'event.ics'])
      assert.equal(fieldErrors({ ...valid, slug }).slug, 'event.slug-invalid', slug);
    for (const slug of ['past', 'new']) assert.equal(fieldErrors({ ...valid, slug }).slug, 'event.slug-reserved', slug);
    assert.equal(parseEventForm({ ...valid, slug: 'Upper-Case' }).slug, 'upper-case');
  });

  void it('needs the end after the start, real dates and a known zone', () => {
    assert.equal(fieldErrors({ ...valid, ends_local: '2026-05-14T09:00' }).ends_local, 'event.end-before-start');
    assert.equal(fieldErrors({ ...valid, ends_local: '2026-05-14T08:00' }).ends_local, 'event.end-before-start');
    assert.equal(fieldErrors({ ...valid, starts_local: '2026-02-30T09:00' }).starts_local, 'event.time-invalid');
    assert.equal(fieldErrors({ ...valid, starts_local: 'tomorrow' }).starts_local, 'event.time-invalid');
    assert.equal(fieldErrors({ ...valid, starts_local: '' }).starts_local, 'event.time-required');
    assert.equal(fieldErrors({ ...valid, time_zone: 'Mars/Olympus' }).time_zone, 'event.zone-invalid');
  });

  void it('needs a venue or online, and real country codes', () => {
    assert.equal(fieldErrors({ ...valid, venue_id: '' }).venue_id, 'event.venue-or-online');
    assert.equal(parseEventForm({ ...valid, venue_id: '', online: '1' }).online, true);
    assert.equal(fieldErrors({ ...valid, venue_id: 'abc' }).venue_id, 'form.choice-invalid');
    assert.equal(fieldErrors({ ...valid, countries: 'SE, XX' }).countries, 'event.countries-invalid');
    assert.equal(fieldErrors({ ...valid, countries: 'Sweden' }).countries, 'event.countries-invalid');
  });

  void it('allows only https for live streams and recordings', () => {
    for (const url of ['http://video.example.org/x', 'javascript:alert(1)', 'ftp://x.org/', 'https://user:pw@x.org/', 'not a url']) {
      assert.equal(fieldErrors({ ...valid, recording_url: url }).recording_url, 'form.url-https', url);
    }
  });

  void it('needs the English title; Swedish is optional but needs its own title once begun', () => {
    assert.equal(fieldErrors({ ...valid, title_en: '   ' }).title_en, 'event.title-required');
    assert.equal(fieldErrors({ ...valid, summary_sv: 'Ett seminarium.' }).title_sv, 'event.title-sv-required');
    const e = parseEventForm({ ...valid, title_sv: 'Krympande utrymme', summary_sv: 'Ett seminarium.' });
    assert.deepEqual(e.texts.sv, { title: 'Krympande utrymme', summary: 'Ett seminarium.', body: '' });
  });

  void it('checks speaker roles and duplicates', () => {
    assert.equal(fieldErrors({ ...valid, speaker_role_0: 'king' }).speaker_role_0, 'event.role-invalid');
    assert.equal(fieldErrors({ ...valid, speaker_person_1: '4', speaker_role_1: 'panellist' }).speaker_person_1, 'event.speaker-twice');
  });

  void it('refuses over-long text and control characters, and reports every field at once', () => {
    const errors = fieldErrors({ ...valid, title_en: 'x'.repeat(201), body_en: 'a\u0000b', type: 'party', recording_url: 'http://x.org' });
    assert.deepEqual(errors, { title_en: 'form.too-long', body_en: 'form.text-invalid', type: 'event.type-invalid', recording_url: 'form.url-https' });
  });

  void it('reads multipart-style { value } fields too', () => {
    const wrapped = Object.fromEntries(Object.entries(valid).map(([k, v]) => [k, Array.isArray(v) ? v : { value: v }]));
    assert.equal(parseEventForm(wrapped).slug, 'shrinking-space-2026');
  });

  void it('shows a stored event in its own zone, so saving it unchanged keeps the same instants', () => {
    const input = parseEventForm(valid);
    const stored: AdminEvent = {
      ...input,
      id: 1,
      status: 'draft',
      hidden: false,
      title: input.texts.en.title,
      image: null,
      documents: [],
      notices: [],
      publishedAt: null,
      updatedAt: '',
    };
    const again = parseEventForm(valuesOfEvent(stored));
    assert.equal(again.startsAt, input.startsAt);
    assert.equal(again.endsAt, input.endsAt);
    assert.deepEqual(again.people, input.people);
    assert.deepEqual(again.countries, input.countries);
  });
});
