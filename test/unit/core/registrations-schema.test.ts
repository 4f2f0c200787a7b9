import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  availabilityOf,
  csvCell,
  csvLine,
  defaultSettings,
  parseRegistrationForm,
  parseSettingsForm,
  type Question,
} from '../../../src/core/registrations/registrations.schema.js';
import { DomainError } from '../../../src/core/shared/errors.js';

const fieldsOf = (fn: () => unknown): Record<string, string> => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.fields;
    throw e;
  }
  assert.fail('expected a form error');
};

const question = (id: number, required = false): Question => ({
  id,
  position: 0,
  required,
  retentionDays: 0,
  texts: { en: { label: 'Access needs', purpose: 'To plan the room' } },
});

describe('registration form', () => {
  const idem = 'abcdefghijklmnop1234';

  it('takes an address and a name or alias, trimmed; the address is compared in lower case', () => {
    const r = parseRegistrationForm({ email: '  Ana@Example.ORG ', name: ' Ana ', idem }, []);
    assert.equal(r.email, 'Ana@Example.ORG');
    assert.equal(r.normalisedEmail, 'ana@example.org');
    assert.equal(r.name, 'Ana');
    assert.deepEqual(r.answers, []);
  });

  it('names every problem at once', () => {
    const f = fieldsOf(() => parseRegistrationForm({ email: 'not-an-address', name: '', idem: 'short' }, [question(7, true)]));
    assert.deepEqual(f, {
      email: 'registration.email-invalid',
      name: 'registration.name-required',
      form: 'registration.form-stale',
      q7: 'registration.answer-required',
    });
  });

  it('refuses control characters and over-long names, and keeps answers only to its own questions', () => {
    assert.equal(fieldsOf(() => parseRegistrationForm({ email: 'a@example.org', name: 'A\u0000B', idem }, [])).name, 'form.text-invalid');
    assert.equal(fieldsOf(() => parseRegistrationForm({ email: 'a@example.org', name: 'x'.repeat(101), idem }, [])).name, 'form.too-long');
    const r = parseRegistrationForm({ email: 'a@example.org', name: 'A', idem, q7: 'A ramp', q8: 'not asked' }, [question(7)]);
    assert.deepEqual(r.answers, [{ questionId: 7, value: 'A ramp' }]);
  });
});

describe('registration settings form', () => {
  it('reads capacity, deadline in the event’s zone and questions with purpose and retention', () => {
    const s = parseSettingsForm(
      {
        enabled: '1',
        capacity: '40',
        waitlist: '1',
        deadline: '2026-12-01T18:00',
        q0_label_en: 'Access needs',
        q0_purpose_en: 'To plan the room',
        q0_retention: '7',
        q0_required: '1',
      },
      'Europe/Stockholm',
    );
    assert.equal(s.capacity, 40);
    assert.equal(s.deadline, '2026-12-01T17:00:00.000Z');
    assert.equal(s.aliasAllowed, false);
    assert.deepEqual(s.questions, [{ id: null, required: true, retentionDays: 7, texts: { en: { label: 'Access needs', purpose: 'To plan the room' } } }]);
  });

  it('an empty capacity is no limit; a question needs its purpose; Swedish comes in pairs', () => {
    assert.equal(parseSettingsForm({ enabled: '1' }, 'UTC').capacity, null);
    const f = fieldsOf(() =>
      parseSettingsForm(
        {
          capacity: '-1',
          q0_label_en: 'Why?',
          q1_purpose_en: 'orphan',
          q2_label_en: 'Diet',
          q2_purpose_en: 'Food',
          q2_label_sv: 'Kost',
          q3_label_en: 'X',
          q3_purpose_en: 'Y',
          q3_retention: '99999',
        },
        'UTC',
      ),
    );
    assert.deepEqual(f, {
      capacity: 'registration.capacity-invalid',
      q0_purpose_en: 'registration.question-purpose-required',
      q1_label_en: 'registration.question-label-required',
      q2_purpose_sv: 'registration.question-sv-incomplete',
      q3_retention: 'registration.retention-invalid',
    });
  });
});

describe('availability', () => {
  const now = '2026-11-21T12:00:00.000Z';
  const event = { startsAt: '2026-12-01T17:00:00.000Z', status: 'published' };
  const s = (over: Partial<ReturnType<typeof defaultSettings>>) => ({ ...defaultSettings(), enabled: true, ...over });

  it('counts seats left, then the waiting list, then full', () => {
    assert.deepEqual(availabilityOf(undefined, event, now), { state: 'none' });
    assert.deepEqual(availabilityOf(s({ enabled: false }), event, now), { state: 'none' });
    assert.deepEqual(availabilityOf(s({ capacity: null }), event, now), { state: 'open', seatsLeft: null });
    assert.deepEqual(availabilityOf(s({ capacity: 40, taken: 28 }), event, now), { state: 'open', seatsLeft: 12 });
    assert.deepEqual(availabilityOf(s({ capacity: 40, taken: 40 }), event, now), { state: 'waitlist' });
    assert.deepEqual(availabilityOf(s({ capacity: 40, taken: 41, waitlist: false }), event, now), { state: 'full' });
  });

  it('closes at the deadline, at the start, and for a cancelled event', () => {
    assert.deepEqual(availabilityOf(s({ deadline: '2026-11-21T11:59:59.000Z' }), event, now), { state: 'closed' });
    assert.deepEqual(availabilityOf(s({ deadline: '2026-11-30T00:00:00.000Z' }), event, now).state, 'open');
    assert.deepEqual(availabilityOf(s({}), event, event.startsAt), { state: 'closed' });
    assert.deepEqual(
      availabilityOf(s({ deadline: '2027-01-01T00:00:00.000Z' }), event, event.startsAt),
      { state: 'closed' },
      'a deadline after the start does not extend it',
    );
    assert.deepEqual(availabilityOf(s({}), { ...event, status: 'cancelled' }, now), { state: 'closed' });
  });
});

describe('CSV cells', () => {
  it('neutralises what a spreadsheet would run as a formula, and quotes everything', () => {
    for (const v of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x']) assert.equal(csvCell(v), `"'${v}"`);
    assert.equal(csvCell('Ana "the first", 1'), '"Ana ""the first"", 1"');
    assert.equal(csvCell('a=b'), '"a=b"');
    assert.equal(csvLine(['a', '=b']), `"a","'=b"\r\n`);
  });
});
