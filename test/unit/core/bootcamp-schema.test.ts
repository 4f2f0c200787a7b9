import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  courseFormValues,
  goalRowCount,
  isIsoDate,
  MAX_GOALS,
  parseConceptForm,
  parseCourseForm,
  valuesOfCourse,
  type AdminCourse,
} from '../../../src/core/bootcamp/bootcamp.schema.js';
import { DomainError } from '../../../src/core/shared/errors.js';

const valid = {
  slug: 'Digital-Security-2027',
  title_en: ' Digital security basics ',
  description_en: 'Six weeks.\r\nRemote.',
  language: 'en-ru',
  audience: 'applications',
  capacity: '24',
  starts_on: '2027-02-01',
  ends_on: '2027-03-12',
  concepts: ['3', '1', '3'],
  trainers: '7',
  goal_en_1: 'Threat modelling',
  goal_sv_1: 'Hotmodellering',
  goal_id_1: '12',
  goal_en_3: 'Safer messaging',
};

function fieldsOf(raw: Record<string, unknown>): Record<string, string> {
  try {
    parseCourseForm(raw);
  } catch (e) {
    assert.ok(e instanceof DomainError);
    assert.equal(e.code, 'invalid');
    return e.fields;
  }
  assert.fail('expected the form to be refused');
}

describe('bootcamp course form', () => {
  it('reads a valid form: slug lower-cased, texts trimmed, ids without repeats, empty goal rows skipped', () => {
    const c = parseCourseForm(valid);
    assert.equal(c.slug, 'digital-security-2027');
    assert.deepEqual(c.texts, { en: { title: 'Digital security basics', description: 'Six weeks.\nRemote.' }, sv: null });
    assert.equal(c.language, 'en-ru');
    assert.equal(c.audience, 'applications');
    assert.equal(c.capacity, 24);
    assert.deepEqual(c.conceptIds, [3, 1]);
    assert.deepEqual(c.trainerIds, [7]);
    assert.deepEqual(c.goals, [
      { id: 12, en: 'Threat modelling', sv: 'Hotmodellering' },
      { id: null, en: 'Safer messaging', sv: '' },
    ]);
  });

  it('keeps a Swedish version when its title or description is filled in', () => {
    assert.deepEqual(parseCourseForm({ ...valid, description_sv: 'Sex veckor.' }).texts.sv, { title: '', description: 'Sex veckor.' });
  });

  it('collects every problem at once', () => {
    const fields = fieldsOf({
      slug: 'no spaces',
      title_en: '',
      language: 'klingon',
      audience: 'everyone',
      capacity: '0',
      starts_on: '2027-02-30',
      ends_on: 'soon',
      concepts: ['x'],
      trainers: ['-1'],
      goal_sv_2: 'Bara svenska',
      goal_id_4: 'abc',
      goal_en_4: 'With a broken id',
    });
    assert.deepEqual(fields, {
      slug: 'form.slug-invalid',
      title_en: 'bootcamp.form.title-required',
      language: 'form.choice-invalid',
      audience: 'form.choice-invalid',
      capacity: 'bootcamp.form.capacity-invalid',
      starts_on: 'bootcamp.form.date-invalid',
      ends_on: 'bootcamp.form.date-invalid',
      concepts: 'form.choice-invalid',
      trainers: 'form.choice-invalid',
      goal_en_2: 'bootcamp.form.goal-en-required',
      goal_id_4: 'form.choice-invalid',
    });
  });

  it('refuses an end before the start, a missing slug, too many places, control characters and over-long text', () => {
    const fields = fieldsOf({ ...valid, slug: '', ends_on: '2027-01-31', capacity: '10001', description_en: 'a\u0000b', goal_en_1: 'x'.repeat(501) });
    assert.equal(fields.slug, 'form.slug-required');
    assert.equal(fields.ends_on, 'bootcamp.form.end-before-start');
    assert.equal(fields.capacity, 'bootcamp.form.capacity-invalid');
    assert.equal(fields.description_en, 'form.text-invalid');
    assert.equal(fields.goal_en_1, 'form.too-long');
  });

  it('a one-day course is fine', () => {
    assert.equal(parseCourseForm({ ...valid, ends_on: '2027-02-01' }).endsOn, '2027-02-01');
  });

  it('knows real calendar dates', () => {
    for (const d of ['2027-02-28', '2028-02-29', '2000-01-01']) assert.ok(isIsoDate(d), d);
    for (const d of ['2027-02-29', '2027-13-01', '27-02-01', '2027-2-1', '1999-12-31', '2027-02-01T00:00']) assert.ok(!isIsoDate(d), d);
  });

  it('gives back what was typed, and the stored course, as the same form values', () => {
    const typed = courseFormValues(valid);
    assert.equal(typed.title_en, 'Digital security basics');
    assert.deepEqual(typed.concepts, ['3', '1', '3']);
    assert.equal(typed.goal_en_3, 'Safer messaging');
    assert.equal(goalRowCount(typed), 5, 'the last filled row and two empty ones');
    const course: AdminCourse = {
      id: 1,
      slug: 's',
      title: 'T',
      status: 'draft',
      startsOn: '2027-01-01',
      endsOn: '2027-01-02',
      texts: { en: { title: 'T', description: '' }, sv: null },
      language: 'sv',
      audience: 'invited',
      capacity: 5,
      conceptIds: [2],
      trainerIds: [],
      goals: [{ id: 9, en: 'G', sv: '' }],
    };
    const stored = valuesOfCourse(course);
    assert.equal(stored.goal_id_1, '9');
    assert.equal(stored.capacity, '5');
    assert.deepEqual(stored.concepts, ['2']);
    assert.equal(goalRowCount({}), 3);
    const full = Object.fromEntries(Array.from({ length: MAX_GOALS }, (_, i) => [`goal_en_${i + 1}`, 'x']));
    assert.equal(goalRowCount(full), MAX_GOALS);
  });
});

describe('training concept form', () => {
  it('needs the English name; Swedish is optional', () => {
    assert.deepEqual(parseConceptForm({ name_en: ' Strategic litigation ', name_sv: '' }), { en: 'Strategic litigation', sv: '' });
    assert.throws(
      () => parseConceptForm({ name_en: '', name_sv: 'Strategisk processföring' }),
      (e: unknown) => e instanceof DomainError && e.fields.name_en === 'bootcamp.form.concept-name-required',
    );
  });
});
