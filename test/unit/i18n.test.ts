import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogueFor, defaultLocale, localePath, locales, splitLocale, t } from '../../src/i18n/index.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
const english = catalogueFor(defaultLocale);
const englishKeys = Object.keys(english).sort();

describe('i18n catalogues', () => {
  it('English is the default and has messages', () => {
    assert.equal(defaultLocale, 'en');
    assert.ok(englishKeys.length > 50);
  });

  for (const locale of locales) {
    describe(locale, () => {
      const catalogue = catalogueFor(locale);

      it('has exactly the English keys', () => {
        const keys = Object.keys(catalogue).sort();
        assert.deepEqual(
          keys.filter((k) => !(k in english)),
          [],
          'keys that English does not have',
        );
        assert.deepEqual(
          englishKeys.filter((k) => !(k in catalogue)),
          [],
          'English keys missing here',
        );
      });

      it('has no empty or blank strings', () => {
        const empty = Object.entries(catalogue).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
        assert.deepEqual(empty, []);
      });

      it('uses the same {placeholders} as English, key by key', () => {
        const mismatched = Object.entries(catalogue)
          .filter(([k, v]) => placeholders(v).join() !== placeholders(english[k as keyof typeof english]).join())
          .map(([k, v]) => `${k}: ${v}`);
        assert.deepEqual(mismatched, []);
      });

      it('has balanced braces (no broken placeholders such as "{count")', () => {
        const broken = Object.entries(catalogue).filter(([, v]) => v.replace(/\{\w+\}/g, '').match(/[{}]/));
        assert.deepEqual(broken, []);
      });
    });
  }
});

describe('t()', () => {
  it('fills placeholders and leaves unknown ones alone', () => {
    assert.equal(t('en', 'pager.status', { page: 2, pages: 5 }), 'Page 2 of 5');
    assert.equal(t('sv', 'pager.status', { page: 2, pages: 5 }), 'Sida 2 av 5');
    assert.equal(t('en', 'pager.status', { page: 2 }), 'Page 2 of {pages}');
  });

  it('does not interpret $ patterns or HTML in values (views escape them)', () => {
    assert.equal(t('en', 'event.photo', { credit: '$& $1 <b>x</b>' }), 'Photo: $& $1 <b>x</b>');
  });
});

describe('locale paths', () => {
  it('builds and splits localised paths', () => {
    assert.equal(localePath('en', '/events'), '/events');
    assert.equal(localePath('sv', '/events'), '/sv/events');
    assert.equal(localePath('sv', '/'), '/sv');
    assert.deepEqual(splitLocale('/sv/events/x'), ['sv', '/events/x']);
    assert.deepEqual(splitLocale('/sv'), ['sv', '/']);
    assert.deepEqual(splitLocale('/svenska'), ['en', '/svenska']);
    assert.deepEqual(splitLocale('/events'), ['en', '/events']);
  });
});
