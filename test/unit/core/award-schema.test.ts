import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AWARD_LIMITS,
  awardFormValues,
  countryCodes,
  parseAwardForm,
  parseYear,
  valuesOfRecipient,
  yearFromPath,
  type AdminRecipient,
} from '../../../src/core/award/award.schema.js';
import { DomainError } from '../../../src/core/shared/errors.js';
import { demoAwardRecipients } from '../../../src/db/demo/award-data.js';

const valid = { year: '2015', name: 'Nguyễn Ngọc Như Quỳnh', country_code: 'VN', motivation_en: 'A blogger who writes openly.' };

function fieldErrors(raw: Record<string, string>): Record<string, string> {
  try {
    parseAwardForm(raw);
  } catch (e) {
    assert.ok(e instanceof DomainError && e.code === 'invalid', String(e));
    return e.fields;
  }
  assert.fail('the form was accepted');
}

describe('award: the recipient form', () => {
  it('accepts a recipient with an English version only, and trims what was typed', () => {
    const input = parseAwardForm({ ...valid, name: '  Nguyễn Ngọc Như Quỳnh ', country_code: 'vn', organisation: ' Vietnamese Bloggers Network ' });
    assert.deepEqual(input, {
      year: 2015,
      name: 'Nguyễn Ngọc Như Quỳnh',
      countryCode: 'VN',
      organisation: 'Vietnamese Bloggers Network',
      editionYear: null,
      texts: { en: { motivation: 'A blogger who writes openly.', ceremony: '' }, sv: null },
    });
  });

  it('keeps a Swedish version when it has a motivation, and the edition year when given', () => {
    const input = parseAwardForm({ ...valid, edition_year: '2015', motivation_sv: 'En bloggare.', ceremony_sv: 'I Stockholm.', ceremony_en: 'In Stockholm.' });
    assert.equal(input.editionYear, 2015);
    assert.deepEqual(input.texts, {
      en: { motivation: 'A blogger who writes openly.', ceremony: 'In Stockholm.' },
      sv: { motivation: 'En bloggare.', ceremony: 'I Stockholm.' },
    });
  });

  it('names every problem at once, by field', () => {
    assert.deepEqual(fieldErrors({}), {
      year: 'award.year-required',
      name: 'form.name-required',
      country_code: 'award.country-required',
      motivation_en: 'award.motivation-required',
    });
    assert.deepEqual(fieldErrors({ ...valid, year: '15', country_code: 'ZZ', edition_year: 'next', ceremony_sv: 'Bara ceremonin' }), {
      year: 'award.year-invalid',
      country_code: 'form.choice-invalid',
      edition_year: 'award.year-invalid',
      motivation_sv: 'award.motivation-sv-required',
    });
  });

  it('refuses years out of range, withdrawn country codes, control characters and over-long texts', () => {
    for (const year of ['1989', '2101', '20150', '２０１５', ' 2015x', '-2015', '2015.0']) assert.ok(fieldErrors({ ...valid, year }).year, year);
    for (const code of ['SU', 'YU', 'DD', 'UK', 'XA', 'EU', 'S', 'SWE', '<b>'])
      assert.equal(fieldErrors({ ...valid, country_code: code }).country_code, 'form.choice-invalid', code);
    assert.equal(fieldErrors({ ...valid, name: 'A\u0000B' }).name, 'form.text-invalid');
    assert.equal(fieldErrors({ ...valid, motivation_en: 'x'.repeat(AWARD_LIMITS.motivation + 1) }).motivation_en, 'form.too-long');
    assert.equal(fieldErrors({ ...valid, organisation: 'o'.repeat(AWARD_LIMITS.organisation + 1) }).organisation, 'form.too-long');
  });

  it('reads a year from a path only when it is a plausible year', () => {
    assert.equal(parseYear('2013'), 2013);
    assert.equal(parseYear('1990'), 1990);
    assert.equal(parseYear('2100'), 2100);
    for (const v of ['', '999999999', '0', 'abc', '2013 ', '2013/']) assert.equal(yearFromPath(v), undefined, v);
  });

  it('offers the countries in use, Kosovo included, and no aliases', () => {
    assert.ok(countryCodes.length >= 240 && countryCodes.length <= 260, String(countryCodes.length));
    for (const c of ['SE', 'BY', 'RS', 'VN', 'TR', 'XK']) assert.ok(countryCodes.includes(c), c);
    for (const c of ['SU', 'YU', 'DD', 'UK', 'ZR', 'XA', 'XB', 'EU', 'ZZ']) assert.ok(!countryCodes.includes(c), c);
  });

  it('gives back what was typed, and the stored values, under the form’s field names', () => {
    assert.deepEqual(awardFormValues({ ...valid, extra: 'x' }), {
      year: '2015',
      name: 'Nguyễn Ngọc Như Quỳnh',
      country_code: 'VN',
      organisation: '',
      edition_year: '',
      motivation_en: 'A blogger who writes openly.',
      ceremony_en: '',
      motivation_sv: '',
      ceremony_sv: '',
    });
    const stored: AdminRecipient = {
      id: 1,
      year: 2014,
      name: 'Ales Bialiatski',
      countryCode: 'BY',
      status: 'draft',
      updatedAt: '',
      organisation: 'Viasna',
      editionYear: 2014,
      texts: { en: { motivation: 'M', ceremony: 'C' }, sv: null },
      photo: null,
      report: null,
      publishedAt: null,
    };
    assert.deepEqual(parseAwardForm(valuesOfRecipient(stored)), {
      year: 2014,
      name: 'Ales Bialiatski',
      countryCode: 'BY',
      organisation: 'Viasna',
      editionYear: 2014,
      texts: { en: { motivation: 'M', ceremony: 'C' }, sv: null },
    });
  });
});

describe('award: the demo recipients', () => {
  it('are the four of the product brief, each valid as a form would take it, in both languages', () => {
    assert.deepEqual(
      demoAwardRecipients.map((r) => [r.year, r.name, r.countryCode]),
      [
        [2013, 'Nataša Kandić', 'RS'],
        [2014, 'Ales Bialiatski', 'BY'],
        [2015, 'Nguyễn Ngọc Như Quỳnh', 'VN'],
        [2018, 'Murat Çelikkan', 'TR'],
      ],
    );
    for (const r of demoAwardRecipients) {
      const input = parseAwardForm({
        year: String(r.year),
        name: r.name,
        country_code: r.countryCode,
        organisation: r.organisation,
        edition_year: String(r.editionYear),
        motivation_en: r.texts.en.motivation,
        ceremony_en: r.texts.en.ceremony,
        motivation_sv: r.texts.sv.motivation,
        ceremony_sv: r.texts.sv.ceremony,
      });
      assert.ok(input.texts.sv, `${r.year} has a Swedish version`);
      for (const t of [r.texts.en, r.texts.sv]) assert.doesNotMatch(`${t.motivation}\n${t.ceremony}`, /[<>]|\*\*|^#/m, `${r.year}: plain text`);
    }
  });
});
